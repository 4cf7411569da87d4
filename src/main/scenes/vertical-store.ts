import type { ProgramScene } from '../../shared/domain/scenes.js';
import { INITIAL_VERTICAL_PROGRAM } from '../../shared/domain/vertical-scenes.js';
import type { StudioDatabase } from '../db/open-database.js';

/**
 * The vertical output's program, "Linked" and the host's scene pairs in
 * SQLite (runs in main; the one writer of vertical_program and
 * vertical_pairs, migration 0190). A program scene deleted meanwhile reads
 * as the ready-made "Vertical: camera + card".
 */
export class VerticalStore {
  constructor(private readonly db: StudioDatabase) {}

  program(): ProgramScene {
    const row = this.db
      .prepare('SELECT v.scene_id AS sceneId, v.transition, v.taken_at AS takenAt FROM vertical_program v JOIN scenes s ON s.id = v.scene_id WHERE v.id = 1')
      .get() as ProgramScene | undefined;
    return row ? { sceneId: row.sceneId, transition: row.transition, takenAt: row.takenAt } : INITIAL_VERTICAL_PROGRAM;
  }

  linked(): boolean {
    const linked = this.db.prepare('SELECT linked FROM vertical_program WHERE id = 1').pluck().get() as number | undefined;
    return linked !== 0;
  }

  save(program: ProgramScene, linked: boolean): void {
    this.db
      .prepare(
        `INSERT INTO vertical_program (id, linked, scene_id, transition, taken_at) VALUES (1, @linked, @sceneId, @transition, @takenAt)
         ON CONFLICT (id) DO UPDATE SET linked = excluded.linked, scene_id = excluded.scene_id, transition = excluded.transition, taken_at = excluded.taken_at`,
      )
      .run({ ...program, linked: linked ? 1 : 0 });
  }

  pairs(): Record<string, string> {
    const rows = this.db.prepare('SELECT scene_id AS sceneId, vertical_scene_id AS verticalId FROM vertical_pairs').all() as { sceneId: string; verticalId: string }[];
    return Object.fromEntries(rows.map((r) => [r.sceneId, r.verticalId]));
  }

  /** null: the scene follows the automatic pairing again. */
  setPair(sceneId: string, verticalSceneId: string | null): void {
    if (verticalSceneId === null) this.db.prepare('DELETE FROM vertical_pairs WHERE scene_id = ?').run(sceneId);
    else
      this.db
        .prepare('INSERT INTO vertical_pairs (scene_id, vertical_scene_id) VALUES (?, ?) ON CONFLICT (scene_id) DO UPDATE SET vertical_scene_id = excluded.vertical_scene_id')
        .run(sceneId, verticalSceneId);
  }
}

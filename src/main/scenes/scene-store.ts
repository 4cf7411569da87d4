import { INITIAL_PROGRAM_SCENE, layerSchema, type ProgramScene, type Scene } from '../../shared/domain/scenes.js';
import type { StudioDatabase } from '../db/open-database.js';

/**
 * The compositor's scenes in SQLite (runs in main; the one writer of the
 * scenes table). Layers are stored as JSON and validated again on the way
 * out, so a hand-edited file shows a scene without its broken layers
 * instead of breaking the studio.
 */

interface SceneRow {
  id: string;
  name: string;
  layers: string;
  orientation: 'horizontal' | 'vertical';
}

export const SCENE_QUERIES = {
  list: 'SELECT id, name, layers, orientation FROM scenes ORDER BY position, id',
} as const;

export class SceneStore {
  constructor(private readonly db: StudioDatabase) {}

  list(): Scene[] {
    return (this.db.prepare(SCENE_QUERIES.list).all() as SceneRow[]).map(toScene);
  }

  /** Inserts (at the end) or replaces by id. */
  save(scene: Scene, now = Date.now()): Scene {
    this.db
      .prepare(
        `INSERT INTO scenes (id, name, position, layers, updated_at, orientation)
         VALUES (@id, @name, (SELECT coalesce(max(position), -1) + 1 FROM scenes), @layers, @now, coalesce(@orientation, 'horizontal'))
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, layers = excluded.layers, updated_at = excluded.updated_at,
           orientation = coalesce(@orientation, scenes.orientation)`,
      )
      // A scene saved without an orientation (an older window, the layer editor) keeps the one it has.
      .run({ id: scene.id, name: scene.name, layers: JSON.stringify(scene.layers), now, orientation: scene.orientation ?? null });
    return scene;
  }

  delete(sceneId: string): boolean {
    return this.db.prepare('DELETE FROM scenes WHERE id = ?').run(sceneId).changes > 0;
  }

  /** The scene on air as last taken; the camera before any Take, or when that scene is no longer stored. */
  program(): ProgramScene {
    const row = this.db
      .prepare('SELECT p.scene_id AS sceneId, p.transition, p.taken_at AS takenAt FROM program_scene p JOIN scenes s ON s.id = p.scene_id WHERE p.id = 1')
      .get() as ProgramScene | undefined;
    return row ? { sceneId: row.sceneId, transition: row.transition, takenAt: row.takenAt } : INITIAL_PROGRAM_SCENE;
  }

  setProgram(program: ProgramScene): void {
    this.db
      .prepare(
        `INSERT INTO program_scene (id, scene_id, transition, taken_at) VALUES (1, @sceneId, @transition, @takenAt)
         ON CONFLICT (id) DO UPDATE SET scene_id = excluded.scene_id, transition = excluded.transition, taken_at = excluded.taken_at`,
      )
      .run(program);
  }

  /** Listed ids first in the given order, the rest after them in their old order. */
  reorder(sceneIds: readonly string[]): Scene[] {
    const current = this.list().map((s) => s.id);
    const listed = sceneIds.filter((id, i) => current.includes(id) && sceneIds.indexOf(id) === i);
    const order = [...listed, ...current.filter((id) => !listed.includes(id))];
    const update = this.db.prepare('UPDATE scenes SET position = ? WHERE id = ?');
    this.db.transaction(() => order.forEach((id, position) => update.run(position, id)))();
    return this.list();
  }
}

function toScene(row: SceneRow): Scene {
  let raw: unknown[] = [];
  try {
    const parsed: unknown = JSON.parse(row.layers);
    if (Array.isArray(parsed)) raw = parsed;
  } catch {
    // The CHECK keeps invalid JSON out; nothing to show if it got in anyway.
  }
  const layers = raw.flatMap((l) => {
    const result = layerSchema.safeParse(l);
    return result.success ? [result.data] : [];
  });
  // A 16:9 scene reads back as it was saved (no orientation), as before vertical output.
  return { id: row.id, name: row.name, layers, ...(row.orientation === 'vertical' ? { orientation: 'vertical' as const } : {}) };
}

import { INITIAL_VERTICAL_PROGRAM, READY_MADE_VERTICAL_SCENES } from '../../../shared/domain/vertical-scenes.js';
import type { Migration } from './types.js';

/**
 * Vertical output (issue 18): each scene says which output it is made for
 * (16:9 or 9:16; every scene so far is 16:9), the ready-made vertical scenes
 * are stored once after the host's own, and the vertical output's program
 * (with "Linked": one Take switches both outputs) and the host's chosen
 * pairs (16:9 scene -> vertical scene) are kept across restarts, as the 16:9
 * program is (0080). No foreign keys, as there: a deleted scene falls back
 * when read.
 */
export const verticalScenesMigration: Migration = {
  version: 190,
  name: 'vertical-scenes',
  up(db) {
    db.exec(`
      ALTER TABLE scenes ADD COLUMN orientation TEXT NOT NULL DEFAULT 'horizontal' CHECK (orientation IN ('horizontal', 'vertical'));
      CREATE TABLE vertical_program (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        linked     INTEGER NOT NULL CHECK (linked IN (0, 1)),
        scene_id   TEXT NOT NULL,
        transition TEXT NOT NULL CHECK (transition IN ('cut', 'fade')),
        taken_at   INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE vertical_pairs (
        scene_id          TEXT PRIMARY KEY,
        vertical_scene_id TEXT NOT NULL
      ) STRICT;
    `);
    const insert = db.prepare(
      `INSERT OR IGNORE INTO scenes (id, name, position, layers, updated_at, orientation)
       VALUES (?, ?, (SELECT coalesce(max(position), -1) + 1 FROM scenes), ?, ?, 'vertical')`,
    );
    const now = Date.now();
    for (const scene of READY_MADE_VERTICAL_SCENES) insert.run(scene.id, scene.name, JSON.stringify(scene.layers), now);
    db.prepare("INSERT INTO vertical_program (id, linked, scene_id, transition, taken_at) VALUES (1, 1, ?, 'cut', 0)").run(INITIAL_VERTICAL_PROGRAM.sceneId);
  },
};

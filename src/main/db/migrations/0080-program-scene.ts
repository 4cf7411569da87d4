import type { Migration } from './types.js';

/**
 * The scene on air, kept across restarts: a studio that crashes mid-show
 * comes back on the scene the host last took, not on the camera. One row;
 * no foreign key (a scene on air cannot be deleted, and a restored backup
 * that lacks it falls back to the camera when read).
 */
export const programSceneMigration: Migration = {
  version: 80,
  name: 'program-scene',
  up(db) {
    db.exec(`
      CREATE TABLE program_scene (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        scene_id   TEXT NOT NULL,
        transition TEXT NOT NULL CHECK (transition IN ('cut', 'fade')),
        taken_at   INTEGER NOT NULL
      ) STRICT;
    `);
  },
};

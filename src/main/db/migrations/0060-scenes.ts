import { READY_MADE_SCENES } from '../../../shared/domain/scenes.js';
import type { Migration } from './types.js';

/**
 * The compositor's scenes. `layers` is the scene's layer list as JSON (the
 * shape of shared/domain/scenes.ts, checked with zod on the way in and out);
 * the CHECK keeps anything but a JSON array out of the file. The ready-made
 * scenes are stored here, once: after that they are the host's to rename,
 * edit or delete, and an app update never brings a deleted one back.
 */
export const scenesMigration: Migration = {
  version: 60,
  name: 'scenes',
  up(db) {
    db.exec(`
      CREATE TABLE scenes (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
        position   INTEGER NOT NULL,
        layers     TEXT NOT NULL CHECK (json_valid(layers) AND json_type(layers) = 'array'),
        updated_at INTEGER NOT NULL
      ) STRICT;
      -- The scene bar's order (F1…F8).
      CREATE INDEX scenes_by_position ON scenes (position, id);
    `);
    const insert = db.prepare('INSERT INTO scenes (id, name, position, layers, updated_at) VALUES (?, ?, ?, ?, ?)');
    const now = Date.now();
    READY_MADE_SCENES.forEach((scene, position) => insert.run(scene.id, scene.name, position, JSON.stringify(scene.layers), now));
  },
};

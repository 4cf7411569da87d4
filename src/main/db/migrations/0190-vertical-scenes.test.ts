import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/support/temp-dir.js';
import { READY_MADE_VERTICAL_SCENES } from '../../../shared/domain/vertical-scenes.js';
import { migrate } from '../open-database.js';
import { migrations } from './index.js';

describe('migration 0190-vertical-scenes', () => {
  const before = () => {
    const db = new Database(path.join(tempDir(), 'vertical.sqlite'));
    migrate(db, migrations.filter((m) => m.version < 190));
    return db;
  };

  it('marks every older scene 16:9, adds the vertical scenes after the host’s own, and starts linked on "Vertical: camera + card"', () => {
    const db = before();
    // A host's own scene, made before vertical output existed, last in the list.
    db.prepare("INSERT INTO scenes (id, name, position, layers, updated_at) VALUES ('my-intro', 'My intro', 99, '[]', 0)").run();
    migrate(db, migrations);
    const rows = db.prepare('SELECT id, name, orientation, position FROM scenes ORDER BY position').all() as { id: string; orientation: string; position: number }[];
    const vertical = rows.filter((r) => r.orientation === 'vertical');
    expect(vertical.map((r) => r.id)).toEqual(READY_MADE_VERTICAL_SCENES.map((s) => s.id));
    expect(rows.filter((r) => r.orientation === 'horizontal').map((r) => r.id)).toContain('my-intro');
    expect(vertical[0]!.position).toBeGreaterThan(99);
    expect(db.prepare('SELECT linked, scene_id AS sceneId, transition, taken_at AS takenAt FROM vertical_program').all()).toEqual([
      { linked: 1, sceneId: 'vertical-camera-card', transition: 'cut', takenAt: 0 },
    ]);
    const layers = JSON.parse(db.prepare("SELECT layers FROM scenes WHERE id = 'vertical-guest-stacked'").pluck().get() as string) as { source: { kind: string } }[];
    expect(layers.map((l) => l.source.kind)).toEqual(['camera', 'guest', 'lower-third', 'product-card']);
  });

  it('keeps its tables STRICT and its values to the known ones', () => {
    const db = before();
    migrate(db, migrations);
    for (const table of ['vertical_program', 'vertical_pairs']) {
      expect(db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(table)).toMatch(/\) STRICT$/);
    }
    expect(() => db.prepare("UPDATE scenes SET orientation = 'square' WHERE id = 'camera'").run()).toThrow(/CHECK constraint/);
    expect(() => db.prepare('UPDATE vertical_program SET linked = 2').run()).toThrow(/CHECK constraint/);
    expect(() => db.prepare("INSERT INTO vertical_program (id, linked, scene_id, transition, taken_at) VALUES (2, 1, 'x', 'cut', 0)").run()).toThrow(
      /CHECK constraint/,
    );
    db.prepare("INSERT INTO vertical_pairs (scene_id, vertical_scene_id) VALUES ('camera', 'vertical-product-split')").run();
    expect(() => db.prepare("INSERT INTO vertical_pairs (scene_id, vertical_scene_id) VALUES ('camera', 'x')").run()).toThrow(/UNIQUE/);
  });
});

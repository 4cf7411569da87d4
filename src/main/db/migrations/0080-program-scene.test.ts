import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/support/temp-dir.js';
import { migrate } from '../open-database.js';
import { migrations } from './index.js';

describe('migration 0080-program-scene', () => {
  it('keeps one STRICT row with a known transition', () => {
    const db = new Database(path.join(tempDir(), 'program.sqlite'));
    migrate(db, migrations.filter((m) => m.version <= 80));
    const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'program_scene'").pluck().get() as string;
    expect(sql).toMatch(/\) STRICT$/);
    const insert = db.prepare('INSERT INTO program_scene (id, scene_id, transition, taken_at) VALUES (?, ?, ?, 1)');
    expect(() => insert.run(1, 'camera', 'cut')).not.toThrow();
    expect(() => insert.run(2, 'camera', 'cut')).toThrow(/CHECK constraint/);
    expect(() => db.prepare("UPDATE program_scene SET transition = 'wipe'").run()).toThrow(/CHECK constraint/);
  });
});

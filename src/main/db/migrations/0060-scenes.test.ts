import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { READY_MADE_SCENES } from '../../../shared/domain/scenes.js';
import { tempDir } from '../../../../tests/support/temp-dir.js';
import { migrate, schemaVersionOf } from '../open-database.js';
import { migrations } from './index.js';

describe('migration 0060-scenes', () => {
  const fresh = () => {
    const db = new Database(path.join(tempDir(), 'scenes.sqlite'));
    migrate(db, migrations.filter((m) => m.version <= 60));
    return db;
  };

  it('creates a STRICT scenes table and stores the ready-made scenes once, in order', () => {
    const db = fresh();
    expect(schemaVersionOf(db)).toBeGreaterThanOrEqual(60);
    const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'scenes'").pluck().get() as string;
    expect(sql).toMatch(/\) STRICT$/);
    const rows = db.prepare('SELECT id, name, layers FROM scenes ORDER BY position').all() as { id: string; name: string; layers: string }[];
    expect(rows.map((r) => r.id)).toEqual(READY_MADE_SCENES.map((s) => s.id));
    expect(JSON.parse(rows[1]!.layers)).toEqual(READY_MADE_SCENES[1]!.layers);
  });

  it('stores only JSON arrays as layers, and no empty names', () => {
    const db = fresh();
    const insert = db.prepare('INSERT INTO scenes (id, name, position, layers, updated_at) VALUES (?, ?, 9, ?, 1)');
    expect(() => insert.run('a', 'A', '{not json')).toThrow(/CHECK constraint/);
    expect(() => insert.run('b', 'B', '{"x":1}')).toThrow(/CHECK constraint/);
    expect(() => insert.run('c', '  ', '[]')).toThrow(/CHECK constraint/);
    expect(() => insert.run('d', 'D', '[]')).not.toThrow();
  });
});

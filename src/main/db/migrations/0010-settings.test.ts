import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../open-database.js';
import { settingsMigration } from './0010-settings.js';

describe('migration 0010-settings', () => {
  const fresh = () => {
    const db = new Database(':memory:');
    migrate(db, [settingsMigration]);
    return db;
  };

  it('moves an empty database to version 10 with a STRICT settings table', () => {
    const db = fresh();
    expect(schemaVersionOf(db)).toBe(10);
    const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'settings'").pluck().get() as string;
    expect(sql).toMatch(/STRICT/);
  });

  it('rejects values that are not JSON and types that do not match', () => {
    const db = fresh();
    const insert = db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)');
    expect(() => insert.run('a', '{not json', 1)).toThrow(/CHECK constraint/);
    expect(() => insert.run('b', '"ok"', 'yesterday')).toThrow(/cannot store TEXT value in INTEGER column/);
    insert.run('c', '{"ok":true}', 1);
    expect(() => insert.run('c', '1', 2)).toThrow(/UNIQUE constraint/);
  });
});

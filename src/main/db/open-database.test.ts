import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { latestSchemaVersion, migrate, NewerDatabaseError, openDatabase, schemaVersionOf } from './open-database.js';
import type { Migration } from './migrations/types.js';

describe('openDatabase', () => {
  it('creates the file in WAL mode, with foreign keys on, at the latest schema version', () => {
    const file = path.join(tempDir(), 'nested', 'studio.sqlite');
    const db = openDatabase(file);
    expect(fs.existsSync(file)).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersionOf(db)).toBe(latestSchemaVersion());
    db.close();
  });

  it('reopens an existing file without running migrations again', () => {
    const file = path.join(tempDir(), 'studio.sqlite');
    const first = openDatabase(file);
    first.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('k', '1', 0)").run();
    first.close();
    const second = openDatabase(file);
    expect(second.prepare("SELECT value FROM settings WHERE key = 'k'").get()).toEqual({ value: '1' });
    second.close();
  });

  it('refuses a database written by a newer app and leaves it byte-for-byte unchanged', () => {
    const file = path.join(tempDir(), 'future.sqlite');
    const raw = new Database(file);
    raw.exec('CREATE TABLE future_things (id INTEGER PRIMARY KEY) STRICT');
    raw.pragma(`user_version = ${latestSchemaVersion() + 5}`);
    raw.close();
    const before = fs.readFileSync(file);
    let error: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NewerDatabaseError);
    expect((error as Error).message).toMatch(/newer version of Live Seller Studio/);
    expect((error as Error).message).toContain(file);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('loads the native module from an explicit path (how the desktop app uses its Electron build)', () => {
    const binding = path.resolve(import.meta.dirname, '../../../node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    const db = openDatabase(path.join(tempDir(), 'studio.sqlite'), { nativeBinding: binding });
    expect(schemaVersionOf(db)).toBe(latestSchemaVersion());
    db.close();
    expect(() => openDatabase(path.join(tempDir(), 'other.sqlite'), { nativeBinding: '/nowhere/better_sqlite3.node' })).toThrow(
      /Could not open the studio data file/,
    );
  });

  it('says plainly when the file is not a studio database', () => {
    const file = path.join(tempDir(), 'notes.sqlite');
    fs.writeFileSync(file, 'this is a text file, not a database '.repeat(200));
    expect(() => openDatabase(file)).toThrow(/not a Live Seller Studio data file/);
  });
});

describe('migrate', () => {
  const step = (version: number, sql: string): Migration => ({ version, name: `m${version}`, up: (db) => db.exec(sql) });

  it('runs all pending migrations in one transaction: a failure leaves the file as it was', () => {
    const db = new Database(path.join(tempDir(), 'tx.sqlite'));
    migrate(db, [step(1, 'CREATE TABLE a (x INTEGER) STRICT')]);
    expect(schemaVersionOf(db)).toBe(1);
    expect(() =>
      migrate(db, [
        step(1, 'CREATE TABLE a (x INTEGER) STRICT'),
        step(2, 'CREATE TABLE b (x INTEGER) STRICT'),
        step(3, 'THIS IS NOT SQL'),
      ]),
    ).toThrow();
    expect(schemaVersionOf(db)).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['a']);
    db.close();
  });

  it('applies only the migrations newer than the file, in version order', () => {
    const db = new Database(':memory:');
    const order: number[] = [];
    const tracked = (v: number): Migration => ({ version: v, name: `t${v}`, up: () => void order.push(v) });
    migrate(db, [tracked(20), tracked(10)]);
    expect(order).toEqual([10, 20]);
    migrate(db, [tracked(10), tracked(20), tracked(30)]);
    expect(order).toEqual([10, 20, 30]);
    expect(schemaVersionOf(db)).toBe(30);
  });

  it('rejects two migrations with the same version', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [step(5, 'SELECT 1'), step(5, 'SELECT 2')])).toThrow(/Two migrations have version 5/);
  });
});

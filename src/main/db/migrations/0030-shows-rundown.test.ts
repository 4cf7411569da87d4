import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/support/temp-dir.js';
import { migrate, schemaVersionOf } from '../open-database.js';
import { settingsMigration } from './0010-settings.js';
import { catalogMigration } from './0020-catalog.js';
import { showsRundownMigration } from './0030-shows-rundown.js';

describe('migration 0030-shows-rundown', () => {
  const fresh = () => {
    const db = new Database(path.join(tempDir(), 'rundown.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db, [settingsMigration, catalogMigration, showsRundownMigration]);
    return db;
  };
  const show = (db: Database.Database) =>
    Number(db.prepare("INSERT INTO shows (name, created_at) VALUES ('Friday drop', 1)").run().lastInsertRowid);
  const segment = (db: Database.Database, showId: number, extra: Record<string, unknown> = {}) =>
    Number(
      db
        .prepare(
          `INSERT INTO rundown_items (show_id, position, kind, segment_type, title, planned_seconds, product_id, created_at)
           VALUES (@showId, 0, @kind, @segmentType, 'Intro', @planned, @productId, 1)`,
        )
        .run({ showId, kind: 'segment', segmentType: 'intro', planned: 60, productId: null, ...extra }).lastInsertRowid,
    );

  it('moves the database to version 30 with STRICT tables and one active-show row', () => {
    const db = fresh();
    expect(schemaVersionOf(db)).toBe(30);
    for (const table of ['shows', 'rundown_items', 'rundown_cursors', 'rundown_visits', 'active_show']) {
      const sql = db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(table) as string;
      expect(sql, table).toMatch(/\) STRICT$/);
    }
    expect(db.prepare('SELECT id, show_id FROM active_show').all()).toEqual([{ id: 1, show_id: null }]);
    expect(() => db.prepare('INSERT INTO active_show (id) VALUES (2)').run()).toThrow(/CHECK constraint/);
  });

  it('checks item kinds: segments have a type, only product items point at products', () => {
    const db = fresh();
    const s = show(db);
    expect(() => segment(db, s, { segmentType: null })).toThrow(/CHECK constraint/);
    expect(() => segment(db, s, { segmentType: 'dance' })).toThrow(/CHECK constraint/);
    expect(() => segment(db, s, { kind: 'product' })).toThrow(/CHECK constraint/);
    expect(() => segment(db, s, { planned: -5 })).toThrow(/CHECK constraint/);
    expect(() => segment(db, s, { productId: 999 })).toThrow(/CHECK constraint|FOREIGN KEY/);
    expect(segment(db, s)).toBeGreaterThan(0);
  });

  it('deleting a show removes its items, cursor and visits, and forgets it as the active show', () => {
    const db = fresh();
    const s = show(db);
    const item = segment(db, s);
    db.prepare('INSERT INTO rundown_cursors (show_id, current_item_id, current_since) VALUES (?, ?, 5)').run(s, item);
    db.prepare('INSERT INTO rundown_visits (item_id, started_at) VALUES (?, 5)').run(item);
    db.prepare('UPDATE active_show SET show_id = ?').run(s);
    db.prepare('DELETE FROM shows WHERE id = ?').run(s);
    for (const table of ['rundown_items', 'rundown_cursors', 'rundown_visits']) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }
    expect(db.prepare('SELECT show_id FROM active_show').pluck().get()).toBeNull();
  });

  it('keeps a product item when its product or variant leaves the catalog', () => {
    const db = fresh();
    const p = Number(
      db
        .prepare("INSERT INTO products (source_format, source_key, title, created_at, updated_at) VALUES ('csv', 'k', 'Mug', 1, 1)")
        .run().lastInsertRowid,
    );
    const v = Number(db.prepare('INSERT INTO variants (product_id, position) VALUES (?, 0)').run(p).lastInsertRowid);
    const s = show(db);
    const item = db
      .prepare(
        "INSERT INTO rundown_items (show_id, position, kind, product_id, variant_id, title, created_at) VALUES (?, 0, 'product', ?, ?, 'Mug', 1)",
      )
      .run(s, p, v).lastInsertRowid;
    db.prepare('DELETE FROM variants WHERE id = ?').run(v);
    expect(db.prepare('SELECT product_id, variant_id FROM rundown_items WHERE id = ?').get(item)).toEqual({ product_id: p, variant_id: null });
    db.prepare('DELETE FROM products WHERE id = ?').run(p);
    expect(db.prepare('SELECT product_id, title FROM rundown_items WHERE id = ?').get(item)).toEqual({ product_id: null, title: 'Mug' });
  });

  it('refuses a visit that ends before it starts', () => {
    const db = fresh();
    const item = segment(db, show(db));
    expect(() => db.prepare('INSERT INTO rundown_visits (item_id, started_at, ended_at) VALUES (?, 10, 5)').run(item)).toThrow(
      /CHECK constraint/,
    );
  });
});

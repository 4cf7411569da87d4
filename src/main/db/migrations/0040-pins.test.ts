import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/support/temp-dir.js';
import { migrate, schemaVersionOf } from '../open-database.js';
import { settingsMigration } from './0010-settings.js';
import { catalogMigration } from './0020-catalog.js';
import { showsRundownMigration } from './0030-shows-rundown.js';
import { pinsMigration } from './0040-pins.js';

describe('migration 0040-pins', () => {
  const fresh = () => {
    const db = new Database(path.join(tempDir(), 'pins.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db, [settingsMigration, catalogMigration, showsRundownMigration, pinsMigration]);
    return db;
  };
  const card = JSON.stringify({ productId: '1', title: 'Mug', price: '9.00' });
  const insert = (db: Database.Database, values: Record<string, unknown> = {}) =>
    Number(
      db
        .prepare(
          `INSERT INTO pins (show_id, product_id, variant_id, rundown_item_id, card, pinned_at, unpinned_at)
           VALUES (@show, @product, @variant, @item, @card, @pinnedAt, @unpinnedAt)`,
        )
        .run({ show: null, product: null, variant: null, item: null, card, pinnedAt: 10, unpinnedAt: 20, ...values }).lastInsertRowid,
    );

  it('moves the database to version 40 with a STRICT pins table', () => {
    const db = fresh();
    expect(schemaVersionOf(db)).toBe(40);
    const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'pins'").pluck().get() as string;
    expect(sql).toMatch(/\) STRICT$/);
  });

  it('stores only valid JSON objects as cards, and no pin that ends before it starts', () => {
    const db = fresh();
    expect(() => insert(db, { card: '{not json' })).toThrow(/CHECK constraint/);
    expect(() => insert(db, { card: '[1,2]' })).toThrow(/CHECK constraint/);
    expect(() => insert(db, { pinnedAt: 30, unpinnedAt: 20 })).toThrow(/CHECK constraint/);
    expect(insert(db)).toBeGreaterThan(0);
  });

  it('allows one current pin at a time', () => {
    const db = fresh();
    insert(db, { unpinnedAt: null });
    expect(() => insert(db, { unpinnedAt: null })).toThrow(/UNIQUE constraint/);
    insert(db, { unpinnedAt: 25 });
  });

  it('keeps the history when the show, product, variant or rundown item is deleted', () => {
    const db = fresh();
    const product = Number(
      db
        .prepare("INSERT INTO products (source_format, source_key, title, created_at, updated_at) VALUES ('csv', 'k', 'Mug', 1, 1)")
        .run().lastInsertRowid,
    );
    const variant = Number(db.prepare('INSERT INTO variants (product_id, position) VALUES (?, 0)').run(product).lastInsertRowid);
    const show = Number(db.prepare("INSERT INTO shows (name, created_at) VALUES ('Friday', 1)").run().lastInsertRowid);
    const item = Number(
      db
        .prepare("INSERT INTO rundown_items (show_id, position, kind, product_id, title, created_at) VALUES (?, 0, 'product', ?, 'Mug', 1)")
        .run(show, product).lastInsertRowid,
    );
    const pin = insert(db, { show, product, variant, item });
    db.prepare('DELETE FROM products WHERE id = ?').run(product);
    db.prepare('DELETE FROM shows WHERE id = ?').run(show);
    expect(db.prepare('SELECT show_id, product_id, variant_id, rundown_item_id, card, pinned_at, unpinned_at FROM pins WHERE id = ?').get(pin)).toEqual({
      show_id: null,
      product_id: null,
      variant_id: null,
      rundown_item_id: null,
      card,
      pinned_at: 10,
      unpinned_at: 20,
    });
  });

  it('refuses references to rows that do not exist', () => {
    const db = fresh();
    expect(() => insert(db, { product: 999 })).toThrow(/FOREIGN KEY/);
    expect(() => insert(db, { show: 999 })).toThrow(/FOREIGN KEY/);
  });
});

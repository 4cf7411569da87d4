import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/support/temp-dir.js';
import { migrate, schemaVersionOf } from '../open-database.js';
import { settingsMigration } from './0010-settings.js';
import { catalogMigration } from './0020-catalog.js';

describe('migration 0020-catalog', () => {
  const fresh = () => {
    const db = new Database(path.join(tempDir(), 'catalog.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db, [settingsMigration, catalogMigration]);
    return db;
  };
  const product = (db: Database.Database, key = 'shirt', extra: Record<string, unknown> = {}) =>
    Number(
      db
        .prepare(
          `INSERT INTO products (source_format, source_key, title, tags, status, option_names, created_at, updated_at)
           VALUES (@format, @key, @title, @tags, @status, @options, 1, 1)`,
        )
        .run({ format: 'shopify', key, title: 'Shirt', tags: '[]', status: 'active', options: '[]', ...extra }).lastInsertRowid,
    );
  const variant = (db: Database.Database, productId: number, price: unknown = '19.99') =>
    Number(
      db
        .prepare('INSERT INTO variants (product_id, position, sku, price) VALUES (?, 0, ?, ?)')
        .run(productId, `SKU-${productId}`, price).lastInsertRowid,
    );

  it('moves the database to version 20 with STRICT tables and an FTS5 search table', () => {
    const db = fresh();
    expect(schemaVersionOf(db)).toBe(20);
    for (const table of ['products', 'variants', 'images']) {
      const sql = db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(table) as string;
      expect(sql, table).toMatch(/\) STRICT$/);
    }
    const fts = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'catalog_search'").pluck().get() as string;
    expect(fts).toMatch(/USING fts5/i);
    expect(fts).toMatch(/remove_diacritics 2/);
    expect(fts).toMatch(/prefix = '1 2 3'/);
  });

  it('keeps one product per (format, source key), the same key in another format being another product', () => {
    const db = fresh();
    product(db, 'shirt');
    expect(() => product(db, 'shirt')).toThrow(/UNIQUE constraint/);
    product(db, 'shirt', { format: 'woocommerce' });
    expect(() => product(db, 'shirt', { format: 'etsy' })).toThrow(/CHECK constraint/);
  });

  it('rejects bad statuses, tags that are not a JSON array and more than three option names', () => {
    const db = fresh();
    expect(() => product(db, 'a', { status: 'published' })).toThrow(/CHECK constraint/);
    expect(() => product(db, 'b', { tags: '"summer"' })).toThrow(/CHECK constraint/);
    expect(() => product(db, 'c', { tags: '[oops' })).toThrow(/CHECK constraint/);
    expect(() => product(db, 'd', { options: '["a","b","c","d"]' })).toThrow(/CHECK constraint/);
    expect(() => product(db, 'e', { title: '' })).toThrow(/CHECK constraint/);
  });

  it('stores prices only as exact decimal strings', () => {
    const db = fresh();
    const id = product(db);
    for (const ok of ['19.99', '0', '1500', '0.5', null]) expect(() => variant(db, id, ok), String(ok)).not.toThrow();
    for (const bad of ['abc', '', '1.2.3', '12.', '.5', '-1', '1e3', '19,99', ' 19.99']) {
      expect(() => variant(db, id, bad), bad).toThrow(/CHECK constraint/);
    }
  });

  it('deletes variants and images with their product, and their search rows with them', () => {
    const db = fresh();
    const id = product(db);
    const v = variant(db, id);
    db.prepare("INSERT INTO images (product_id, position, url) VALUES (?, 0, 'https://x/1.jpg')").run(id);
    db.prepare("INSERT INTO catalog_search (rowid, title, sku) VALUES (?, 'Shirt', 'SKU-1')").run(v);
    const hits = () => db.prepare("SELECT rowid FROM catalog_search WHERE catalog_search MATCH 'shirt'").pluck().all();
    expect(hits()).toEqual([v]);
    db.prepare('DELETE FROM products WHERE id = ?').run(id);
    expect(db.prepare('SELECT count(*) FROM variants').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM images').pluck().get()).toBe(0);
    expect(hits()).toEqual([]);
  });

  it('tokenizes for search as you type: accents folded, SKUs split on dashes, prefixes matched', () => {
    const db = fresh();
    db.prepare(
      "INSERT INTO catalog_search (rowid, title, sku, sku_joined) VALUES (1, 'Crème Brûlée Mug', 'TS-BLK-M', 'TSBLKM')",
    ).run();
    const match = (q: string) => db.prepare('SELECT rowid FROM catalog_search WHERE catalog_search MATCH ?').pluck().all(q);
    expect(match('"creme"*')).toEqual([1]);
    expect(match('"brul"*')).toEqual([1]);
    expect(match('"ts-bl"*')).toEqual([1]);
    expect(match('"tsbl"*')).toEqual([1]);
    expect(match('"blk"*')).toEqual([1]);
    expect(match('"mugs"*')).toEqual([]);
  });
});

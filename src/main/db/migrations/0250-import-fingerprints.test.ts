import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/support/temp-dir.js';
import { migrate } from '../open-database.js';
import { migrations } from './index.js';

describe('migration 0250-import-fingerprints', () => {
  it('keeps the products saved before it, without a fingerprint (compared field by field on the next import)', () => {
    const db = new Database(path.join(tempDir(), 'catalog.sqlite'));
    migrate(db, migrations.filter((m) => m.version < 250));
    db.prepare(
      "INSERT INTO products (id, source_format, source_key, title, created_at, updated_at) VALUES (1, 'shopify', 'linen-shirt', 'Linen Shirt', 10, 10)",
    ).run();
    migrate(db, migrations.filter((m) => m.version <= 250));
    expect(db.prepare('SELECT title, updated_at, import_fingerprint FROM products').get()).toEqual({
      title: 'Linen Shirt',
      updated_at: 10,
      import_fingerprint: null,
    });
    db.prepare("UPDATE products SET import_fingerprint = 'abc' WHERE id = 1").run();
    expect(db.prepare('SELECT import_fingerprint FROM products').pluck().get()).toBe('abc');
  });

  it('lets the search index hold 8 MB of new text before writing a segment', () => {
    const db = new Database(path.join(tempDir(), 'catalog.sqlite'));
    migrate(db, migrations.filter((m) => m.version <= 250));
    expect(db.prepare("SELECT v FROM catalog_search_config WHERE k = 'hashsize'").pluck().get()).toBe(8 * 2 ** 20);
    db.prepare("INSERT INTO catalog_search (rowid, title) VALUES (1, 'Linen Shirt')").run();
    expect(db.prepare("SELECT rowid FROM catalog_search WHERE catalog_search MATCH 'lin*'").pluck().all()).toEqual([1]);
  });
});

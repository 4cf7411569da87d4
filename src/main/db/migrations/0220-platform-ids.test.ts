import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/support/temp-dir.js';
import { migrate } from '../open-database.js';
import { migrations } from './index.js';

describe('migration 0220-platform-ids', () => {
  it('keeps the products and variants saved before it (no ID) and takes store IDs as text', () => {
    const db = new Database(path.join(tempDir(), 'catalog.sqlite'));
    migrate(db, migrations.filter((m) => m.version < 220));
    db.prepare(
      "INSERT INTO products (id, source_format, source_key, title, created_at, updated_at) VALUES (1, 'shopify', 'linen-shirt', 'Linen Shirt', 10, 10)",
    ).run();
    db.prepare("INSERT INTO variants (id, product_id, position, sku) VALUES (11, 1, 0, 'LS-M')").run();
    migrate(db, migrations.filter((m) => m.version <= 220));
    expect(db.prepare('SELECT title, platform_id FROM products').get()).toEqual({ title: 'Linen Shirt', platform_id: null });
    expect(db.prepare('SELECT sku, platform_id FROM variants').get()).toEqual({ sku: 'LS-M', platform_id: null });
    db.prepare("UPDATE variants SET platform_id = '40000000000011' WHERE id = 11").run();
    expect(db.prepare('SELECT platform_id FROM variants').pluck().get()).toBe('40000000000011');
    expect(() => db.prepare("UPDATE products SET platform_id = '' WHERE id = 1").run()).toThrow(/CHECK constraint/);
    expect(() => db.prepare('UPDATE variants SET platform_id = ? WHERE id = 11').run('9'.repeat(41))).toThrow(/CHECK constraint/);
  });
});

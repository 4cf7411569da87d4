import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/support/temp-dir.js';
import { migrate } from '../open-database.js';
import { migrations } from './index.js';

const id = `${'a'.repeat(64)}.png`;

describe('migration 0230-product-pictures', () => {
  it('keeps a ready picture with its file, a failed one with its reason, and a product picture only while the product exists', () => {
    const db = new Database(path.join(tempDir(), 'pictures.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.filter((m) => m.version <= 230));
    const insert = db.prepare('INSERT INTO picture_sources (url, status, media_id, error, updated_at) VALUES (?, ?, ?, ?, 1)');
    insert.run('https://cdn.example/a.png', 'ready', id, null);
    insert.run('https://cdn.example/b.png', 'failed', null, 'the website answered HTTP 404');
    insert.run('https://cdn.example/c.png', 'waiting', null, null);
    expect(() => insert.run('https://cdn.example/d.png', 'ready', null, null)).toThrow(/CHECK constraint/);
    expect(() => insert.run('https://cdn.example/e.png', 'failed', null, null)).toThrow(/CHECK constraint/);
    expect(() => insert.run('https://cdn.example/f.png', 'done', null, null)).toThrow(/CHECK constraint/);
    db.prepare(
      "INSERT INTO products (id, source_format, source_key, title, created_at, updated_at) VALUES (1, 'shopify', 'mug', 'Mug', 1, 1)",
    ).run();
    db.prepare('INSERT INTO product_pictures (product_id, media_id, updated_at) VALUES (1, ?, 1)').run(id);
    expect(() => db.prepare('INSERT INTO product_pictures (product_id, media_id, updated_at) VALUES (2, ?, 1)').run(id)).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM products WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM product_pictures').get()).toEqual({ n: 0 });
  });
});

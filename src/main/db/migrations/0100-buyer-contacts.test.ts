import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/support/temp-dir.js';
import { migrate } from '../open-database.js';
import { migrations } from './index.js';

describe('migration 0100-buyer-contacts', () => {
  it('keeps one bounded contact per viewer, over a database with claims', () => {
    const db = new Database(path.join(tempDir(), 'contacts.sqlite'));
    migrate(db, migrations.filter((m) => m.version <= 80));
    db.prepare("INSERT INTO claims (viewer_id, viewer_name, text, product_title, status, claimed_at, updated_at) VALUES ('v_1', 'Anna', 'sold', 'Tee', 'confirmed', 1, 1)").run();
    migrate(db, migrations.filter((m) => m.version <= 100));
    const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'buyer_contacts'").pluck().get() as string;
    expect(sql).toMatch(/\) STRICT$/);
    const insert = db.prepare('INSERT INTO buyer_contacts (viewer_id, contact, updated_at) VALUES (?, ?, 1)');
    insert.run('v_1', 'anna@example.com');
    expect(() => insert.run('v_1', '@anna')).toThrow(/UNIQUE/);
    expect(() => insert.run('v_2', '')).toThrow(/CHECK constraint/);
    expect(() => insert.run('v_3', 'x'.repeat(201))).toThrow(/CHECK constraint/);
    expect(db.prepare('SELECT count(*) FROM claims').pluck().get()).toBe(1);
  });
});

import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/support/temp-dir.js';
import { migrate } from '../open-database.js';
import { migrations } from './index.js';

describe('migration 0240-checkout-links', () => {
  it('keeps the claims made before it; a claim is in one send at most; links are a JSON array', () => {
    const db = new Database(path.join(tempDir(), 'checkout.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.filter((m) => m.version < 240));
    db.prepare("INSERT INTO claims (viewer_id, viewer_name, text, product_title, status, claimed_at, updated_at) VALUES ('v_1', 'Anna', 'sold', 'Tee', 'confirmed', 1, 1)").run();
    migrate(db, migrations.filter((m) => m.version <= 240));
    for (const table of ['checkout_sends', 'checkout_claims']) {
      expect(db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(table)).toMatch(/\) STRICT$/);
    }
    const send = db.prepare('INSERT INTO checkout_sends (show_id, viewer_id, sent_at, links) VALUES (NULL, ?, 5, ?)');
    const sendId = send.run('v_1', JSON.stringify([{ url: 'https://shop.example/cart/1:1', label: 'Your cart: 1 item', claimIds: [1] }])).lastInsertRowid;
    expect(() => send.run('v_1', '{"url":1}')).toThrow(/CHECK constraint/);
    expect(() => send.run('v_1', 'not json')).toThrow(/CHECK constraint/);
    const cover = db.prepare('INSERT INTO checkout_claims (claim_id, send_id) VALUES (?, ?)');
    cover.run(1, sendId);
    expect(() => cover.run(1, sendId)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => cover.run(99, sendId)).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM claims').run();
    expect(db.prepare('SELECT count(*) FROM checkout_claims').pluck().get()).toBe(0);
  });
});

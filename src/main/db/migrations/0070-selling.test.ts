import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/support/temp-dir.js';
import { migrate, schemaVersionOf } from '../open-database.js';
import { migrations } from './index.js';

describe('migration 0070-selling', () => {
  const fresh = () => {
    const db = new Database(path.join(tempDir(), 'selling.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.filter((m) => m.version <= 70));
    db.prepare("INSERT INTO shows (id, name, created_at) VALUES (1, 'Friday drop', 0)").run();
    db.prepare(`INSERT INTO pins (id, show_id, card, pinned_at) VALUES (1, 1, '{"productId":"1","title":"Mug","price":null}', 0)`).run();
    return db;
  };
  const insertClaim = (db: Database.Database, messageId: string | null, status = 'confirmed') =>
    db
      .prepare(
        `INSERT INTO claims (show_id, message_id, viewer_id, viewer_name, text, product_title, status, claimed_at, updated_at)
         VALUES (1, ?, 'v1', 'Ana', 'sold', 'Mug', ?, 1, 1)`,
      )
      .run(messageId, status);
  const insertDeal = (db: Database.Database, startedAt: number, endsAt: number, endedAt: number | null) =>
    db
      .prepare(`INSERT INTO deals (pin_id, show_id, title, price, started_at, ends_at, ended_at) VALUES (1, 1, 'Mug', '9.99', ?, ?, ?)`)
      .run(startedAt, endsAt, endedAt);

  it('creates STRICT deals, claims and show_samples tables', () => {
    const db = fresh();
    expect(schemaVersionOf(db)).toBeGreaterThanOrEqual(70);
    for (const table of ['deals', 'claims', 'show_samples']) {
      const sql = db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(table) as string;
      expect(sql).toMatch(/\) STRICT$/);
    }
  });

  it('allows one claim per chat message, and any number of claims added by hand', () => {
    const db = fresh();
    insertClaim(db, 'm1');
    expect(() => insertClaim(db, 'm1')).toThrow(/UNIQUE/);
    expect(() => insertClaim(db, null)).not.toThrow();
    expect(() => insertClaim(db, null)).not.toThrow();
    expect(() => insertClaim(db, 'm2', 'maybe')).toThrow(/CHECK constraint/);
  });

  it('allows at most one running deal, and no deal that ends before it starts', () => {
    const db = fresh();
    insertDeal(db, 10, 20, 20);
    insertDeal(db, 30, 40, null);
    expect(() => insertDeal(db, 50, 60, null)).toThrow(/UNIQUE/);
    expect(() => insertDeal(db, 70, 70, 70)).toThrow(/CHECK constraint/);
  });

  it("a show's claims, deals and samples go with the show", () => {
    const db = fresh();
    insertClaim(db, 'm1');
    insertDeal(db, 10, 20, null);
    db.prepare('INSERT INTO show_samples (show_id, at, viewers, live) VALUES (1, 5, 3, 1)').run();
    expect(() => db.prepare('INSERT INTO show_samples (show_id, at, viewers, live) VALUES (1, 6, -1, 1)').run()).toThrow(/CHECK/);
    db.prepare('DELETE FROM shows WHERE id = 1').run();
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    expect([count('claims'), count('deals'), count('show_samples')]).toEqual([0, 0, 0]);
  });
});

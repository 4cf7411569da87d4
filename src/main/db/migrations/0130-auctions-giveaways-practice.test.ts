import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/support/temp-dir.js';
import { migrate } from '../open-database.js';
import { migrations } from './index.js';

describe('migration 0130-auctions-giveaways-practice', () => {
  it('keeps existing shows (not practice) and allows one running auction and one current giveaway', () => {
    const db = new Database(path.join(tempDir(), 'auctions.sqlite'));
    migrate(db, migrations.filter((m) => m.version <= 125));
    db.prepare("INSERT INTO shows (name, created_at) VALUES ('Friday drop', 1)").run();
    migrate(db, migrations.filter((m) => m.version <= 130));
    expect(db.prepare('SELECT name, practice FROM shows').get()).toEqual({ name: 'Friday drop', practice: 0 });

    const auction = db.prepare(
      `INSERT INTO auctions (show_id, title, start_price, mode, extend_seconds, duration_seconds, increments, started_at, ends_at, status, ended_at)
       VALUES (1, 'Jacket', '10', 'soft', 10, 20, '[]', 100, 20100, ?, ?)`,
    );
    auction.run('running', null);
    expect(() => auction.run('running', null)).toThrow(/UNIQUE/);
    auction.run('sold', 20100);
    // A running auction has no end; an ended one has.
    expect(() => auction.run('sold', null)).toThrow(/CHECK/);

    const giveaway = db.prepare(
      `INSERT INTO giveaways (show_id, prize, keyword, status, opened_at, commitment) VALUES (1, 'Tote bag', 'enter', ?, 1, ?)`,
    );
    giveaway.run('open', null);
    expect(() => giveaway.run('open', null)).toThrow(/UNIQUE/);
    // Closed entries need the commitment published first.
    expect(() => db.prepare("UPDATE giveaways SET status = 'closed'").run()).toThrow(/CHECK/);
    const entry = db.prepare("INSERT INTO giveaway_entries (giveaway_id, viewer_id, viewer_name, source, entered_at) VALUES (1, 'v1', 'Ana', 'chat', 2)");
    entry.run();
    expect(() => entry.run()).toThrow(/UNIQUE/);
  });
});

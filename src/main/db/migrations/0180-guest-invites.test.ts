import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { queryPlan } from '../../../../tests/support/query-plan.js';
import { tempDir } from '../../../../tests/support/temp-dir.js';
import { GUEST_INVITE_QUERIES } from '../../guests/guest-store.js';
import { migrate, openDatabase } from '../open-database.js';
import { migrations } from './index.js';

const TOKEN = 'x'.repeat(43);

describe('migration 0180-guest-invites', () => {
  it('keeps invites per show with their token, label, use and expiry, and refuses what cannot be a link', () => {
    const db = new Database(path.join(tempDir(), 'guest-invites.sqlite'));
    migrate(db, migrations.filter((m) => m.version <= 180));
    const show = Number(db.prepare("INSERT INTO shows (name, created_at) VALUES ('Spring sale', 1)").run().lastInsertRowid);
    const insert = db.prepare('INSERT INTO guest_invites (id, show_id, token, label, single_use, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 1)');
    insert.run('inv1', show, TOKEN, 'Dana from Acme', 1, null);
    expect(db.prepare('SELECT used, revoked_at FROM guest_invites').get()).toEqual({ used: 0, revoked_at: null });
    expect(() => insert.run('inv2', show, TOKEN, '', 0, null), 'a token is one invite').toThrow(/UNIQUE/);
    expect(() => insert.run('inv3', show, 'short', '', 0, null)).toThrow(/CHECK constraint/);
    expect(() => insert.run('inv4', show, 'y'.repeat(43), 'l'.repeat(61), 0, null)).toThrow(/CHECK constraint/);
    expect(() => insert.run('inv5', show, 'z'.repeat(43), '', 2, null)).toThrow(/CHECK constraint/);
    expect(() => insert.run('inv6', show, 'w'.repeat(43), '', 'yes', null), 'STRICT').toThrow(/cannot store TEXT/);
  });

  it('lets invites go with their show, and finds a show\'s live invites by index', () => {
    const db = openDatabase(path.join(tempDir(), 'guest-invites-open.sqlite'));
    const show = Number(db.prepare("INSERT INTO shows (name, created_at) VALUES ('Spring sale', 1)").run().lastInsertRowid);
    db.prepare("INSERT INTO guest_invites (id, show_id, token, label, single_use, created_at) VALUES ('inv1', ?, ?, '', 1, 1)").run(show, TOKEN);
    expect(queryPlan(db, GUEST_INVITE_QUERIES.active, show, 5)).toMatch(/USING INDEX guest_invites_by_show/);
    expect(queryPlan(db, GUEST_INVITE_QUERIES.ofShow, show, 100)).toMatch(/USING INDEX guest_invites_by_show/);
    db.prepare('DELETE FROM shows WHERE id = ?').run(show);
    expect(db.prepare('SELECT count(*) FROM guest_invites').pluck().get()).toBe(0);
    db.close();
  });
});

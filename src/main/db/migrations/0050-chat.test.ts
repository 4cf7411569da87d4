import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/support/temp-dir.js';
import { migrate, schemaVersionOf } from '../open-database.js';
import { settingsMigration } from './0010-settings.js';
import { catalogMigration } from './0020-catalog.js';
import { showsRundownMigration } from './0030-shows-rundown.js';
import { pinsMigration } from './0040-pins.js';
import { chatMigration } from './0050-chat.js';

describe('migration 0050-chat', () => {
  const fresh = () => {
    const db = new Database(path.join(tempDir(), 'chat.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db, [settingsMigration, catalogMigration, showsRundownMigration, pinsMigration, chatMigration]);
    return db;
  };
  const insert = (db: Database.Database, values: Record<string, unknown> = {}) =>
    db
      .prepare(
        `INSERT INTO chat_messages (id, show_id, viewer_id, name, role, text, ts, status, reasons, question)
         VALUES (@id, @show, @viewer, 'Anna', @role, 'hi', 1, @status, @reasons, @question)`,
      )
      .run({ id: 'm1', show: null, viewer: 'v_1', role: 'viewer', status: 'approved', reasons: '[]', question: 0, ...values });

  it('moves the database to version 50 with STRICT chat tables', () => {
    const db = fresh();
    expect(schemaVersionOf(db)).toBe(50);
    for (const table of ['chat_messages', 'chat_decisions', 'chat_viewers', 'moderation_rules', 'chat_config']) {
      const sql = db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(table) as string;
      expect(sql).toMatch(/\) STRICT$/);
    }
  });

  it('refuses unknown statuses and roles, bad reason JSON, and host messages with a viewer (or viewers without one)', () => {
    const db = fresh();
    expect(() => insert(db, { status: 'shown' })).toThrow(/CHECK constraint/);
    expect(() => insert(db, { role: 'admin' })).toThrow(/CHECK constraint/);
    expect(() => insert(db, { reasons: '{"a":1}' })).toThrow(/CHECK constraint/);
    expect(() => insert(db, { question: 2 })).toThrow(/CHECK constraint/);
    expect(() => insert(db, { role: 'host' })).toThrow(/CHECK constraint/);
    expect(() => insert(db, { viewer: null })).toThrow(/CHECK constraint/);
    insert(db, { id: 'h1', role: 'host', viewer: null });
    insert(db);
  });

  it('deletes a show’s chat and its decisions with the show; viewers (and bans) stay', () => {
    const db = fresh();
    const show = Number(db.prepare("INSERT INTO shows (name, created_at) VALUES ('Friday', 1)").run().lastInsertRowid);
    insert(db, { show });
    db.prepare("INSERT INTO chat_decisions (message_id, action, by, at) VALUES ('m1', 'approve', 'auto', 1)").run();
    db.prepare("INSERT INTO chat_viewers (viewer_id, name, banned, last_seen_at) VALUES ('v_1', 'Anna', 1, 1)").run();
    db.prepare("INSERT INTO moderation_rules (show_id, rules, updated_at) VALUES (?, '{}', 1)").run(show);
    db.prepare('DELETE FROM shows WHERE id = ?').run(show);
    expect(db.prepare('SELECT count(*) FROM chat_messages').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM chat_decisions').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM moderation_rules').pluck().get()).toBe(0);
    expect(db.prepare('SELECT banned FROM chat_viewers').pluck().get()).toBe(1);
  });

  it('keeps one rules row per show and one default row', () => {
    const db = fresh();
    const add = (show: number | null) => db.prepare("INSERT INTO moderation_rules (show_id, rules, updated_at) VALUES (?, '{}', 1)").run(show);
    add(null);
    expect(() => add(null)).toThrow(/UNIQUE constraint/);
    const show = Number(db.prepare("INSERT INTO shows (name, created_at) VALUES ('Friday', 1)").run().lastInsertRowid);
    add(show);
    expect(() => add(show)).toThrow(/UNIQUE constraint/);
  });
});

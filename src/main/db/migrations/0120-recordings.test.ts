import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/support/temp-dir.js';
import { migrate } from '../open-database.js';
import { migrations } from './index.js';

describe('migration 0120-recordings', () => {
  it('keeps a recording when its show is deleted, with a known status', () => {
    const db = new Database(path.join(tempDir(), 'recordings.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.filter((m) => m.version <= 120));
    db.prepare("INSERT INTO shows (id, name, created_at) VALUES (1, 'Spring sale', 1)").run();
    const insert = db.prepare(
      "INSERT INTO recordings (show_id, show_name, folder, status, mime_type, started_at) VALUES (1, 'Spring sale', ?, ?, 'video/webm', 10)",
    );
    insert.run('recordings/1-spring-sale', 'recording');
    expect(() => insert.run('recordings/1-spring-sale', 'recording')).toThrow(/UNIQUE/);
    expect(() => insert.run('recordings/2', 'paused')).toThrow(/CHECK constraint/);
    db.prepare('DELETE FROM shows WHERE id = 1').run();
    expect(db.prepare('SELECT show_id, show_name FROM recordings').get()).toEqual({ show_id: null, show_name: 'Spring sale' });
  });
});

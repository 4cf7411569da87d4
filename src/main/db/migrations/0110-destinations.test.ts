import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/support/temp-dir.js';
import { migrate } from '../open-database.js';
import { migrations } from './index.js';

describe('migration 0110-destinations', () => {
  it('keeps destinations without their keys, with a known platform', () => {
    const db = new Database(path.join(tempDir(), 'destinations.sqlite'));
    migrate(db, migrations.filter((m) => m.version <= 110));
    const insert = db.prepare('INSERT INTO destinations (name, platform, server_url, created_at, updated_at) VALUES (?, ?, ?, 1, 1)');
    insert.run('YouTube', 'youtube', 'rtmp://a.rtmp.youtube.com/live2');
    expect(() => insert.run('Mixer', 'mixer', 'rtmp://x')).toThrow(/CHECK constraint/);
    expect(() => insert.run('', 'custom', 'rtmp://x')).toThrow(/CHECK constraint/);
    const columns = db.prepare("SELECT name FROM pragma_table_info('destinations')").pluck().all();
    expect(columns).not.toContain('stream_key');
    expect(db.prepare('SELECT enabled FROM destinations').pluck().get()).toBe(1);
  });
});

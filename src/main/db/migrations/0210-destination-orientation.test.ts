import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/support/temp-dir.js';
import { migrate } from '../open-database.js';
import { migrations } from './index.js';

describe('migration 0210-destination-orientation', () => {
  it('keeps the destinations saved before it (horizontal) and accepts only horizontal or vertical', () => {
    const db = new Database(path.join(tempDir(), 'destinations.sqlite'));
    migrate(db, migrations.filter((m) => m.version < 210));
    db.prepare(
      "INSERT INTO destinations (name, platform, server_url, enabled, position, created_at, updated_at) VALUES ('YouTube', 'youtube', 'rtmp://a.rtmp.youtube.com/live2', 1, 1, 10, 10)",
    ).run();
    migrate(db, migrations.filter((m) => m.version <= 210));
    expect(db.prepare('SELECT name, orientation FROM destinations').get()).toEqual({ name: 'YouTube', orientation: 'horizontal' });
    db.prepare("UPDATE destinations SET orientation = 'vertical'").run();
    expect(db.prepare('SELECT orientation FROM destinations').get()).toEqual({ orientation: 'vertical' });
    expect(() => db.prepare("UPDATE destinations SET orientation = 'square'").run()).toThrow(/CHECK constraint/);
  });
});

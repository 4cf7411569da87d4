import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/support/temp-dir.js';
import { migrate } from '../open-database.js';
import { migrations } from './index.js';

describe('migration 0125-recording-stop-reason', () => {
  it('keeps the recordings made before it and accepts only the known reasons', () => {
    const db = new Database(path.join(tempDir(), 'recordings.sqlite'));
    migrate(db, migrations.filter((m) => m.version <= 120));
    db.prepare("INSERT INTO recordings (show_name, folder, status, mime_type, started_at) VALUES ('Rehearsal', 'recordings/1-rehearsal', 'ready', 'video/webm', 10)").run();
    migrate(db, migrations.filter((m) => m.version <= 125));
    expect(db.prepare('SELECT show_name, stopped_by FROM recordings').get()).toEqual({ show_name: 'Rehearsal', stopped_by: null });
    db.prepare("UPDATE recordings SET stopped_by = 'disk-full'").run();
    expect(() => db.prepare("UPDATE recordings SET stopped_by = 'bored'").run()).toThrow(/CHECK constraint/);
  });
});

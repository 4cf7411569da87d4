import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { listBackups, restoreBackup, takeBackup } from './backups.js';
import { latestSchemaVersion, openDatabase } from './open-database.js';

/** A studio database file with a ledger whose rows always sum to 0 (each write adds +x and -x in one transaction). */
function studioFile() {
  const dir = tempDir();
  const file = path.join(dir, 'studio.sqlite');
  const db = openDatabase(file);
  db.exec('CREATE TABLE ledger (id INTEGER PRIMARY KEY, amount INTEGER NOT NULL, pad BLOB NOT NULL) STRICT');
  const insert = db.prepare('INSERT INTO ledger (amount, pad) VALUES (?, randomblob(2000))');
  const write = db.transaction((x: number) => {
    insert.run(x);
    insert.run(-x);
  });
  return { dir, file, db, write, backups: path.join(dir, 'backups') };
}

const read = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      rows: db.prepare<[], number>('SELECT count(*) FROM ledger').pluck().get()!,
      sum: db.prepare<[], number>('SELECT coalesce(sum(amount), 0) FROM ledger').pluck().get()!,
    };
  } finally {
    db.close();
  }
};

describe('database backups', () => {
  it('a backup taken while the studio keeps writing is one consistent moment, with everything written before it', async () => {
    const { db, write, backups } = studioFile();
    // 2,000 rows of 2 kB: the backup copies thousands of pages, in many steps.
    for (let i = 1; i <= 1000; i++) write(i);
    let writing = true;
    let writesDuring = 0;
    const writer = (async () => {
      while (writing) {
        write(++writesDuring + 1000);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const backup = await takeBackup(db, backups, { reason: 'show-start', showId: 7, showName: 'Friday drop' }, 10);
    writing = false;
    await writer;
    db.close();

    expect(writesDuring).toBeGreaterThan(0);
    const copy = read(path.join(backups, backup.file));
    expect(copy.integrity).toBe('ok');
    // Never half a transaction, and nothing committed before the backup started is missing (it lives in the WAL).
    expect(copy.sum).toBe(0);
    expect(copy.rows % 2).toBe(0);
    expect(copy.rows).toBeGreaterThanOrEqual(2000);
    expect(backup).toMatchObject({ reason: 'show-start', showId: 7, showName: 'Friday drop', schemaVersion: latestSchemaVersion() });
    expect(backup.sizeBytes).toBe(fs.statSync(path.join(backups, backup.file)).size);
    // No temporary file left behind.
    expect(fs.readdirSync(backups).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('keeps the newest N backups of show starts', async () => {
    const { db, write, backups } = studioFile();
    let clock = Date.UTC(2026, 11, 6, 12, 0, 0);
    const taken = [];
    for (let show = 1; show <= 5; show++) {
      write(show);
      taken.push(await takeBackup(db, backups, { reason: 'show-start', showId: show, showName: `Show ${show}` }, 3, () => (clock += 60_000)));
    }
    db.close();
    const kept = listBackups(backups);
    expect(kept.map((b) => b.showName)).toEqual(['Show 5', 'Show 4', 'Show 3']);
    expect(kept.map((b) => b.file)).toEqual(taken.slice(2).reverse().map((b) => b.file));
    // The deleted ones are gone with their descriptions.
    expect(fs.readdirSync(backups).sort()).toEqual(kept.flatMap((b) => [b.file, `${b.file}.json`]).sort());
  });

  it('restore brings the backed-up data back, keeps the current file as a pre-restore backup, and the file opens migrated', async () => {
    const { file, db, write, backups } = studioFile();
    write(1);
    const backup = await takeBackup(db, backups, { reason: 'show-start', showId: 1, showName: 'Monday' }, 10);
    for (let i = 2; i <= 50; i++) write(i);
    db.close();
    expect(read(file).rows).toBe(100);

    await restoreBackup(file, backups, backup.file, 10);

    expect(read(file)).toEqual({ integrity: 'ok', rows: 2, sum: 0 });
    const reopened = openDatabase(file);
    expect(reopened.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
    reopened.close();
    const preRestore = listBackups(backups).find((b) => b.reason === 'pre-restore');
    expect(preRestore).toBeDefined();
    expect(read(path.join(backups, preRestore!.file)).rows).toBe(100);
  });

  it('refuses a backup made by a newer version of the app and changes nothing', async () => {
    const { file, db, write, backups } = studioFile();
    write(1);
    const backup = await takeBackup(db, backups, { reason: 'show-start', showId: 1, showName: 'Monday' }, 10);
    write(2);
    db.close();
    const future = new Database(path.join(backups, backup.file));
    future.pragma(`user_version = ${latestSchemaVersion() + 1}`);
    future.close();
    const before = fs.readFileSync(file);

    await expect(restoreBackup(file, backups, backup.file, 10)).rejects.toThrow(/made by a newer version of Live Seller Studio.*Update Live Seller Studio to restore it/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(listBackups(backups).map((b) => b.reason)).toEqual(['show-start']);
  });

  it('restores only a backup of the folder, by its name', async () => {
    const { file, db, backups } = studioFile();
    await takeBackup(db, backups, { reason: 'show-start', showId: null, showName: null }, 10);
    db.close();
    await expect(restoreBackup(file, backups, '../studio.sqlite', 10)).rejects.toThrow(/no backup named/);
    await expect(restoreBackup(file, backups, 'nope.sqlite', 10)).rejects.toThrow(/no backup named/);
  });
});

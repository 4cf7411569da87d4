/**
 * Backups of the studio database in `<data folder>/backups/`: one taken with
 * SQLite's online backup at the start of every show (consistent even while
 * chat and claims are being written), the last N kept; and restoring one
 * (with the database closed), which first keeps the current file as a
 * "pre-restore" backup. Each backup is `<stamp>-<reason>.sqlite` with a
 * `.json` beside it saying when, why and for which show.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StudioError } from '../../shared/api/result.js';
import type { BackupInfo, BackupReason } from '../../shared/domain/backups.js';
import { latestSchemaVersion, openDatabase, schemaVersionOf, type StudioDatabase } from './open-database.js';

export type { BackupInfo, BackupReason };

interface BackupMeta {
  readonly reason: BackupReason;
  readonly createdAt: number;
  readonly showId: number | null;
  readonly showName: string | null;
  readonly schemaVersion: number;
}

export const DEFAULT_BACKUPS_KEPT = 10;

const BACKUP_NAME = /^\d{8}-\d{9}(?:-\d+)?-(show-start|pre-restore)\.sqlite$/;

export const backupsDirOf = (dataDir: string): string => path.join(dataDir, 'backups');

/** 20261206-174056123: sorts by time as text. */
function stampOf(at: number): string {
  const d = new Date(at);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return (
    `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-` +
    `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}${pad(d.getUTCMilliseconds(), 3)}`
  );
}

/** A file name no other backup has (two in the same millisecond get -2, -3...). */
function freeName(dir: string, at: number, reason: BackupReason): string {
  for (let n = 1; ; n++) {
    const name = `${stampOf(at)}${n === 1 ? '' : `-${n}`}-${reason}.sqlite`;
    if (!fs.existsSync(path.join(dir, name))) return name;
  }
}

function writeMeta(dir: string, file: string, meta: BackupMeta): void {
  fs.writeFileSync(path.join(dir, `${file}.json`), JSON.stringify(meta, null, 2));
}

/**
 * Copies the open database into the backups folder with SQLite's online
 * backup (pages copied in steps; writes made meanwhile end up in the copy or
 * restart it, so the copy is one consistent moment). Written under a
 * temporary name and renamed: a crash mid-copy leaves no half backup in the
 * list. Then only the newest `keep` backups of this reason are kept.
 */
export async function takeBackup(
  db: StudioDatabase,
  dir: string,
  meta: { readonly reason: BackupReason; readonly showId: number | null; readonly showName: string | null },
  keep: number,
  now: () => number = Date.now,
): Promise<BackupInfo> {
  fs.mkdirSync(dir, { recursive: true });
  const createdAt = now();
  const file = freeName(dir, createdAt, meta.reason);
  const partial = path.join(dir, `${file}.partial`);
  try {
    await db.backup(partial);
    fs.renameSync(partial, path.join(dir, file));
  } finally {
    fs.rmSync(partial, { force: true });
  }
  writeMeta(dir, file, { ...meta, createdAt, schemaVersion: schemaVersionOf(db) });
  pruneBackups(dir, meta.reason, keep);
  return listBackups(dir).find((b) => b.file === file)!;
}

/** Every backup in the folder, newest first. Files that do not look like ours are left alone. */
export function listBackups(dir: string): BackupInfo[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const backups: BackupInfo[] = [];
  for (const file of names) {
    const match = BACKUP_NAME.exec(file);
    if (!match) continue;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(path.join(dir, file));
    } catch {
      continue;
    }
    let meta: Partial<BackupMeta> = {};
    try {
      meta = JSON.parse(fs.readFileSync(path.join(dir, `${file}.json`), 'utf8')) as Partial<BackupMeta>;
    } catch {
      // No or unreadable description: the file itself still restores.
    }
    backups.push({
      file,
      reason: match[1] as BackupReason,
      createdAt: typeof meta.createdAt === 'number' ? meta.createdAt : stat.mtimeMs,
      showId: typeof meta.showId === 'number' ? meta.showId : null,
      showName: typeof meta.showName === 'string' ? meta.showName : null,
      sizeBytes: stat.size,
      schemaVersion: typeof meta.schemaVersion === 'number' ? meta.schemaVersion : 0,
    });
  }
  return backups.sort((a, b) => (a.file < b.file ? 1 : a.file > b.file ? -1 : 0));
}

/** Deletes all but the newest `keep` backups of `reason` (and their descriptions). */
export function pruneBackups(dir: string, reason: BackupReason, keep: number): void {
  const old = listBackups(dir)
    .filter((b) => b.reason === reason)
    .slice(Math.max(0, keep));
  for (const backup of old) {
    fs.rmSync(path.join(dir, backup.file), { force: true });
    fs.rmSync(path.join(dir, `${backup.file}.json`), { force: true });
  }
}

/**
 * Puts backup `file` in place of the database at `databasePath`, which must
 * be closed (no connection open in this process). Refuses, leaving
 * everything as it was, a name that is not a backup in the folder, a
 * damaged file, or one saved by a newer version of the app. Otherwise keeps
 * the current database as a pre-restore backup, copies the backup in,
 * removes the old journal files, and opens it once to run the migrations.
 */
export async function restoreBackup(databasePath: string, dir: string, file: string, keep: number): Promise<BackupInfo> {
  const backup = listBackups(dir).find((b) => b.file === file);
  if (!backup) throw new StudioError('not-found', `There is no backup named "${file}" in ${dir}.`);
  const source = path.join(dir, backup.file);
  checkRestorable(source);

  const current = fs.existsSync(databasePath) ? openDatabase(databasePath) : null;
  if (current) {
    try {
      const showName = current.prepare<[], string>('SELECT name FROM shows JOIN active_show ON active_show.show_id = shows.id').pluck().get() ?? null;
      await takeBackup(current, dir, { reason: 'pre-restore', showId: null, showName }, keep);
    } finally {
      current.close();
    }
  }
  const incoming = `${databasePath}.restoring`;
  fs.copyFileSync(source, incoming);
  // A journal left beside the old file would be replayed into the restored one.
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${databasePath}${suffix}`, { force: true });
  fs.renameSync(incoming, databasePath);
  openDatabase(databasePath).close();
  return backup;
}

/** Throws a host-readable error when the backup cannot be restored by this version. */
export function checkRestorable(file: string): void {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const ok = db.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw new StudioError('invalid-input', `The backup ${path.basename(file)} is damaged (${String(ok)}); pick another one.`);
    const version = schemaVersionOf(db);
    const latest = latestSchemaVersion();
    if (version > latest) {
      throw new StudioError(
        'conflict',
        `The backup ${path.basename(file)} was made by a newer version of Live Seller Studio ` +
          `(data format ${version}; this version understands up to ${latest}). Update Live Seller Studio to restore it. Nothing was changed.`,
      );
    }
  } catch (error) {
    if (error instanceof StudioError) throw error;
    throw new StudioError('invalid-input', `The backup ${path.basename(file)} cannot be read: ${(error as Error).message}`);
  } finally {
    db?.close();
  }
}

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StudioError } from '../../shared/api/result.js';
import { migrations as allMigrations } from './migrations/index.js';
import type { Migration } from './migrations/types.js';

export type StudioDatabase = Database.Database;

export class NewerDatabaseError extends StudioError {
  constructor(
    readonly filePath: string,
    readonly fileVersion: number,
    readonly appVersion: number,
  ) {
    super(
      'conflict',
      `The studio data file ${filePath} was saved by a newer version of Live Seller Studio ` +
        `(data format ${fileVersion}; this version understands up to ${appVersion}). ` +
        'Update Live Seller Studio to open it. The file has not been changed.',
    );
    this.name = 'NewerDatabaseError';
  }
}

export const latestSchemaVersion = (migrations: readonly Migration[] = allMigrations): number =>
  migrations.reduce((max, m) => Math.max(max, m.version), 0);

export const schemaVersionOf = (db: StudioDatabase): number => db.pragma('user_version', { simple: true }) as number;

/**
 * Runs every pending migration in a single transaction: either the file ends
 * at the latest version or it is left exactly as it was.
 */
export function migrate(db: StudioDatabase, migrations: readonly Migration[] = allMigrations, filePath = db.name): number {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.version === sorted[i - 1]!.version) throw new Error(`Two migrations have version ${sorted[i]!.version}`);
  }
  const latest = latestSchemaVersion(sorted);
  const current = schemaVersionOf(db);
  if (current > latest) throw new NewerDatabaseError(filePath, current, latest);
  const pending = sorted.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const m of pending) m.up(db);
    // PRAGMA cannot take a bound parameter; the value is an integer we control.
    db.pragma(`user_version = ${latest}`);
  }).immediate();
  return latest;
}

export interface OpenDatabaseOptions {
  readonly migrations?: readonly Migration[];
  readonly readonly?: boolean;
  /** Path of the native module to load instead of node_modules' (Electron's ABI). */
  readonly nativeBinding?: string;
}

/**
 * Opens (creating if needed) the studio's SQLite file: WAL journal, foreign
 * keys on, synchronous=NORMAL (durable across app crashes; WAL keeps
 * committed transactions), then migrates it.
 */
export function openDatabase(filePath: string, options: OpenDatabaseOptions = {}): StudioDatabase {
  if (filePath !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(filePath)), { recursive: true });
  let db: StudioDatabase;
  try {
    db = new Database(filePath, {
      readonly: options.readonly ?? false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (err) {
    throw new StudioError('unavailable', `Could not open the studio data file ${filePath}: ${(err as Error).message}`);
  }
  try {
    // Reading the schema fails fast (SQLITE_NOTADB) when the file is not a
    // database; the version check comes before anything writes to the file.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    const fileVersion = schemaVersionOf(db);
    const latest = latestSchemaVersion(options.migrations);
    if (fileVersion > latest) throw new NewerDatabaseError(filePath, fileVersion, latest);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) migrate(db, options.migrations, filePath);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof StudioError) throw err;
    if ((err as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new StudioError('unavailable', `${filePath} is not a Live Seller Studio data file (it is not an SQLite database).`);
    }
    throw err;
  }
}

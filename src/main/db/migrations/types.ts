import type { Database } from 'better-sqlite3';

/**
 * One schema step. Files are named `NNNN-what.ts`; `version` is the number
 * the database has after this step runs (PRAGMA user_version). Migrations
 * are never edited once released: a change is a new file.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}

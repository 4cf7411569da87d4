import path from 'node:path';
import type { StudioDatabase } from '../../src/main/db/open-database.js';
import { openDatabase } from '../../src/main/db/open-database.js';
import { tempDir } from './temp-dir.js';

/** The steps of SQLite's EXPLAIN QUERY PLAN for `sql` ("SEARCH pins USING INDEX …"), in order. */
export function queryPlanSteps(db: StudioDatabase, sql: string, ...params: unknown[]): string[] {
  return db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((row) => (row as { detail: string }).detail);
}

/** The plan as one text, a step a line: for `toMatch(/USING INDEX …/)`. */
export function queryPlan(db: StudioDatabase, sql: string, ...params: unknown[]): string {
  return queryPlanSteps(db, sql, ...params).join('\n');
}

/** The steps for `sql` on a fresh, fully migrated database file. */
export function freshQueryPlanSteps(sql: string, ...params: unknown[]): string[] {
  const db = openDatabase(path.join(tempDir(), 'plans.sqlite'));
  try {
    return queryPlanSteps(db, sql, ...params);
  } finally {
    db.close();
  }
}

import path from 'node:path';
import type { RecordingStatus, RecordingStopReason } from '../../shared/domain/recording.js';
import type { StudioDatabase } from '../db/open-database.js';

/** One row of `recordings` (src/main/db/migrations/0120-recordings.ts, 0125). */
export interface RecordingRow {
  readonly id: number;
  readonly show_id: number | null;
  readonly show_name: string;
  /** Relative to the data folder: `recordings/<id>-<slug>`. */
  readonly folder: string;
  readonly status: RecordingStatus;
  readonly mime_type: string;
  readonly started_at: number;
  readonly ended_at: number | null;
  readonly duration_ms: number | null;
  readonly bytes: number;
  readonly live: 0 | 1;
  readonly error: string | null;
  readonly replay_folder: string | null;
  readonly published_at: number | null;
  readonly stopped_by: RecordingStopReason | null;
}

/** The folder part after the id: the show's name in plain letters ("Spring sale!" → "spring-sale"). */
export function folderSlug(showName: string): string {
  const slug = showName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'recording';
}

/** `recordings/<id>-<slug>`, with forward slashes on every system (the column is portable). */
export const recordingFolder = (id: number, showName: string) => path.posix.join('recordings', `${id}-${folderSlug(showName)}`);

export class RecordingStore {
  constructor(private readonly db: StudioDatabase) {}

  /** A new row in 'recording'; its folder is named after its id. */
  create(input: { showId: number | null; showName: string; mimeType: string; startedAt: number; live: boolean }): RecordingRow {
    return this.db.transaction(() => {
      const placeholder = `recordings/.new-${process.pid}-${input.startedAt}-${Math.random().toString(36).slice(2)}`;
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO recordings (show_id, show_name, folder, status, mime_type, started_at, live) VALUES (?, ?, ?, 'recording', ?, ?, ?)`,
        )
        .run(input.showId, input.showName, placeholder, input.mimeType, input.startedAt, input.live ? 1 : 0);
      const id = Number(lastInsertRowid);
      this.db.prepare('UPDATE recordings SET folder = ? WHERE id = ?').run(recordingFolder(id, input.showName), id);
      return this.get(id)!;
    })();
  }

  get(id: number): RecordingRow | null {
    return this.db.prepare<[number], RecordingRow>('SELECT * FROM recordings WHERE id = ?').get(id) ?? null;
  }

  /** Newest first. */
  list(limit = 500): RecordingRow[] {
    return this.db.prepare<[number], RecordingRow>('SELECT * FROM recordings ORDER BY started_at DESC, id DESC LIMIT ?').all(limit);
  }

  /** Rows a crash left behind: still recording, or being finished. */
  unfinished(): RecordingRow[] {
    return this.db.prepare<[], RecordingRow>("SELECT * FROM recordings WHERE status IN ('recording', 'finalizing') ORDER BY id").all();
  }

  setBytes(id: number, bytes: number): void {
    this.db.prepare('UPDATE recordings SET bytes = ? WHERE id = ?').run(bytes, id);
  }

  /** Stopped: the MP4 is being made. */
  finalizing(id: number, endedAt: number, stoppedBy: RecordingStopReason, bytes: number): void {
    this.db
      .prepare(
        "UPDATE recordings SET status = 'finalizing', ended_at = max(?, started_at), stopped_by = coalesce(stopped_by, ?), bytes = ?, error = NULL WHERE id = ?",
      )
      .run(endedAt, stoppedBy, bytes, id);
  }

  /** Back to finishing (Try again on a failed one). */
  retry(id: number): void {
    this.db.prepare("UPDATE recordings SET status = 'finalizing', error = NULL WHERE id = ?").run(id);
  }

  /**
   * The MP4 is there: its length and size. From now on `ended_at` is where
   * the file ends on main's clock (started_at + its length), not when the
   * stop reached main (a second or more later: the last chunks on their way).
   */
  ready(id: number, durationMs: number, bytes: number): void {
    this.db
      .prepare("UPDATE recordings SET status = 'ready', duration_ms = ?, bytes = ?, error = NULL, ended_at = started_at + ? WHERE id = ?")
      .run(durationMs, bytes, durationMs, id);
  }

  failed(id: number, error: string): void {
    this.db.prepare("UPDATE recordings SET status = 'failed', error = ?, ended_at = coalesce(ended_at, started_at) WHERE id = ?").run(error, id);
  }

  /** A crash ended it: say so, unless the host had already stopped it. */
  markCrashed(id: number): void {
    this.db.prepare("UPDATE recordings SET stopped_by = coalesce(stopped_by, 'crash') WHERE id = ?").run(id);
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM recordings WHERE id = ?').run(id);
  }
}

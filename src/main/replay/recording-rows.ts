import path from 'node:path';
import { StudioError } from '../../shared/api/result.js';
import type { StudioDatabase } from '../db/open-database.js';

/**
 * The `recordings` rows a replay is made from (src/main/db/migrations/
 * 0120-recordings.ts; src/main/recording writes them). Read here directly,
 * and only the replay's two columns (`replay_folder`, `published_at`) are
 * written.
 */

/** The file a finished recording leaves in its folder. */
export const RECORDING_FILE = 'recording.mp4';

export interface RecordingRow {
  readonly id: number;
  readonly showId: number | null;
  readonly showName: string;
  /** Relative to the data folder. */
  readonly folder: string;
  readonly status: 'recording' | 'finalizing' | 'ready' | 'failed';
  /** Time 0 of the file, main's clock (epoch ms). */
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly durationMs: number | null;
  readonly replayFolder: string | null;
  readonly publishedAt: number | null;
}

interface Raw {
  id: number;
  show_id: number | null;
  show_name: string;
  folder: string;
  status: RecordingRow['status'];
  started_at: number;
  ended_at: number | null;
  duration_ms: number | null;
  replay_folder: string | null;
  published_at: number | null;
}

const COLUMNS = 'id, show_id, show_name, folder, status, started_at, ended_at, duration_ms, replay_folder, published_at';

const fromRaw = (r: Raw): RecordingRow => ({
  id: r.id,
  showId: r.show_id,
  showName: r.show_name,
  folder: r.folder,
  status: r.status,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  durationMs: r.duration_ms,
  replayFolder: r.replay_folder,
  publishedAt: r.published_at,
});

export class RecordingRows {
  private readonly readyQuery;
  private readonly oneQuery;
  private readonly publishedUpdate;
  private readonly folderOwner;

  constructor(db: StudioDatabase) {
    this.readyQuery = db.prepare<[number], Raw>(`SELECT ${COLUMNS} FROM recordings WHERE status = 'ready' ORDER BY started_at DESC, id DESC LIMIT ?`);
    this.oneQuery = db.prepare<[number], Raw>(`SELECT ${COLUMNS} FROM recordings WHERE id = ?`);
    this.publishedUpdate = db.prepare<[string, number, number]>('UPDATE recordings SET replay_folder = ?, published_at = ? WHERE id = ?');
    this.folderOwner = db.prepare<[string, number], { id: number }>('SELECT id FROM recordings WHERE replay_folder = ? AND id <> ? LIMIT 1');
  }

  /** Finished recordings, newest first. */
  ready(limit = 500): RecordingRow[] {
    return this.readyQuery.all(limit).map(fromRaw);
  }

  find(id: number): RecordingRow | null {
    const raw = this.oneQuery.get(id);
    return raw ? fromRaw(raw) : null;
  }

  /** The recording a replay is made from: finished, with its video file. */
  publishable(id: number, dataDir: string): { readonly row: RecordingRow; readonly video: string; readonly durationMs: number } {
    const row = this.find(id);
    if (!row) throw new StudioError('not-found', 'That recording is no longer in the studio.');
    if (row.status === 'recording' || row.status === 'finalizing') {
      throw new StudioError('conflict', 'This recording is not finished yet. Publish its replay once it is ready.');
    }
    if (row.status === 'failed') throw new StudioError('conflict', 'This recording failed, so it has no video to publish.');
    const durationMs = row.durationMs ?? (row.endedAt !== null ? row.endedAt - row.startedAt : null);
    if (durationMs === null || durationMs <= 0) throw new StudioError('conflict', 'This recording has no length, so there is nothing to play.');
    const root = path.resolve(dataDir);
    const folder = path.resolve(root, row.folder);
    // The folder comes from the database: it must stay inside the data folder.
    if (!folder.startsWith(root + path.sep)) throw new StudioError('conflict', 'This recording is stored outside the data folder; it cannot be published.');
    return { row, video: path.join(folder, RECORDING_FILE), durationMs };
  }

  /** Another recording's replay already lives in `folder`. */
  folderUsedByAnother(folder: string, recordingId: number): boolean {
    return this.folderOwner.get(folder, recordingId) !== undefined;
  }

  markPublished(id: number, folder: string, at: number): void {
    this.publishedUpdate.run(folder, at, id);
  }
}

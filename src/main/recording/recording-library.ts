import fs from 'node:fs/promises';
import path from 'node:path';
import type { Recording } from '../../shared/domain/recording.js';
import { StudioError } from '../../shared/api/result.js';
import type { StudioDatabase } from '../db/open-database.js';
import { ffprobePathFor, type ToolRunner } from './ffmpeg-tools.js';
import { CAPTURE_FILE, FinalizeError, finalizeCapture, RECORDING_FILE } from './finalize-capture.js';
import { recordingTimeline } from './recording-timeline.js';
import { RecordingStore, type RecordingRow } from './recording-store.js';

/**
 * The recordings on this computer: the list with chapters, finishing them
 * into MP4s (one ffmpeg at a time, in the order they stopped), Try again,
 * Delete, and at start-up the ones a crash or a close left unfinished.
 */

export interface RecordingLibraryDeps {
  readonly db: StudioDatabase;
  readonly dataDir: string;
  readonly runner: ToolRunner;
  /** Settings → Recording (shared with multistream). */
  readonly ffmpegPath: () => string;
  /** The list changed (a recording finished, failed, was deleted). */
  readonly changed: () => void;
  readonly log: (message: string, error?: unknown) => void;
}

export class RecordingLibrary {
  readonly store: RecordingStore;
  private queue: Promise<void> = Promise.resolve();
  private readonly finishing = new Set<number>();
  private closed = false;

  constructor(private readonly deps: RecordingLibraryDeps) {
    this.store = new RecordingStore(deps.db);
  }

  /** `<data folder>/recordings`. */
  get root(): string {
    return path.join(this.deps.dataDir, 'recordings');
  }

  folderOf(row: Pick<RecordingRow, 'folder'>): string {
    return path.join(this.deps.dataDir, ...row.folder.split('/'));
  }

  captureOf(row: Pick<RecordingRow, 'folder'>): string {
    return path.join(this.folderOf(row), CAPTURE_FILE);
  }

  toRecording(row: RecordingRow, now = Date.now()): Recording {
    const folder = this.folderOf(row);
    return {
      id: row.id,
      showId: row.show_id,
      showName: row.show_name,
      folder,
      file: row.status === 'ready' ? path.join(folder, RECORDING_FILE) : null,
      status: row.status,
      mimeType: row.mime_type,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      durationMs: row.duration_ms,
      bytes: row.bytes,
      live: row.live === 1,
      error: row.error,
      stoppedBy: row.stopped_by,
      replayFolder: row.replay_folder,
      publishedAt: row.published_at,
      chapters: recordingTimeline(this.deps.db, row.id, { now })?.chapters ?? [],
    };
  }

  get(id: number): Recording | null {
    const row = this.store.get(id);
    return row ? this.toRecording(row) : null;
  }

  list(): Recording[] {
    const now = Date.now();
    return this.store.list().map((row) => this.toRecording(row, now));
  }

  /**
   * Rows the last run left: 'recording' (the studio stopped unexpectedly:
   * the capture's last write is its end) and 'finalizing' (stopped, the MP4
   * not made yet). Each is finished from what is on the disk.
   */
  async recoverUnfinished(): Promise<number> {
    const rows = this.store.unfinished();
    for (const row of rows) {
      if (row.status === 'recording') {
        const capture = await fs.stat(this.captureOf(row)).catch(() => null);
        this.store.markCrashed(row.id);
        this.store.finalizing(row.id, capture ? Math.round(capture.mtimeMs) : row.started_at, 'crash', capture?.size ?? row.bytes);
        this.deps.log(`recording ${row.id} was still running when the studio stopped; saving what was captured`);
      }
      void this.finish(row.id);
    }
    if (rows.length > 0) this.deps.changed();
    return rows.length;
  }

  /** Makes the MP4 (queued behind any other); resolves when this one is ready or failed. */
  finish(id: number): Promise<void> {
    this.finishing.add(id);
    const run = this.queue.then(() => this.finishNow(id));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Resolves when every recording queued so far is finished. */
  idle(): Promise<void> {
    return this.queue;
  }

  async retry(id: number): Promise<Recording> {
    const row = this.store.get(id);
    if (!row) throw new StudioError('not-found', 'That recording is no longer there.');
    if (row.status !== 'failed') throw new StudioError('conflict', 'Only a recording that could not be saved can be tried again.');
    this.store.retry(id);
    this.deps.changed();
    void this.finish(id);
    return this.toRecording(this.store.get(id)!);
  }

  async delete(id: number): Promise<void> {
    const row = this.store.get(id);
    if (!row) return;
    if (row.status === 'recording' || this.finishing.has(id)) {
      throw new StudioError('conflict', 'This recording is still being recorded or saved. Stop it and wait until it is ready, then delete it.');
    }
    const folder = path.resolve(this.folderOf(row));
    // Only ever a folder inside <data folder>/recordings.
    if (path.dirname(folder) !== path.resolve(this.root)) throw new StudioError('internal', 'The recording’s folder is not where recordings are kept.');
    await fs.rm(folder, { recursive: true, force: true });
    this.store.delete(id);
    this.deps.changed();
  }

  close(): void {
    this.closed = true;
  }

  private async finishNow(id: number): Promise<void> {
    try {
      if (this.closed) return; // the next start finishes it
      const row = this.store.get(id);
      if (!row || row.status !== 'finalizing') return;
      const ffmpeg = this.deps.ffmpegPath();
      try {
        const made = await finalizeCapture(this.deps.runner, { ffmpeg, ffprobe: ffprobePathFor(ffmpeg) }, this.folderOf(row));
        this.store.ready(id, made.durationMs, made.bytes);
        this.deps.log(`recording ${id} saved: ${made.file} (${(made.durationMs / 1000).toFixed(1)} s, ${made.videoCodec}/${made.audioCodec ?? 'no sound'})`);
      } catch (error) {
        if (this.closed) return;
        const message = error instanceof FinalizeError ? error.message : 'Something went wrong while saving the recording; its capture is kept. Details are in the log.';
        if (!(error instanceof FinalizeError)) this.deps.log(`recording ${id} could not be saved`, error);
        this.store.failed(id, message);
      }
    } finally {
      this.finishing.delete(id);
      if (!this.closed) this.deps.changed();
    }
  }
}

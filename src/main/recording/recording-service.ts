import fs from 'node:fs/promises';
import { StudioError } from '../../shared/api/result.js';
import type { ChunkReceipt, FfmpegCheck, Recording, RecordingDisk, RecordingState, RecordingStopReason } from '../../shared/domain/recording.js';
import type { StudioDatabase } from '../db/open-database.js';
import type { StudioEventBus } from '../events/event-bus.js';
import { CaptureWriter } from './capture-writer.js';
import { diskVerdict, freeBytesAt, refuseToStart } from './disk-space.js';
import { checkFfmpeg, ToolRunner } from './ffmpeg-tools.js';
import { RecordingLibrary } from './recording-library.js';

/**
 * Recording the program on the host's machine (docs/recording.md). The
 * window that records runs a MediaRecorder on its program (the composed
 * picture with the card, and the sound) and sends a chunk a second; main
 * appends each to `<data folder>/recordings/<id>-<slug>/capture.webm` and
 * flushes it before answering. Stop (or End show, a nearly full disk, the
 * window gone quiet) closes the capture and the library makes the MP4.
 *
 * Main never reaches into the window: to stop a recording it did not start
 * from there (End show, the disk, Stop from another window), it asks
 * (`stopRequested`) and the window stops its recorder, sends what it holds
 * and calls stopRecording; a window that does not answer is stopped anyway.
 */

export interface RecordingServiceDeps {
  readonly db: StudioDatabase;
  readonly dataDir: string;
  readonly events: StudioEventBus;
  readonly ffmpegPath: () => string;
  /** The show a recording is filed under (the active one); null: none is open. */
  readonly activeShow: () => { readonly id: number; readonly name: string } | null;
  /** Is the show on air now (a recording started then is not a rehearsal)? */
  readonly onAir: () => boolean;
  readonly log: (message: string, error?: unknown) => void;
  /** Free bytes on the disk holding a folder (default: fs.statfs). */
  readonly freeBytes?: (dir: string) => Promise<number>;
  readonly timing?: Partial<RecordingTiming>;
}

export interface RecordingTiming {
  /** How often the disk is measured while recording. */
  readonly diskEveryMs: number;
  /** No chunk for this long: the window is gone, the recording is stopped. */
  readonly windowGoneMs: number;
  /** A stop asked of the window that records: this long to send what it holds. */
  readonly stopWaitMs: number;
  /** How long stopRecording waits for the last chunk the window named. */
  readonly lastChunkWaitMs: number;
}

const DEFAULT_TIMING: RecordingTiming = { diskEveryMs: 5000, windowGoneMs: 20_000, stopWaitMs: 10_000, lastChunkWaitMs: 5000 };

interface Session {
  readonly id: number;
  readonly startedAt: number;
  readonly writer: CaptureWriter;
  lastChunkAt: number;
  stopRequested: RecordingStopReason | null;
  stopRequestedAt: number;
  stopping: boolean;
}

export class RecordingService {
  readonly library: RecordingLibrary;
  private readonly runner = new ToolRunner();
  private readonly timing: RecordingTiming;
  private readonly freeBytes: (dir: string) => Promise<number>;
  private session: Session | null = null;
  private disk: RecordingDisk | null = null;
  private diskCheckedAt = 0;
  private ffmpeg: FfmpegCheck;
  private last: Recording | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private diskBusy = false;
  private starting: Promise<void> | null = null;

  constructor(private readonly deps: RecordingServiceDeps) {
    this.timing = { ...DEFAULT_TIMING, ...deps.timing };
    this.freeBytes = deps.freeBytes ?? freeBytesAt;
    this.ffmpeg = { ok: false, path: deps.ffmpegPath(), version: null, message: null };
    this.library = new RecordingLibrary({
      db: deps.db,
      dataDir: deps.dataDir,
      runner: this.runner,
      ffmpegPath: deps.ffmpegPath,
      log: deps.log,
      changed: () => {
        this.refreshLast();
        deps.events.emit('recordingsChanged', this.library.list());
        this.emitState();
      },
    });
  }

  /** At start-up: finish what the last run left, find ffmpeg, measure the disk. Not awaited by the core (close() waits for it). */
  start(): Promise<void> {
    this.starting ??= (async () => {
      this.refreshLast();
      await this.library.recoverUnfinished();
      await Promise.all([this.checkFfmpeg(), this.measureDisk()]);
    })();
    return this.starting;
  }

  state(): RecordingState {
    // Idle, the disk is measured when a window asks (at most every 15 s): the warning beside Record stays true.
    if (!this.session && Date.now() - this.diskCheckedAt > 15_000) void this.measureDisk();
    return {
      current: this.session ? this.library.get(this.session.id) : null,
      stopRequested: this.session?.stopRequested ?? null,
      disk: this.disk,
      ffmpeg: this.ffmpeg,
      last: this.last,
      now: Date.now(),
    };
  }

  /** Settings → Recording changed the path: look again. */
  async checkFfmpeg(): Promise<FfmpegCheck> {
    const path = this.deps.ffmpegPath();
    const check = await checkFfmpeg(this.runner, path);
    if (path === this.deps.ffmpegPath()) this.ffmpeg = check;
    this.emitState();
    return check;
  }

  async startRecording(mimeType: string): Promise<Recording> {
    if (this.session) {
      const since = new Date(this.session.startedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
      throw new StudioError('conflict', `A recording is already running (since ${since}). Stop it first.`);
    }
    if (!this.ffmpeg.ok) await this.checkFfmpeg();
    if (!this.ffmpeg.ok) throw new StudioError('unavailable', `Recording needs ffmpeg to save the MP4. ${this.ffmpeg.message ?? ''}`.trim());
    await fs.mkdir(this.library.root, { recursive: true });
    const refusal = refuseToStart(await this.measureDisk());
    if (refusal) throw new StudioError('unavailable', refusal);
    if (this.session) throw new StudioError('conflict', 'A recording was started from another window a moment ago.');
    const show = this.deps.activeShow();
    const startedAt = Date.now();
    const row = this.library.store.create({ showId: show?.id ?? null, showName: show?.name ?? 'Untitled recording', mimeType, startedAt, live: this.deps.onAir() });
    try {
      await fs.mkdir(this.library.folderOf(row), { recursive: true });
      const writer = await CaptureWriter.open(this.library.captureOf(row), { log: (m) => this.deps.log(`recording ${row.id}: ${m}`) });
      this.session = { id: row.id, startedAt, writer, lastChunkAt: startedAt, stopRequested: null, stopRequestedAt: 0, stopping: false };
    } catch (error) {
      this.library.store.failed(row.id, 'The recording’s folder could not be made in the data folder.');
      this.deps.log(`recording ${row.id} could not start`, error);
      throw new StudioError('unavailable', `The recording could not start: its folder could not be made (${(error as Error).message}).`);
    }
    this.timer = setInterval(() => this.tick(), Math.min(1000, this.timing.diskEveryMs));
    this.timer.unref?.();
    this.deps.log(`recording ${row.id} started (${mimeType}) in ${this.library.folderOf(row)}`);
    this.emitState();
    this.deps.events.emit('recordingsChanged', this.library.list());
    return this.library.get(row.id)!;
  }

  async appendChunk(recordingId: number, seq: number, base64: string): Promise<ChunkReceipt> {
    const session = this.session;
    if (!session || session.id !== recordingId || session.stopping) throw this.notRecording(recordingId);
    let receipt: ChunkReceipt;
    try {
      receipt = await session.writer.append(seq, Buffer.from(base64, 'base64'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      void this.stopNow('disk-full');
      throw new StudioError('unavailable', 'The disk is full: the recording stopped, and what was recorded so far is being saved.');
    }
    session.lastChunkAt = Date.now();
    this.library.store.setBytes(recordingId, receipt.bytes);
    this.emitState();
    return receipt;
  }

  /**
   * Stop from the window that records (`lastSeq`: the last chunk it sent;
   * main waits for it) or from anywhere else (no `lastSeq`: the window is
   * asked to stop and send what it holds).
   */
  async stopRecording(recordingId: number, lastSeq: number | undefined): Promise<RecordingState> {
    const session = this.session;
    if (!session || session.id !== recordingId) {
      if (this.library.store.get(recordingId)) return this.state(); // already stopped: nothing to do
      throw new StudioError('not-found', 'That recording is no longer there.');
    }
    if (lastSeq === undefined) {
      this.requestStop('host');
      return this.state();
    }
    if (!(await session.writer.waitFor(lastSeq, this.timing.lastChunkWaitMs))) {
      this.deps.log(`recording ${recordingId}: chunks up to ${lastSeq} did not all arrive; saving what did`);
    }
    await this.stopNow(session.stopRequested ?? 'host');
    return this.state();
  }

  /** End show: the show's recording ends with it (docs/recording.md says why). */
  showEnded(): void {
    this.requestStop('show-ended');
  }

  /** The studio is closing: the capture is closed as it is and made into an MP4 at the next start. */
  async close(): Promise<void> {
    this.stopTimer();
    this.library.close();
    // Whatever ffmpeg runs is killed (an MP4 being made is made again at the next start); the start-up checks end with it.
    this.runner.close();
    await this.starting?.catch(() => undefined);
    const session = this.session;
    this.session = null;
    if (!session) return;
    await session.writer.close().catch((error: unknown) => this.deps.log('the capture could not be closed', error));
    this.library.store.finalizing(session.id, Date.now(), 'studio-closed', session.writer.bytes);
  }

  private requestStop(reason: RecordingStopReason): void {
    const session = this.session;
    if (!session || session.stopRequested !== null) return;
    session.stopRequested = reason;
    session.stopRequestedAt = Date.now();
    this.deps.log(`recording ${session.id}: asking the window to stop (${reason})`);
    this.emitState();
  }

  /** Closes the capture and hands it to the library for the MP4. */
  private async stopNow(reason: RecordingStopReason): Promise<void> {
    const session = this.session;
    if (!session || session.stopping) return;
    session.stopping = true;
    this.stopTimer();
    try {
      await session.writer.close();
    } catch (error) {
      this.deps.log(`recording ${session.id}: the capture could not be closed cleanly`, error);
    }
    this.session = null;
    this.library.store.finalizing(session.id, Date.now(), reason, session.writer.bytes);
    this.deps.log(`recording ${session.id} stopped (${reason}); making the MP4`);
    this.refreshLast();
    this.emitState();
    void this.library.finish(session.id);
    this.deps.events.emit('recordingsChanged', this.library.list());
    void this.measureDisk();
  }

  private tick(): void {
    const session = this.session;
    if (!session || session.stopping) return;
    const now = Date.now();
    if (session.stopRequested !== null && now - session.stopRequestedAt > this.timing.stopWaitMs) {
      void this.stopNow(session.stopRequested);
    } else if (now - session.lastChunkAt > this.timing.windowGoneMs) {
      this.deps.log(`recording ${session.id}: no chunk for ${Math.round((now - session.lastChunkAt) / 1000)} s; the window is gone`);
      void this.stopNow(session.stopRequested ?? 'window-gone');
    } else if (now - this.diskCheckedAt >= this.timing.diskEveryMs) {
      void this.measureDisk();
    }
  }

  /** Free space where recordings go; with a recording running, stops it in time. Returns the free bytes. */
  private async measureDisk(): Promise<number> {
    if (this.diskBusy) return this.disk?.freeBytes ?? Number.POSITIVE_INFINITY;
    this.diskBusy = true;
    this.diskCheckedAt = Date.now();
    try {
      await fs.mkdir(this.library.root, { recursive: true });
      const freeBytes = await this.freeBytes(this.library.root);
      const session = this.session;
      const verdict = diskVerdict({
        freeBytes,
        capturedBytes: session?.writer.bytes ?? 0,
        elapsedMs: session ? Date.now() - session.startedAt : 0,
      });
      const { stop, ...disk } = verdict;
      const changed = JSON.stringify(disk) !== JSON.stringify(this.disk);
      this.disk = disk;
      if (stop && session) this.requestStop('disk-full');
      else if (changed) this.emitState();
      return freeBytes;
    } catch (error) {
      this.deps.log('the free space of the recordings folder could not be measured', error);
      return this.disk?.freeBytes ?? Number.POSITIVE_INFINITY;
    } finally {
      this.diskBusy = false;
    }
  }

  /** Why a chunk for a recording that is not running is refused, in the words the recording window shows. */
  private notRecording(recordingId: number): StudioError {
    const row = this.library.store.get(recordingId);
    if (!row) return new StudioError('not-found', 'That recording is no longer there.');
    const saved = 'What was recorded until then is saved in Recordings.';
    const why: Partial<Record<NonNullable<typeof row.stopped_by>, string>> = {
      crash: `The studio stopped unexpectedly and started again, so this recording ended. ${saved}`,
      'studio-closed': `The studio was closed, so this recording ended. ${saved}`,
      'window-gone': `This window stopped sending the recording for too long, so the studio ended it. ${saved}`,
      'disk-full': `The disk is almost full, so the recording stopped. ${saved}`,
      'show-ended': `The show ended, and its recording with it. ${saved}`,
    };
    return new StudioError('conflict', (row.stopped_by && why[row.stopped_by]) ?? `This recording has stopped. ${saved}`);
  }

  private refreshLast(): void {
    const newest = this.library.store.list(2).find((row) => row.status !== 'recording');
    this.last = newest ? this.library.toRecording(newest) : null;
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private emitState(): void {
    this.deps.events.emit('recordingChanged', this.state());
  }
}

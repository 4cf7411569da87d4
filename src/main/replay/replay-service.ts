import fs from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../shared/api/result.js';
import type { ProductDetail } from '../../shared/domain/catalog.js';
import type { ReplayInfo, ReplayJob, ReplayList } from '../../shared/domain/replay.js';
import { REPLAY_FILES } from '../../shared/replay/replay-timeline.js';
import { REPLAY_NAME_PATTERN, replayFolderName, replayUrl } from '../../shared/replay/replay-names.js';
import type { StudioDatabase } from '../db/open-database.js';
import type { StudioEventBus } from '../events/event-bus.js';
import type { FetchedImage } from '../media/image-fetcher.js';
import type { PictureLookup } from '../pin/product-card-builder.js';
import { RecordingRows, type RecordingRow } from './recording-rows.js';
import { assertReplaceable, writeReplayFolder, type FolderPhase } from './replay-folder.js';
import { replayPicture } from './replay-pictures.js';
import { planReplay } from './replay-plan.js';

export interface ReplayServiceDeps {
  readonly db: StudioDatabase;
  readonly events: StudioEventBus;
  readonly dataDir: string;
  readonly findProduct: (productId: number) => ProductDetail | null;
  /** The built replay page (index.html, replay.js, replay.css). */
  readonly pageDir: string;
  /** Where the built-in SFU serves `<dataDir>/replays` ("http://127.0.0.1:4443", then LAN addresses); empty when it does not. */
  readonly servedAt: () => readonly string[];
  /** The pictures the studio keeps (src/main/media): a replay takes a card's picture from there first. */
  readonly pictures: KeptPictures;
  /** Fetches a picture the studio does not keep (default: fetchImage with its defaults, public addresses only; tests pass their trust). */
  readonly fetchPicture?: (url: string) => Promise<FetchedImage>;
  readonly now?: () => number;
  readonly log?: (message: string) => void;
}

export interface KeptPictures {
  readonly lookup: PictureLookup;
  /** A kept picture's bytes (null: not in the data folder). */
  bytes(id: string): Promise<Buffer | null>;
}

export interface PublishRequest {
  readonly recordingId: number;
  readonly includeChat: boolean;
  /** Where the replay's folder goes (absolute); null: `<dataDir>/replays`. */
  readonly folder: string | null;
}

/** Progress events at most this often (a copy reports every 64 KiB). */
const PROGRESS_EVERY_MS = 150;
/** Each phase's share of the whole bar. */
const PHASES: Readonly<Record<FolderPhase, readonly [number, number]>> = { video: [0.05, 0.8], pictures: [0.8, 0.95], finishing: [0.95, 1] };

/**
 * "Publish replay": turns a finished recording into a folder that plays
 * anywhere (replay-folder.ts), by default in `<dataDir>/replays/<show>/`,
 * which the built-in SFU serves at `/replay/<show>/`. One publish runs at a
 * time; every UI follows it through `replaysChanged`.
 */
export class ReplayService {
  private readonly rows: RecordingRows;
  private readonly jobs = new Map<number, ReplayJob>();
  private running: Promise<void> | null = null;
  private lastEmit = 0;
  private lastServedAt = '';

  constructor(private readonly deps: ReplayServiceDeps) {
    this.rows = new RecordingRows(deps.db);
    this.lastServedAt = JSON.stringify(deps.servedAt());
  }

  /** `<dataDir>/replays`: where replays go by default, and what the built-in SFU serves. */
  get defaultFolder(): string {
    return path.resolve(this.deps.dataDir, 'replays');
  }

  list(): ReplayList {
    const ready = this.rows.ready();
    const listed = new Set(ready.map((r) => r.id));
    // A recording being published stays listed even if its row changed meanwhile.
    const others = [...this.jobs.keys()].filter((id) => !listed.has(id)).map((id) => this.rows.find(id));
    const rows = [...ready, ...others.filter((r): r is RecordingRow => r !== null)];
    return { replays: rows.map((row) => this.infoOf(row)), defaultFolder: this.defaultFolder };
  }

  /** Starts publishing; answers with the list (the job in it). Refusals come at once, in host words. */
  async publish(request: PublishRequest): Promise<ReplayList> {
    if (this.running) throw new StudioError('conflict', 'A replay is being published right now. Publish this one when it is done.');
    const { row, video, durationMs } = this.rows.publishable(request.recordingId, this.deps.dataDir);
    if (!fs.existsSync(video)) throw new StudioError('not-found', `The recording's video file is missing (${video}).`);
    const dest = this.destinationFor(row, request.folder);
    const plan = planReplay(
      { db: this.deps.db, findProduct: this.deps.findProduct, pictures: this.deps.pictures.lookup },
      { recordingId: row.id, showId: row.showId, showName: row.showName, startedAt: row.startedAt, durationMs },
      { includeChat: request.includeChat },
    );
    await assertReplaceable(dest);
    if (this.running) throw new StudioError('conflict', 'A replay is being published right now. Publish this one when it is done.');
    this.setJob(row.id, { phase: 'preparing', progress: 0, message: 'Preparing the replay…', folder: dest }, true);
    this.running = (async () => {
      try {
        const written = await writeReplayFolder({
          dest,
          video,
          pageDir: this.deps.pageDir,
          plan,
          picture: (source) =>
            replayPicture(source, { kept: (id) => this.deps.pictures.bytes(id), ...(this.deps.fetchPicture ? { fetch: this.deps.fetchPicture } : {}) }),
          onProgress: (phase, fraction) => this.progress(row.id, dest, phase, fraction),
          ...(this.deps.now ? { now: this.deps.now } : {}),
          ...(this.deps.log ? { log: this.deps.log } : {}),
        });
        this.rows.markPublished(row.id, dest, written.timeline.publishedAt);
        const missing = written.missingPictures;
        const pictures =
          missing === 0 ? '' : missing === 1 ? ' 1 product picture could not be fetched; its card shows without one.' : ` ${missing} product pictures could not be fetched; their cards show without one.`;
        this.setJob(row.id, { phase: 'done', progress: 1, message: `Published.${pictures}`, folder: dest }, true);
      } catch (error) {
        const message = error instanceof StudioError ? error.message : `The replay could not be written: ${describe(error)}`;
        if (!(error instanceof StudioError)) this.deps.log?.(`Publishing the replay of recording ${row.id} failed: ${String(error)}`);
        this.setJob(row.id, { phase: 'failed', progress: 0, message, folder: dest }, true);
      } finally {
        this.running = null;
      }
    })();
    return this.list();
  }

  /** Resolves when no publish is running (tests, shutdown). */
  async idle(): Promise<void> {
    await this.running;
  }

  /** A recording started, finished or went (src/main/recording calls this): the list of finished recordings changed. */
  recordingsChanged(): void {
    this.emit();
  }

  /** The SFU moved (a new port, the LAN switched on): the replay links change with it. */
  servedAtChanged(): void {
    const now = JSON.stringify(this.deps.servedAt());
    if (now === this.lastServedAt) return;
    this.lastServedAt = now;
    this.emit();
  }

  /**
   * `<parent>/<show-name>`; the parent is the host's folder or the default
   * one. A name another recording's replay already uses there gets the
   * recording's number ("spring-drop-7"), so one show's two recordings
   * never overwrite each other.
   */
  private destinationFor(row: RecordingRow, folder: string | null): string {
    let parent = this.defaultFolder;
    if (folder !== null) {
      if (!path.isAbsolute(folder)) {
        throw new StudioError('invalid-input', 'Give the folder as a full path on the studio computer, such as /home/you/Replays or C:\\Replays.');
      }
      parent = path.resolve(folder);
      const stat = fs.statSync(parent, { throwIfNoEntry: false });
      if (!stat) throw new StudioError('not-found', `There is no folder ${parent}. Create it first, or pick another one.`);
      if (!stat.isDirectory()) throw new StudioError('invalid-input', `${parent} is a file, not a folder.`);
    }
    const name = replayFolderName(row.showName);
    const plain = path.join(parent, name);
    if (row.replayFolder !== null && path.dirname(row.replayFolder) === parent && !this.rows.folderUsedByAnother(row.replayFolder, row.id)) {
      return row.replayFolder; // published here before: replace it
    }
    return this.rows.folderUsedByAnother(plain, row.id) ? path.join(parent, `${name}-${row.id}`) : plain;
  }

  private infoOf(row: RecordingRow): ReplayInfo {
    const published =
      row.replayFolder !== null && row.publishedAt !== null
        ? {
            folder: row.replayFolder,
            publishedAt: row.publishedAt,
            present: fs.existsSync(path.join(row.replayFolder, REPLAY_FILES.timeline)),
            urls: this.urlsOf(row.replayFolder),
          }
        : null;
    return {
      recordingId: row.id,
      showId: row.showId,
      showName: row.showName,
      recordedAt: row.startedAt,
      durationMs: row.durationMs ?? (row.endedAt !== null ? row.endedAt - row.startedAt : null),
      published,
      job: this.jobs.get(row.id) ?? null,
    };
  }

  /** The built-in SFU serves `<dataDir>/replays/<name>/`: links only for a folder right there. */
  private urlsOf(folder: string): string[] {
    const name = path.basename(folder);
    if (path.dirname(folder) !== this.defaultFolder || !REPLAY_NAME_PATTERN.test(name)) return [];
    return this.deps.servedAt().map((base) => replayUrl(base, name));
  }

  private progress(recordingId: number, folder: string, phase: FolderPhase, fraction: number): void {
    const [from, to] = PHASES[phase];
    const message =
      phase === 'video' ? `Copying the video… ${Math.round(fraction * 100)}%` : phase === 'pictures' ? 'Saving the product pictures…' : 'Finishing…';
    this.setJob(recordingId, { phase, progress: from + (to - from) * Math.min(1, Math.max(0, fraction)), message, folder }, fraction >= 1 || fraction === 0);
  }

  private setJob(recordingId: number, job: ReplayJob, always: boolean): void {
    this.jobs.set(recordingId, job);
    const now = Date.now();
    if (!always && now - this.lastEmit < PROGRESS_EVERY_MS) return;
    this.lastEmit = now;
    this.emit();
  }

  private emit(): void {
    this.deps.events.emit('replaysChanged', this.list());
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'the studio may not write to that folder. Pick another one.';
  if (code === 'ENOSPC') return 'the disk is full. Free some space and publish again.';
  if (code === 'EROFS') return 'that disk is read-only. Pick another folder.';
  return (error as Error).message ?? String(error);
}

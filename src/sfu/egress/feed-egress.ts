import type { types } from 'mediasoup';
import type {
  EgressDestination,
  EgressDestinationStatus,
  EgressEncoderState,
  EgressEncoderStatus,
  EgressOrientation,
} from '../../shared/sfu/protocol-egress.js';
import { Backoff } from '../../shared/time/backoff.js';
import type { SfuLog } from '../sfu-log.js';
import { Destination } from './destination.js';
import { EncoderRun, type EncoderEnd } from './encoder.js';
import { RateWindow, type ProgressReport } from './ffmpeg-progress.js';
import type { Pusher } from './pusher.js';
import { programSize } from './simulcast-layers.js';
import { countVideoFrames, TsStream } from './ts-stream.js';

/** Video and audio come one after the other: a change settles this long before the encoder (re)starts. */
const FEED_SETTLE_MS = 300;
/** Connected pushers wait this long for the encoder to come back (a studio reconnecting) before they are let go. */
const PUSHER_IDLE_GRACE_MS = 20_000;
const ENCODER_RETRY = { firstMs: 1000, maxMs: 10_000 } as const;

const NO_VIDEO = 'Waiting for the show’s video.';
/** A vertical destination while the studio sends no vertical feed (its main one is there). */
export const NO_VERTICAL_VIDEO = 'Vertical output is off in the studio — turn it on in Settings; this destination starts when it is on.';
const RESTARTING = 'The show’s video changed (the studio reconnected); the stream continues in a moment.';

/** Where the show's feeds come from (the Room; tests give their own). */
export interface ShowFeedSource {
  router(): types.Router | null;
  /** The host's current producer of this kind on this feed (`main` or `vertical`). */
  producer(kind: types.MediaKind, feed: 'main' | 'vertical'): types.Producer | undefined;
}

export interface FeedEgressOptions {
  readonly show: string;
  readonly orientation: EgressOrientation;
  readonly ffmpegPath: string;
  readonly log: SfuLog;
  readonly source: ShowFeedSource;
  /** Something in this orientation's status changed (ShowEgress pushes the show's status). */
  readonly changed: () => void;
  /** How far a pusher may fall behind (bytes waiting for it) before it is started again; default 4 MB. */
  readonly pusherMaxBacklogBytes?: number;
}

/** An ffmpeg process of this show, for a benchmark reading /proc/<pid>/stat. */
export interface EgressProcess {
  readonly role: 'encoder' | 'pusher';
  /** The destination a pusher sends to; null for an encoder. */
  readonly destinationId: string | null;
  /** Which encoder (and its pushers) it belongs to. */
  readonly orientation: EgressOrientation;
  readonly pid: number;
}

/**
 * One orientation of a show's multistream (ShowEgress holds one per
 * orientation): one encoder run at a time (EncoderRun) on that orientation's
 * video feed and the main audio, whose MPEG-TS goes to one pusher per
 * destination. A feed change (the studio published anew) replaces the
 * encoder run; connected pushers stay connected and the stream continues on
 * the same timeline (a later `-output_ts_offset`, the same size), so
 * platforms see a pause, not a new stream. Nothing here touches the other
 * orientation.
 */
export class FeedEgress {
  private readonly destinations = new Map<string, Destination>();
  private run: EncoderRun | null = null;
  private runFeed: string | null = null;
  private runOffset = 0;
  private encoderState: EgressEncoderState = 'idle';
  private encoderReason: string | null = null;
  private size: { width: number; height: number } | null = null;
  /** The size the current run was told to keep (null: the first picture's). */
  private runSize: { width: number; height: number } | null = null;
  /** The program's size worked out from a lower simulcast layer: the next run keeps it. */
  private layerSize: { width: number; height: number } | null = null;
  /** The current run's size is the program's (known, or checked against its simulcast layer). */
  private sizeChecked = false;
  /** The stream's timeline while pushers stay connected: when it started and where its last output was (s). */
  private timeline: { startedAt: number; endSeconds: number } | null = null;
  private readonly ts = new TsStream();
  private readonly encoderRates = new RateWindow();
  private readonly encoderRetry = new Backoff(ENCODER_RETRY);
  private work: Promise<void> = Promise.resolve();
  private settleTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private graceTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private ending: Promise<void> | null = null;

  constructor(private readonly options: FeedEgressOptions) {}

  /** Destinations here, stopped ones included. */
  get destinationCount(): number {
    return this.destinations.size;
  }

  /** Forgets the oldest stopped destination (to make room for a new one); false if none is stopped. */
  dropOldestStopped(): boolean {
    const oldestStopped = [...this.destinations.values()].find((d) => d.current === 'stopped');
    if (!oldestStopped) return false;
    this.destinations.delete(oldestStopped.id);
    return true;
  }

  /** Stops a destination and forgets it (replaced, or moved to the other orientation). */
  async remove(id: string): Promise<void> {
    const existing = this.destinations.get(id);
    if (!existing) return;
    this.destinations.delete(id);
    await existing.stop(null);
    this.schedule(0);
  }

  /** `egressStart` for this orientation (ShowEgress checks the limit and removes an older one with this id first). */
  start(config: EgressDestination): void {
    const destination = new Destination(config, {
      ffmpegPath: this.options.ffmpegPath,
      log: this.options.log,
      encoderReady: () => this.encoderState === 'running' && this.ts.fromLastKeyframe().length > 0,
      waitingReason: () => (this.video() ? (this.encoderState === 'restarting' ? RESTARTING : null) : this.noVideoReason()),
      prime: (pusher) => this.prime(pusher),
      changed: () => this.options.changed(),
      ...(this.options.pusherMaxBacklogBytes !== undefined ? { maxBacklogBytes: this.options.pusherMaxBacklogBytes } : {}),
    });
    this.destinations.set(config.id, destination);
    if (this.encoderState === 'failed') this.clearEncoderFailure();
    destination.begin();
    this.schedule(0);
  }

  async stop(id: string): Promise<void> {
    const destination = this.destinations.get(id);
    if (!destination || this.closed) return;
    await destination.stop(null);
    this.schedule(0);
  }

  /** The destination's state, for `egressReconnect`'s checks (undefined: not here). */
  stateOf(id: string): EgressDestinationStatus['state'] | undefined {
    return this.destinations.get(id)?.current;
  }

  /** `egressReconnect` (ShowEgress checked the destination is here and not stopped). */
  reconnect(id: string): void {
    const destination = this.destinations.get(id);
    if (!destination || this.closed) return;
    if (this.encoderState === 'failed') this.clearEncoderFailure();
    destination.reconnectNow();
    this.schedule(0);
  }

  /** The show's producers changed (a new publish, a feed closed). */
  feedsChanged(): void {
    if (!this.closed) this.schedule(FEED_SETTLE_MS);
  }

  encoderStatus(): EgressEncoderStatus {
    const rates = this.encoderState === 'running' ? this.encoderRates.rates() : null;
    return {
      state: this.encoderState,
      reason: this.encoderReason,
      width: this.size?.width ?? null,
      height: this.size?.height ?? null,
      fps: rates?.fps ?? null,
    };
  }

  destinationStatuses(): EgressDestinationStatus[] {
    return [...this.destinations.values()].map((d) => d.status());
  }

  processes(): EgressProcess[] {
    const { orientation } = this.options;
    const found: EgressProcess[] = [];
    const encoderPid = this.run?.pid ?? null;
    if (encoderPid !== null) found.push({ role: 'encoder', destinationId: null, orientation, pid: encoderPid });
    for (const d of this.destinations.values()) {
      if (d.pusherPid !== null) found.push({ role: 'pusher', destinationId: d.id, orientation, pid: d.pusherPid });
    }
    return found;
  }

  /** This orientation's video feed: the host's main video, or its vertical one. */
  private video(): types.Producer | undefined {
    return this.options.source.producer('video', this.options.orientation === 'vertical' ? 'vertical' : 'main');
  }

  /** Why a destination here has no video: the show has none yet, or (vertical) the studio sends no vertical feed. */
  private noVideoReason(): string {
    return this.options.orientation === 'vertical' && this.options.source.producer('video', 'main') ? NO_VERTICAL_VIDEO : NO_VIDEO;
  }

  /** The show ended (or the server stops): every destination stops, every process ends. Resolves when they are gone. */
  end(reason: string): Promise<void> {
    this.ending ??= this.finish(reason);
    return this.ending;
  }

  private async finish(reason: string): Promise<void> {
    this.closed = true;
    for (const timer of [this.settleTimer, this.retryTimer, this.graceTimer]) if (timer) clearTimeout(timer);
    const stops = [...this.destinations.values()].map((d) => d.stop(reason));
    this.encoderState = 'idle';
    this.encoderReason = null;
    await Promise.all(stops);
    await this.work;
    await this.stopRun();
  }

  private schedule(delayMs: number): void {
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      this.work = this.work.then(() => this.reconcile()).catch((error: unknown) => this.options.log.error(`multistream show ${this.options.show}`, error));
    }, delayMs);
  }

  /** Makes the encoder match what is wanted: running on the current feeds while a destination wants the stream. */
  private async reconcile(): Promise<void> {
    if (this.closed) return;
    const { source } = this.options;
    const wanted = [...this.destinations.values()].some((d) => d.wantsStream);
    const router = source.router();
    const video = this.video();
    const audio = source.producer('audio', 'main') ?? null;
    const feed = wanted && router && video && !video.closed ? `${router.id}/${video.id}/${audio?.id ?? '-'}` : null;
    if (this.encoderState === 'failed') return; // ffmpeg is missing: the host's egressStart or egressReconnect tries again
    if (feed !== null && feed === this.runFeed && this.run) return;
    const wasRunning = this.run !== null && this.encoderState === 'running';
    await this.stopRun();
    if (feed === null || !router || !video) {
      const reason = this.noVideoReason();
      this.setEncoder('idle', wanted ? reason : null);
      this.pauseDestinations(reason);
      return;
    }
    if (wasRunning) this.pauseDestinations(RESTARTING);
    await this.startRun(feed, router, video, audio);
  }

  private async startRun(feed: string, router: types.Router, video: types.Producer, audio: types.Producer | null): Promise<void> {
    const keepConnections = this.timeline !== null && [...this.destinations.values()].some((d) => d.hasPusher);
    if (!keepConnections) {
      this.timeline = { startedAt: Date.now(), endSeconds: 0 };
      this.size = null;
    }
    const timeline = this.timeline!;
    // Never earlier than what the connected pushers already sent: their timeline only moves forward.
    this.runOffset = keepConnections ? Math.max((Date.now() - timeline.startedAt) / 1000, timeline.endSeconds + 0.5) : 0;
    const starting = (this.encoderState === 'idle' || this.encoderState === 'starting') && !keepConnections;
    this.setEncoder(starting ? 'starting' : 'restarting', this.encoderReason);
    this.ts.reset();
    this.encoderRates.reset();
    this.runSize = keepConnections ? this.size : this.layerSize;
    this.layerSize = null;
    this.sizeChecked = this.runSize !== null;
    let run: EncoderRun | null = null;
    try {
      run = await EncoderRun.start(
        { router, video, audio },
        { ffmpegPath: this.options.ffmpegPath, show: this.options.show, size: this.runSize, tsOffsetSeconds: this.runOffset, log: this.options.log },
        {
          onData: (bytes) => run === this.run && this.data(bytes),
          onProgress: (report) => run === this.run && this.progress(report),
          onSize: (size, downscale) => run === this.run && this.sized(size, downscale),
          onEnd: (end) => run === this.run && this.runEnded(end),
        },
      );
    } catch (error) {
      // The feed went while its transports were made, or the worker is gone: try again shortly.
      this.options.log.warn(`multistream show ${this.options.show}: the ${this.options.orientation} encoder could not start: ${(error as Error).message}`);
      this.retryLater('The encoder could not start; trying again.');
      return;
    }
    if (this.closed) {
      await run.stop();
      return;
    }
    this.run = run;
    this.runFeed = feed;
  }

  private async stopRun(): Promise<void> {
    const run = this.run;
    this.run = null;
    this.runFeed = null;
    this.ts.reset();
    if (run) await run.stop();
  }

  private data(bytes: Buffer): void {
    const chunk = this.ts.push(bytes);
    if (!chunk) return;
    for (const destination of this.destinations.values()) destination.write(chunk.data, chunk.videoFrames);
    if (this.encoderState !== 'running' && this.sizeChecked && this.ts.fromLastKeyframe().length > 0) this.running();
  }

  /**
   * The run's first picture set its size. From a lower simulcast layer (the
   * top one was not flowing yet) that is not the program's: a new run starts
   * at once at the program's size, before any destination has seen this one.
   */
  private sized(size: { width: number; height: number }, downscale: number): void {
    if (this.runSize === null && downscale > 1) {
      this.layerSize = programSize(size, downscale);
      this.options.log.info(
        `multistream show ${this.options.show}: the first picture came from a ${size.width}x${size.height} layer; encoding at the program's ${this.layerSize.width}x${this.layerSize.height}`,
      );
      this.runFeed = null;
      this.schedule(0);
      return;
    }
    this.size = size;
    this.sizeChecked = true;
    this.options.changed();
    if (this.encoderState !== 'running' && this.ts.fromLastKeyframe().length > 0) this.running();
  }

  private progress(report: ProgressReport): void {
    this.encoderRates.add(report);
    if (this.timeline) this.timeline.endSeconds = Math.max(this.timeline.endSeconds, this.runOffset + report.outTimeUs / 1e6);
  }

  private running(): void {
    this.encoderRetry.reset();
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.graceTimer = null;
    this.setEncoder('running', null);
    for (const destination of this.destinations.values()) destination.encoderReady();
  }

  private runEnded(end: EncoderEnd): void {
    const run = this.run;
    this.run = null;
    this.runFeed = null;
    void run?.stop();
    if (end.kind === 'ports') {
      this.schedule(0);
      return;
    }
    if (end.kind === 'not-started') {
      this.options.log.error(`multistream show ${this.options.show}: ${end.reason}`);
      this.setEncoder('failed', end.reason);
      for (const destination of this.destinations.values()) if (destination.wantsStream) void destination.fail(end.reason);
      return;
    }
    this.options.log.warn(`multistream show ${this.options.show}: the ${this.options.orientation} encoder stopped: ${end.reason}`);
    this.pauseDestinations(RESTARTING);
    this.retryLater(`The encoder stopped (${end.reason.slice(0, 200)}); starting it again.`);
  }

  private retryLater(reason: string): void {
    this.setEncoder('restarting', reason);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.schedule(0);
    }, this.encoderRetry.next());
  }

  private clearEncoderFailure(): void {
    this.encoderRetry.reset();
    this.setEncoder('idle', null);
  }

  /** The encoder is not producing: destinations wait; connections are kept a while for it to come back. */
  private pauseDestinations(reason: string): void {
    for (const destination of this.destinations.values()) destination.encoderPaused(reason);
    if (this.graceTimer || ![...this.destinations.values()].some((d) => d.hasPusher)) return;
    this.graceTimer = setTimeout(() => {
      this.graceTimer = null;
      if (this.encoderState === 'running') return;
      for (const destination of this.destinations.values()) void destination.park(this.noVideoReason());
      this.timeline = null;
    }, PUSHER_IDLE_GRACE_MS);
  }

  /** A new pusher starts from the last keyframe (with its tables), not mid-picture. */
  private prime(pusher: Pusher): void {
    for (const bytes of this.ts.fromLastKeyframe()) pusher.write(bytes, countVideoFrames([bytes]));
  }

  private setEncoder(state: EgressEncoderState, reason: string | null): void {
    if (state === this.encoderState && reason === this.encoderReason) return;
    this.encoderState = state;
    this.encoderReason = reason;
    this.options.changed();
  }
}

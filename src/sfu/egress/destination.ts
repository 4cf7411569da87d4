import type { EgressDestination, EgressDestinationStatus, EgressState } from '../../shared/sfu/protocol-egress.js';
import { Backoff } from '../../shared/time/backoff.js';
import { Pusher } from './pusher.js';
import type { PusherVerdict } from './rtmp-errors.js';
import type { SfuLog } from '../sfu-log.js';

/** Retries after a drop or a failure to connect: 1 s doubling to 30 s. */
export const RECONNECT_POLICY = { firstMs: 1000, maxMs: 30_000 } as const;
/** Live this long, the next drop starts from the first delay again. */
const STABLE_AFTER_MS = 30_000;

export interface DestinationDeps {
  readonly ffmpegPath: string;
  readonly log: SfuLog;
  /** The encoder has output a new pusher can start from. */
  readonly encoderReady: () => boolean;
  /** Why a destination waits for the encoder now (no video yet, a restart), or null. */
  readonly waitingReason: () => string | null;
  /** Gives a new pusher the stream from the last keyframe. */
  readonly prime: (pusher: Pusher) => void;
  /** Something in this destination's status changed. */
  readonly changed: () => void;
  /** Bytes a pusher may have waiting before it is dropped (default PUSHER_MAX_BACKLOG_BYTES). */
  readonly maxBacklogBytes?: number;
}

/**
 * One destination: its state (docs/sfu-protocol.md, "Multistream"), its
 * pusher, its backoff. Its pusher starts when the encoder has output and is
 * replaced after a drop; nothing here touches the encoder or another
 * destination.
 */
export class Destination {
  private state: EgressState = 'waiting';
  private reason: string | null = null;
  private liveSince: number | null = null;
  private reconnects = 0;
  private retryAt: number | null = null;
  private droppedFrames = 0;
  private pusher: Pusher | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly backoff = new Backoff(RECONNECT_POLICY);
  /** It dropped or failed since it was last live: going live again counts as a reconnect. */
  private recovering = false;
  /** Frames the pusher had sent when the encoder paused: more than this means the stream moves again. */
  private frameMark = -1;

  constructor(
    readonly config: EgressDestination,
    private readonly deps: DestinationDeps,
  ) {}

  get id(): string {
    return this.config.id;
  }

  get current(): EgressState {
    return this.state;
  }

  /** Started and not given up on: it wants the encoder running. */
  get wantsStream(): boolean {
    return this.state !== 'stopped' && this.state !== 'failed';
  }

  get hasPusher(): boolean {
    return this.pusher !== null;
  }

  get pusherPid(): number | null {
    return this.pusher?.pid ?? null;
  }

  /** Starts (or waits for the encoder). */
  begin(): void {
    this.clearRetry();
    if (this.pusher) return;
    if (!this.deps.encoderReady()) {
      this.set('waiting', this.deps.waitingReason());
      return;
    }
    this.set('connecting', null);
    const pusher = new Pusher(this.deps.ffmpegPath, { name: this.config.name, url: this.config.url, streamKey: this.config.streamKey }, {
      onLive: () => this.wentLive(pusher),
      onEnd: (verdict) => this.ended(pusher, verdict),
      onProgress: () => this.progressed(pusher),
    }, this.deps.log, this.deps.maxBacklogBytes);
    this.pusher = pusher;
    this.deps.prime(pusher);
  }

  /** The encoder has output again: a waiting destination starts. */
  encoderReady(): void {
    if (this.state === 'waiting' && !this.pusher) this.begin();
  }

  /**
   * The encoder stopped or restarts: a connected pusher stays connected
   * (the stream resumes on the same connection) but the destination waits.
   */
  encoderPaused(reason: string): void {
    if (!this.wantsStream || this.state === 'reconnecting') return;
    if (this.pusher) this.frameMark = this.pusher.framesOut;
    this.set('waiting', reason);
  }

  /** Gives up the connection kept through a pause (the encoder did not come back in time). */
  async park(reason: string): Promise<void> {
    const pusher = this.pusher;
    if (!pusher) return;
    this.pusher = null;
    await pusher.stop();
    if (this.wantsStream) this.set('waiting', reason);
  }

  write(data: Buffer, videoFrames: number): void {
    const pusher = this.pusher;
    if (!pusher) return;
    pusher.write(data, videoFrames);
    if (pusher.isBehind) void this.fellBehind(pusher);
  }

  /** `egressReconnect`: try now. Only a destination that is reconnecting or failed has anything to retry. */
  reconnectNow(): void {
    if (this.state !== 'reconnecting' && this.state !== 'failed') return;
    this.backoff.reset();
    this.begin();
  }

  /** Stopped by the host or because the show ended; its last figures stay. */
  async stop(reason: string | null): Promise<void> {
    this.clearRetry();
    const pusher = this.pusher;
    this.pusher = null;
    this.set('stopped', reason);
    // A stop is the host's choice: what the pusher still held is not counted as dropped.
    if (pusher) await pusher.stop();
  }

  /** The encoder cannot run (ffmpeg missing): nothing to send, not retried until the host asks. */
  async fail(reason: string): Promise<void> {
    this.clearRetry();
    const pusher = this.pusher;
    this.pusher = null;
    if (pusher) await pusher.stop();
    if (this.state !== 'stopped') this.set('failed', reason);
  }

  status(): EgressDestinationStatus {
    const figures = this.state === 'live' ? this.pusher?.figures() : null;
    return {
      id: this.config.id,
      name: this.config.name,
      orientation: this.config.orientation,
      state: this.state,
      reason: this.reason,
      bitrateKbps: figures?.kbps ?? null,
      fps: figures?.fps ?? null,
      droppedFrames: this.droppedFrames,
      liveSince: this.state === 'live' ? this.liveSince : null,
      reconnects: this.reconnects,
      retryAt: this.state === 'reconnecting' ? this.retryAt : null,
    };
  }

  private wentLive(pusher: Pusher): void {
    if (this.pusher !== pusher || this.state === 'stopped') return;
    if (this.recovering) this.reconnects++;
    this.recovering = false;
    this.frameMark = -1;
    this.liveSince = Date.now();
    this.set('live', null);
  }

  private progressed(pusher: Pusher): void {
    if (this.pusher !== pusher) return;
    // Back from an encoder pause on the same connection: live again once frames move.
    if (this.state === 'waiting' && pusher.isLive && this.frameMark >= 0 && pusher.framesOut > this.frameMark) {
      this.frameMark = -1;
      pusher.resetFigures();
      this.liveSince = Date.now();
      this.set('live', null);
    }
  }

  private ended(pusher: Pusher, verdict: PusherVerdict): void {
    if (this.pusher !== pusher) return;
    this.pusher = null;
    this.droppedFrames += pusher.framesLost;
    if (this.liveSince !== null && Date.now() - this.liveSince >= STABLE_AFTER_MS) this.backoff.reset();
    this.recovering = true;
    if (verdict.outcome === 'failed') {
      this.deps.log.warn(`multistream "${this.config.name}": failed: ${verdict.reason}`);
      this.set('failed', verdict.reason);
      return;
    }
    this.scheduleRetry(verdict.reason);
  }

  private async fellBehind(pusher: Pusher): Promise<void> {
    if (this.pusher !== pusher) return;
    this.pusher = null;
    this.deps.log.warn(`multistream "${this.config.name}": the connection cannot keep up; starting it again`);
    await pusher.stop();
    this.droppedFrames += pusher.framesLost;
    this.recovering = true;
    if (this.state === 'stopped') return;
    this.scheduleRetry(`The connection to the server is too slow for the stream; reconnecting.`);
  }

  private scheduleRetry(reason: string): void {
    this.clearRetry();
    const delay = this.backoff.next();
    this.retryAt = Date.now() + delay;
    this.set('reconnecting', reason);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.begin();
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.retryAt = null;
  }

  private set(state: EgressState, reason: string | null): void {
    if (state !== 'live') this.liveSince = null;
    this.state = state;
    this.reason = reason;
    this.deps.changed();
  }
}

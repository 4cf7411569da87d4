import type { types } from 'mediasoup-client';
import type { SignalRequests } from '../../shared/sfu/signal-requests.js';
import { VIDEO_CODEC_OPTIONS } from './publish-media.js';

/** Runs in the renderer. */

/** A session's send transport, as PublishClient hands it to another feed. */
export interface FeedSession {
  readonly transport: types.Transport;
  readonly requests: SignalRequests;
}

/** A feed riding on the PublishClient's session: produced on each (re)join, gone with the transport. */
export interface SessionFeed {
  attach(session: FeedSession): void;
  /** The session on `transport` is over (stop, end, a rejoin): its producers went with it. */
  detach(transport: types.Transport): void;
}

/**
 * What the vertical feed does now, for the host:
 * - off: vertical output is off in Settings (nothing to send);
 * - waiting: not live (it goes out with the show);
 * - starting / live: being produced / produced on the SFU;
 * - stopped: the host stopped it alone (the 16:9 show goes on);
 * - error: the SFU refused it (the 16:9 show goes on), `error` says why.
 */
export type VerticalFeedPhase = 'off' | 'waiting' | 'starting' | 'live' | 'stopped' | 'error';

export interface VerticalFeedStatus {
  readonly phase: VerticalFeedPhase;
  readonly error: string | null;
}

/**
 * 9:16 at 30 fps, simulcast like the 16:9 feed: a phone on a weak network
 * gets a quarter, most a half, good connections the whole picture. The top
 * layer of 1080x1920 needs more than 720x1280's to look as sharp.
 */
export function verticalLayers(height: number): types.RtpEncodingParameters[] {
  const top = height >= 1920 ? 3_500_000 : 1_800_000;
  return [
    { scaleResolutionDownBy: 4, maxBitrate: 150_000, scalabilityMode: 'L1T3' },
    { scaleResolutionDownBy: 2, maxBitrate: 600_000, scalabilityMode: 'L1T3' },
    { scaleResolutionDownBy: 1, maxBitrate: top, scalabilityMode: 'L1T3' },
  ];
}

/**
 * The vertical canvas's producer (feed 'vertical') on the publisher's
 * session. Live and vertical output on: produced with the show, and again
 * after every rejoin; the host can stop it alone (its producer closes, the
 * 16:9 feed keeps going) and start it again. Stop and End show of the whole
 * show take it down with the session.
 */
export class VerticalPublisher implements SessionFeed {
  private track: MediaStreamTrack | null = null;
  /** The host's wish: false after "Stop vertical" until "Start vertical" or the next show. */
  private wanted = true;
  private session: FeedSession | null = null;
  private producer: types.Producer | null = null;
  private producing: Promise<void> | null = null;
  /** Why the SFU refused the feed (until Start vertical or the next show). */
  private failure: string | null = null;
  private status: VerticalFeedStatus = { phase: 'off', error: null };
  private readonly listeners = new Set<() => void>();

  getStatus = (): VerticalFeedStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The vertical canvas's track; null: vertical output is off (the producer closes). */
  setTrack(track: MediaStreamTrack | null): void {
    if (track === this.track) return;
    this.track = track;
    if (track && this.producer) void this.producer.replaceTrack({ track }).catch(() => undefined);
    if (!track) void this.closeProducer();
    this.sync();
  }

  /** "Start vertical": produce again on the running session. */
  start(): void {
    this.wanted = true;
    this.failure = null;
    this.sync();
  }

  /** "Stop vertical": the vertical feed's viewers and destinations lose it; the 16:9 show goes on. */
  async stop(): Promise<void> {
    this.wanted = false;
    await this.closeProducer();
    this.sync();
  }

  /** A new show starts with the vertical feed on again (a stop was for that show). */
  resetForNextShow(): void {
    if (this.session) return;
    this.wanted = true;
    this.failure = null;
    this.sync();
  }

  /** The current producer's id (tests and the bench read its stats). */
  get producerId(): string | null {
    return this.producer?.id ?? null;
  }

  /** The vertical producer's own send stats (bench: upload of one output against two). */
  async stats(): Promise<RTCStatsReport | null> {
    return this.producer && !this.producer.closed ? this.producer.getStats() : null;
  }

  attach(session: FeedSession): void {
    this.session = session;
    this.producer = null;
    this.sync();
  }

  detach(transport: types.Transport): void {
    if (this.session?.transport !== transport) return;
    this.session = null;
    this.producer = null;
    this.sync();
  }

  private sync(): void {
    const { session, track } = this;
    if (session && track && this.wanted && !this.producer && !this.producing) {
      this.producing = this.produce(session, track).finally(() => {
        this.producing = null;
        this.sync();
      });
    }
    this.set(this.phase());
  }

  private phase(): VerticalFeedStatus {
    if (!this.track) return { phase: 'off', error: null };
    if (this.failure !== null) return { phase: 'error', error: this.failure };
    if (!this.wanted) return { phase: 'stopped', error: null };
    if (!this.session) return { phase: 'waiting', error: null };
    return { phase: this.producer ? 'live' : 'starting', error: null };
  }

  private async produce(session: FeedSession, track: MediaStreamTrack): Promise<void> {
    try {
      const producer = await session.transport.produce({
        track,
        encodings: verticalLayers(track.getSettings().height ?? 1280),
        codecOptions: VIDEO_CODEC_OPTIONS,
        stopTracks: false,
        appData: { feed: 'vertical' },
      });
      // Stopped, switched off or rejoined while it was being made: it is not wanted on this session.
      if (this.session !== session || !this.wanted || this.track !== track) {
        await this.closeOn(session, producer);
        return;
      }
      this.producer = producer;
      producer.on('transportclose', () => {
        if (this.producer === producer) this.producer = null;
      });
    } catch (error) {
      if (this.session !== session) return;
      this.wanted = false;
      const reason = error instanceof Error ? error.message : String(error);
      this.failure = `The vertical video could not be sent (${reason}). The 16:9 show goes on; press Start vertical to try again.`;
    }
  }

  private async closeProducer(): Promise<void> {
    const { producer, session } = this;
    this.producer = null;
    if (producer && session) await this.closeOn(session, producer);
  }

  private async closeOn(session: FeedSession, producer: types.Producer): Promise<void> {
    producer.close();
    // Tells the SFU at once (its viewers lose the feed now, not when the session ends); a dead server must not hold the button.
    await Promise.race([
      session.requests.request({ type: 'closeProducer', producerId: producer.id }).catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, 1_000)),
    ]);
  }

  private set(status: VerticalFeedStatus): void {
    if (status.phase === this.status.phase && status.error === this.status.error) return;
    this.status = status;
    for (const listener of this.listeners) listener();
  }
}

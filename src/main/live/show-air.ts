import type { AirPhase, AirState, PublisherInfo } from '../../shared/domain/live.js';

/**
 * How long the show's media may be gone from the SFU while a window still
 * holds the show before every window says "Reconnecting": Stop and End show
 * close the feeds a moment before the window lets go of the show, and a
 * blip that short is not worth alarming a producer about.
 */
export const RECONNECT_GRACE_MS = 3_000;

/**
 * Where the show stands, for every window (runs in main; the source of
 * truth a producer's console shows). Fed by who holds the show
 * (OnePublisher), what main's link hears from the SFU (is the media there,
 * how many watch) and how the holder let go (Stop or End show).
 */
export class ShowAir {
  private holder: PublisherInfo | null = null;
  private live = false;
  private viewers = 0;
  /** When the show went on air in this run of it; null while not on air. */
  private onAirSince: number | null = null;
  private pausedAt: number | null = null;
  private endedAt: number | null = null;
  private lastWhere: string | null = null;
  /** The holder is letting go with End show: its release ends the show. */
  private ending = false;
  /** The next claim is made only to end the show from a pause (endingClaim). */
  private claimToEnd = false;
  /** The holder that claimed only to end the show: the show stays paused for every window, never "connecting". */
  private endingHolder: string | null = null;
  /** The media went away while a window still holds the show; "reconnecting" once this fires. */
  private grace: ReturnType<typeof setTimeout> | null = null;
  private lastJson = '';

  constructor(
    private readonly changed: (state: AirState) => void,
    private readonly now: () => number = Date.now,
    private readonly graceMs: number = RECONNECT_GRACE_MS,
  ) {}

  state(): AirState {
    return { ...this.shape(), now: this.now() };
  }

  /** Who holds the show now (OnePublisher's current holder). */
  setHolder(holder: PublisherInfo | null): void {
    const had = this.holder;
    this.holder = holder;
    if (holder?.publisherId !== this.endingHolder) this.endingHolder = null;
    if (holder && holder.publisherId !== had?.publisherId && this.claimToEnd) this.endingHolder = holder.publisherId;
    if (holder) {
      this.lastWhere = holder.where;
      if (!had) this.ending = false;
    } else if (had && !this.live) {
      this.wentOff();
    }
    this.step();
  }

  /**
   * Around a claim a window makes only to end the show from a pause (it
   * needs the show to say goodbye to viewers): that holder is not going
   * live, so every window keeps seeing "paused" until it ends the show.
   */
  endingClaim<T>(claim: () => T): T {
    this.claimToEnd = true;
    try {
      return claim();
    } finally {
      this.claimToEnd = false;
    }
  }

  /** The holder is about to let go because the host ended the show (not a pause). */
  endingShow(): void {
    this.ending = true;
  }

  /** What main's link to the SFU says: is the show's media there, and how many watch. */
  setMedia(live: boolean, viewers: number): void {
    const was = this.live;
    this.live = live;
    this.viewers = viewers;
    if (live && !was) {
      this.onAirSince ??= this.now();
      this.pausedAt = null;
      this.endedAt = null;
      this.ending = false;
      this.clearGrace();
    } else if (!live && was) {
      if (this.holder === null) this.wentOff();
      else if (this.onAirSince !== null && this.grace === null) {
        this.grace = setTimeout(() => {
          this.grace = null;
          this.step();
        }, this.graceMs);
        this.grace.unref?.();
      }
    }
    this.step();
  }

  dispose(): void {
    this.clearGrace();
  }

  /** Nobody publishes and no media: paused, or ended when the host said so. */
  private wentOff(): void {
    this.clearGrace();
    if (this.ending) {
      this.endedAt = this.now();
      this.pausedAt = null;
      this.ending = false;
    } else if (this.onAirSince !== null) {
      this.pausedAt = this.now();
    }
    this.onAirSince = null;
  }

  private phase(): AirPhase {
    if (this.live) return 'live';
    if (this.holder && this.holder.publisherId !== this.endingHolder) {
      if (this.onAirSince === null) return 'connecting';
      return this.grace !== null ? 'live' : 'reconnecting';
    }
    if (this.endedAt !== null) return 'ended';
    if (this.pausedAt !== null) return 'paused';
    return 'offline';
  }

  private shape(): Omit<AirState, 'now'> {
    const phase = this.phase();
    const since =
      phase === 'live' || phase === 'reconnecting'
        ? this.onAirSince
        : phase === 'paused'
          ? this.pausedAt
          : phase === 'ended'
            ? this.endedAt
            : null;
    const where = this.holder?.where ?? (phase === 'offline' ? null : this.lastWhere);
    return { phase, since, where, viewers: this.viewers };
  }

  private step(): void {
    const shape = this.shape();
    const json = JSON.stringify(shape);
    if (json === this.lastJson) return;
    this.lastJson = json;
    this.changed({ ...shape, now: this.now() });
  }

  private clearGrace(): void {
    if (this.grace) clearTimeout(this.grace);
    this.grace = null;
  }
}

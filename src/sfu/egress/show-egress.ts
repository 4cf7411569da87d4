import {
  EGRESS_MAX_DESTINATIONS,
  EGRESS_ORIENTATIONS,
  type EgressDestinationInput,
  type EgressOrientation,
  type EgressStatus,
} from '../../shared/sfu/protocol-egress.js';
import { SignalFailure } from '../signal-failure.js';
import type { SfuLog } from '../sfu-log.js';
import { FeedEgress, type EgressProcess, type ShowFeedSource } from './feed-egress.js';
import { StatusPushes } from './status-pushes.js';

export type { EgressProcess, ShowFeedSource } from './feed-egress.js';

export interface ShowEgressOptions {
  readonly show: string;
  readonly ffmpegPath: string;
  readonly log: SfuLog;
  readonly source: ShowFeedSource;
  /** Every status change, and every 2 s while a destination is live. */
  readonly onStatus: (status: EgressStatus) => void;
  /** How far a pusher may fall behind (bytes waiting for it) before it is started again; default 4 MB. */
  readonly pusherMaxBacklogBytes?: number;
}

/**
 * Multistream for one show: a FeedEgress per orientation — the horizontal
 * destinations share the encoder of the host's main video, the vertical ones
 * the encoder of its vertical video (both with the main audio). The two
 * never wait for, stop or restart each other; the show's end stops both.
 * Destination ids are unique across both: starting an id in the other
 * orientation moves it there.
 */
export class ShowEgress {
  private readonly feeds: Readonly<Record<EgressOrientation, FeedEgress>>;
  private readonly pushes: StatusPushes;
  private closed = false;
  private ending: Promise<void> | null = null;

  constructor(options: ShowEgressOptions) {
    this.pushes = new StatusPushes(
      () => this.status(),
      (status) => options.onStatus(status),
    );
    const feed = (orientation: EgressOrientation) =>
      new FeedEgress({
        show: options.show,
        orientation,
        ffmpegPath: options.ffmpegPath,
        log: options.log,
        source: options.source,
        changed: () => this.pushes.changed(),
        ...(options.pusherMaxBacklogBytes !== undefined ? { pusherMaxBacklogBytes: options.pusherMaxBacklogBytes } : {}),
      });
    this.feeds = { horizontal: feed('horizontal'), vertical: feed('vertical') };
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** `egressStart`: a destination with this id is replaced (in either orientation). No orientation: horizontal. */
  async start(input: EgressDestinationInput): Promise<void> {
    const config = { ...input, orientation: input.orientation ?? 'horizontal' };
    this.assertOpen();
    for (const feed of this.all()) await feed.remove(config.id);
    if (this.all().reduce((n, feed) => n + feed.destinationCount, 0) >= EGRESS_MAX_DESTINATIONS) {
      // Stopped ones are kept for their figures; the oldest of them makes room.
      if (!this.all().some((feed) => feed.dropOldestStopped())) {
        throw new SignalFailure('conflict', `A show can go to at most ${EGRESS_MAX_DESTINATIONS} destinations at once; stop one first.`);
      }
    }
    this.assertOpen();
    this.feeds[config.orientation].start(config);
  }

  /** `egressStop`: the others go on. Unknown ids are ignored. */
  async stop(id: string): Promise<void> {
    if (this.closed) return;
    await Promise.all(this.all().map((feed) => feed.stop(id)));
  }

  /** `egressReconnect`: a reconnecting or failed destination tries now. */
  reconnect(id: string): void {
    this.assertOpen();
    const feed = this.all().find((f) => f.stateOf(id) !== undefined);
    if (!feed) throw new SignalFailure('not-found', 'No such destination in this show.');
    if (feed.stateOf(id) === 'stopped') throw new SignalFailure('conflict', 'That destination is stopped; start it again instead.');
    feed.reconnect(id);
  }

  /** The show's producers changed (a new publish, a feed closed, vertical output turned on or off). */
  feedsChanged(): void {
    if (this.closed) return;
    for (const feed of this.all()) feed.feedsChanged();
  }

  status(): EgressStatus {
    return {
      encoder: this.feeds.horizontal.encoderStatus(),
      verticalEncoder: this.feeds.vertical.encoderStatus(),
      destinations: this.all().flatMap((feed) => feed.destinationStatuses()),
      serverTime: Date.now(),
    };
  }

  processes(): EgressProcess[] {
    return this.all().flatMap((feed) => feed.processes());
  }

  /** The show ended (or the server stops): every destination of both orientations stops, every process ends. */
  end(reason: string): Promise<void> {
    this.ending ??= this.finish(reason);
    return this.ending;
  }

  private async finish(reason: string): Promise<void> {
    this.closed = true;
    const ends = this.all().map((feed) => feed.end(reason));
    // The studio hears at once that every destination stopped (each marks its destinations stopped before it awaits).
    this.pushes.final();
    await Promise.all(ends);
  }

  private all(): FeedEgress[] {
    return EGRESS_ORIENTATIONS.map((o) => this.feeds[o]);
  }

  private assertOpen(): void {
    if (this.closed) throw new SignalFailure('conflict', 'The show has ended.');
  }
}

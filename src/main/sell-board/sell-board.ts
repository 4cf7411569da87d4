import type { AuctionView, GiveawayView, SellIncoming, SellNotice, ShowSellState } from '../../shared/sfu/protocol-selling.js';
import { EMPTY_SELL_STATE } from '../../shared/sfu/protocol-selling.js';

/** Where the show's selling state goes: the SFU room over main's link (LiveService). */
export interface SellTarget {
  /** Every viewer's page gets it (the link keeps the latest and sends it again when it rejoins). */
  sendSellState(state: ShowSellState): void;
  /** A private line to one viewer's connections. */
  sendSellNotice(viewerId: string, notice: SellNotice): void;
}

export interface SellBoardOptions {
  readonly target: SellTarget;
  /**
   * At most one state per this many ms: during a bidding war the latest
   * state goes out, not every step (a change after a quiet spell goes at once).
   */
  readonly coalesceMs?: number;
  readonly now?: () => number;
}

/**
 * The one place the show's selling state for viewers is put together: the
 * auction service, the giveaway service and the practice flag each set their
 * part; viewers get the whole state, coalesced. Private lines pass straight
 * through (they are per viewer, and say what happened to their own bid).
 */
export class SellBoard {
  private state: ShowSellState = EMPTY_SELL_STATE;
  private readonly coalesceMs: number;
  private readonly now: () => number;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private dirty = false;
  private closed = false;

  constructor(private readonly options: SellBoardOptions) {
    this.coalesceMs = options.coalesceMs ?? 50;
    this.now = options.now ?? Date.now;
  }

  current(): ShowSellState {
    return this.state;
  }

  setAuction(auction: AuctionView | null): void {
    this.update({ ...this.state, auction });
  }

  setGiveaway(giveaway: GiveawayView | null): void {
    this.update({ ...this.state, giveaway });
  }

  setPractice(practice: boolean): void {
    if (practice === this.state.practice) return;
    this.update({ ...this.state, practice });
  }

  notify(viewerId: string, notice: SellNotice): void {
    if (!this.closed) this.options.target.sendSellNotice(viewerId, notice);
  }

  /** Sends what is waiting now (an auction's end must not wait for the next tick). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.dirty) this.send();
  }

  close(): void {
    this.flush();
    this.closed = true;
  }

  private update(next: ShowSellState): void {
    if (this.closed) return;
    this.state = next;
    this.dirty = true;
    const wait = this.lastSentAt + this.coalesceMs - this.now();
    if (wait <= 0) return this.flush();
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.dirty) this.send();
    }, wait);
    this.timer.unref?.();
  }

  private send(): void {
    this.dirty = false;
    this.lastSentAt = this.now();
    this.options.target.sendSellState(this.state);
  }
}

type ActionKind = SellIncoming['action']['kind'];

/**
 * Where viewers' selling actions go: each service takes its kinds (the
 * auction service bids and maximums, the giveaway service entries). An
 * action no service takes is answered privately, so a page never waits.
 */
export class SellInbox {
  private readonly handlers = new Map<ActionKind, (incoming: SellIncoming) => void>();

  constructor(private readonly unhandled: (incoming: SellIncoming) => void) {}

  on(kinds: readonly ActionKind[], handler: (incoming: SellIncoming) => void): void {
    for (const kind of kinds) this.handlers.set(kind, handler);
  }

  receive(incoming: SellIncoming): void {
    const handler = this.handlers.get(incoming.action.kind);
    if (handler) handler(incoming);
    else this.unhandled(incoming);
  }
}

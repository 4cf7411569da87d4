import { parseBidText } from '../../shared/auction/auction-engine.js';
import { StudioError } from '../../shared/api/result.js';
import type { Auction, AuctionsState } from '../../shared/domain/auctions.js';
import type { ChatMessage } from '../../shared/domain/chat.js';
import { ServerClock } from '../../shared/sfu/deal-clock.js';
import type { SellIncoming } from '../../shared/sfu/protocol-selling.js';
import { timerDelay } from '../../shared/time/timer-delay.js';
import { bidInsteadNotice, claimsAuctionItem } from './auction-item-claim.js';
import { excludedNotice, notRunningNotice, wonNotice } from './auction-notices.js';
import { checkStart, type StartAuctionInput } from './auction-start.js';
import { AuctionStore, type AuctionRecord } from './auction-store.js';
import { NOTICE_BUDGET, NoticeBudget } from '../sell-board/notice-budget.js';
import { auctionOf, viewOf } from './auction-views.js';
import { RunningAuction, type BidInput } from './running-auction.js';
import type { AuctionServiceDeps } from './auction-service-deps.js';

/** Auctions as the API offers them (the auction handlers). */
export interface AuctionApi {
  /** Refused with a host-worded StudioError: nothing pinned, one already running, a bad price or reserve, nothing left. */
  startAuction(input: StartAuctionInput): AuctionsState;
  /** Only while it has no bid (refused in host words otherwise); nothing to do when none runs. */
  cancelAuction(): AuctionsState;
  getAuctions(input: { showId: number | null }): AuctionsState;
}

export type { AuctionServiceDeps } from './auction-service-deps.js';

/**
 * The close waits this long past the end: a bid the SFU stamped before the
 * end may still be on its way to the studio (it counts; one stamped at or
 * after the end is refused `closed`). Viewers see the countdown reach zero,
 * then the result about a second later.
 */
export const AUCTION_CLOSE_GRACE_MS = 1000;
/** After a failed end (a disk error), the close is tried again this long after. */
export const FINISH_RETRY_MS = 2000;
/** auctionsChanged carries the whole state: at most one per this many ms while bids pour in. */
export const AUCTIONS_EVENT_MS = 100;
const RECENT_BIDS = 50;

/**
 * Timed auctions on the pinned product (docs/auctions.md, "In the studio").
 * The engine decides on the SFU's clock, in arrival order; every decided
 * input is stored (one transaction per tick) before the bidder hears of it;
 * one timer closes the auction at its end plus a grace for bids in flight.
 * An auction runs to its end on the item it started on, whatever is pinned
 * meanwhile. A restart rebuilds a running auction from its stored inputs.
 */
export class AuctionService implements AuctionApi {
  private readonly store: AuctionStore;
  private readonly now: () => number;
  private readonly graceMs: number;
  /** The SFU's clock as main sees it, learned from stamped bids and chat messages. */
  private readonly sfuClock = new ServerClock();
  private live: RunningAuction | null = null;
  private readonly notices: NoticeBudget;
  /** The auction on viewers' pages: the running one, or the last one's result until the pin changes. */
  private shownId: number | null = null;
  private closeTimer: ReturnType<typeof setTimeout> | null = null;
  private writeTimer: ReturnType<typeof setImmediate> | null = null;
  private eventTimer: ReturnType<typeof setTimeout> | null = null;
  private lastEventAt = -Infinity;
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(private readonly deps: AuctionServiceDeps) {
    this.store = new AuctionStore(deps.db);
    this.now = deps.now ?? Date.now;
    this.graceMs = deps.graceMs ?? AUCTION_CLOSE_GRACE_MS;
    this.notices = deps.noticeBudget ?? new NoticeBudget(NOTICE_BUDGET, this.now);
    this.unsubscribe = deps.pins.onPinEnded(() => this.pinEnded());
    this.resumeAfterRestart();
  }

  startAuction(input: StartAuctionInput): AuctionsState {
    const pin = this.deps.pins.state().current;
    if (!pin) throw new StudioError('invalid-input', 'Pin a product first: an auction runs on the pinned product.');
    if (this.live || this.store.running()) {
      throw new StudioError('conflict', 'An auction is already running. Let it end (or cancel it while it has no bid) before starting the next.');
    }
    const checked = checkStart(input, pin);
    const startedAt = this.now();
    const record = this.store.start({
      showId: pin.showId,
      pinId: pin.id,
      productId: pin.productId,
      variantId: pin.variantId,
      title: checked.title,
      sku: null,
      currency: checked.currency,
      startPrice: checked.startPrice,
      reserve: checked.reserve,
      mode: input.mode,
      extendSeconds: checked.extendSeconds,
      durationSeconds: checked.durationSeconds,
      increments: this.deps.settings().bidIncrements,
      startedAt,
      endsAt: startedAt + checked.durationSeconds * 1000,
      sfuOffset: Math.round(this.sfuClock.offset()),
    });
    this.live = new RunningAuction(record, [], 0);
    this.shownId = record.id;
    this.armCloseTimer();
    this.publish();
    return this.getAuctions({ showId: null });
  }

  cancelAuction(): AuctionsState {
    const live = this.live;
    if (!live) return this.getAuctions({ showId: null });
    this.writeNow();
    if (live.standing().bids > 0) {
      throw new StudioError('conflict', 'This auction has bids, so it runs to its end: bidders expect the highest bid to win.');
    }
    this.store.end(live.id, { status: 'cancelled', endedAt: this.now(), finalPrice: null, winnerViewerId: null, winnerName: null });
    this.live = null;
    this.clearCloseTimer();
    this.publish(true);
    return this.getAuctions({ showId: null });
  }

  getAuctions(input: { showId: number | null }): AuctionsState {
    const current = this.current();
    const showId = input.showId ?? this.deps.activeShowId();
    const history = this.store.ofShow(showId).map((r) => (r.id === this.live?.id ? this.auctionOf(r) : auctionOf(r, null, this.store)));
    return { current, recentBids: current ? this.store.recentBids(current.id, RECENT_BIDS) : [], history };
  }

  /** A viewer's bid or maximum from the watch page (SellInbox). Never throws. */
  receive(incoming: SellIncoming): void {
    const { action } = incoming;
    if (action.kind === 'enterGiveaway') return;
    this.sfuClock.sample(incoming.ts, this.now());
    const live = this.live;
    if (!live || live.id !== action.auctionId) {
      this.deps.board.notify(incoming.viewerId, notRunningNotice(action.auctionId));
      return;
    }
    const refusal = excludedNotice(action.auctionId, this.deps.viewer(incoming.viewerId), this.now());
    if (refusal) {
      this.deps.board.notify(incoming.viewerId, refusal);
      return;
    }
    this.submit({
      id: incoming.id,
      viewerId: incoming.viewerId,
      name: incoming.name,
      ts: incoming.ts,
      source: action.kind === 'maxBid' ? 'max' : 'button',
      value: action.amount,
    });
  }

  /**
   * An approved chat message (studio-core's approvedReaders): while an
   * auction runs, one that reads as a bid ("25", "$25", "bid 30") is taken
   * (true), so it is not also a claim; so is a claim ("sold", "sold M") on
   * the auctioned item, answered privately "bid instead" (no second sale).
   * Anything else goes on (false).
   */
  readChat(message: ChatMessage): boolean {
    // Auto-approved messages were stamped just now: samples of the SFU's clock (a held one would be late).
    if (message.decidedBy === 'auto') this.sfuClock.sample(message.ts, this.now());
    if (!this.live || message.viewerId === null || message.role === 'host') return false;
    if (parseBidText(message.text) === null) {
      if (!claimsAuctionItem(message, this.live.record, this.deps)) return false;
      this.deps.board.notify(message.viewerId, bidInsteadNotice(this.live.id));
      return true;
    }
    this.submit({ id: `chat:${message.id}`, viewerId: message.viewerId, name: message.name, ts: message.ts, source: 'chat', value: message.text });
    return true;
  }

  close(): void {
    if (this.closed) return;
    this.writeNow();
    this.closed = true;
    this.clearCloseTimer();
    if (this.eventTimer) clearTimeout(this.eventTimer);
    this.eventTimer = null;
    this.unsubscribe();
  }

  private submit(input: BidInput): void {
    const live = this.live!;
    try {
      live.submit(input);
    } catch (error) {
      this.deps.log?.(`bid ${input.id} could not be decided`, error);
      return;
    }
    // One write per tick: every input that arrived in this turn of the event loop goes in one transaction.
    this.writeTimer ??= setImmediate(() => {
      this.writeTimer = null;
      this.writeNow();
    });
  }

  /** Stores what was decided, then tells the bidders and every viewer (a notice never runs ahead of the disk). */
  private writeNow(): void {
    if (this.writeTimer) clearImmediate(this.writeTimer);
    this.writeTimer = null;
    const live = this.live;
    if (!live || !live.hasPending()) return;
    const batch = live.takeBatch();
    try {
      this.store.saveLines(live.id, batch.lines, batch.endsAt === null ? null : batch.endsAt - live.record.sfuOffset);
    } catch (error) {
      this.deps.log?.(`${batch.lines.length} bid lines could not be stored`, error);
      return;
    }
    for (const { viewerId, notice } of this.notices.admit(batch.notices)) this.deps.board.notify(viewerId, notice);
    const skipped = this.notices.report();
    if (skipped !== null) this.deps.log?.(`${skipped} bid notices skipped: over the SFU's budget for the studio's messages (every page still shows the price and leader)`);
    if (batch.endsAt !== null) this.armCloseTimer();
    this.publish();
  }

  /** A running auction after a restart: resumed when its end is still ahead, else closed with its result. */
  private resumeAfterRestart(): void {
    const running = this.store.running();
    const pin = this.deps.pins.state().current;
    this.shownId = running?.id ?? (pin ? (this.store.latestOfPin(pin.id)?.id ?? null) : null);
    if (running) {
      this.live = new RunningAuction(running, this.store.inputs(running.id), this.store.nextSeq(running.id));
      if (this.live.endsAtMain() + this.graceMs <= this.now()) this.finishOrRetry(running.id);
      else this.armCloseTimer();
    }
    // Every sold auction whose claim the last run did not get to make (not only the pin's latest).
    for (const sold of this.store.soldUnclaimed()) this.claimWinner(sold);
    const current = this.current();
    if (current) this.deps.board.setAuction(viewOf(current));
  }

  private armCloseTimer(): void {
    this.clearCloseTimer();
    const live = this.live;
    if (this.closed || !live) return;
    // The SFU's clock now, and the end on it: the timer waits on main's clock for the difference.
    const sfuNow = this.now() + this.sfuClock.offset();
    const delay = timerDelay(live.standing().endsAt + this.graceMs, sfuNow);
    this.closeTimer = setTimeout(() => {
      this.closeTimer = null;
      this.closeAtItsTime(live.id);
    }, delay);
    this.closeTimer.unref?.();
  }

  private closeAtItsTime(auctionId: number): void {
    if (this.closed || this.live?.id !== auctionId) return;
    this.writeNow();
    const sfuNow = this.now() + this.sfuClock.offset();
    // Soft close moved the end, or the timer fired early: wait again.
    if (this.live.standing().endsAt + this.graceMs > sfuNow) return this.armCloseTimer();
    this.finishOrRetry(auctionId);
  }

  /** A disk error (SQLite busy, full) while ending: logged, and tried again shortly; the auction never stays running for good. */
  private finishOrRetry(auctionId: number): void {
    try {
      this.finish();
    } catch (error) {
      this.deps.log?.(`auction ${auctionId} could not be ended; trying again in ${FINISH_RETRY_MS} ms`, error);
      this.clearCloseTimer();
      (this.closeTimer = setTimeout(() => this.closeAtItsTime(auctionId), FINISH_RETRY_MS)).unref?.();
    }
  }

  /** Ends the running auction with its result: stored, the winner's claim, every viewer's page, the winner's notice. */
  private finish(): void {
    const live = this.live!;
    this.writeNow();
    const result = live.result();
    const standing = live.standing();
    const winner = result.result === 'sold' && result.winner !== undefined ? result.winner : null;
    const finalPrice = result.price ?? standing.leader?.price ?? null;
    const endedAt = result.endedAt - live.record.sfuOffset;
    // The end and the winner's claim in one transaction: never a sold auction without its claim, nor a claim on a running one.
    const winnerName = winner === null ? null : live.nameOf(winner);
    const ended = this.store.transaction(() => {
      this.store.end(live.id, { status: winner !== null ? 'sold' : 'unsold', endedAt, finalPrice, winnerViewerId: winner, winnerName });
      const record = this.store.byId(live.id)!;
      if (record.status === 'sold') this.claimWinner(record, { rethrow: true });
      return record;
    });
    this.live = null;
    this.clearCloseTimer();
    this.publish(true);
    if (winner !== null && finalPrice !== null) {
      this.notices.force();
      this.deps.board.notify(winner, wonNotice(ended.id, ended.title, finalPrice, ended.currency));
    }
  }

  /** The winner's confirmed claim; a failure is logged (at startup) or thrown to roll the end back (in finish). */
  private claimWinner(auction: AuctionRecord, options: { rethrow?: boolean } = {}): void {
    if (auction.winnerViewerId === null || auction.finalPrice === null) return;
    try {
      const claim = this.deps.claims.claimForAuction({
        auctionId: auction.id,
        showId: auction.showId,
        viewerId: auction.winnerViewerId,
        viewerName: auction.winnerName ?? 'Viewer',
        productId: auction.productId,
        variantId: auction.variantId,
        title: auction.title,
        price: auction.finalPrice,
        currency: auction.currency,
        at: auction.endedAt ?? this.now(),
      });
      this.store.setClaim(auction.id, claim.id);
    } catch (error) {
      if (options.rethrow) throw error;
      this.deps.log?.(`the winner of auction ${auction.id} could not be given a claim`, error);
    }
  }

  /** The pin changed: a running auction goes on (it runs on its own item); a finished one's result leaves the viewers' pages. */
  private pinEnded(): void {
    if (this.live || this.shownId === null) return;
    this.shownId = null;
    this.deps.board.setAuction(null);
    this.emitSoon();
  }

  /** The running auction, else the last one's result until the pin changes. */
  private currentRecord(): AuctionRecord | null {
    const id = this.live?.id ?? this.shownId;
    return id === null ? null : this.store.byId(id);
  }

  private current(): Auction | null {
    const record = this.currentRecord();
    if (!record) return null;
    return record.id === this.live?.id ? this.auctionOf(record) : auctionOf(record, null, this.store);
  }

  private auctionOf(record: AuctionRecord): Auction {
    return auctionOf(record, this.live, this.store);
  }

  /** Every viewer's page (coalesced by the board; flushed at the end) and the studio's screens. */
  private publish(final = false): void {
    const current = this.current();
    this.deps.board.setAuction(current ? viewOf(current) : null);
    if (final) this.deps.board.flush();
    if (final) this.emitNow();
    else this.emitSoon();
  }

  private emitSoon(): void {
    if (this.closed || this.eventTimer) return;
    const wait = this.lastEventAt + AUCTIONS_EVENT_MS - this.now();
    if (wait <= 0) return this.emitNow();
    this.eventTimer = setTimeout(() => this.emitNow(), wait);
    this.eventTimer.unref?.();
  }

  private emitNow(): void {
    if (this.eventTimer) clearTimeout(this.eventTimer);
    this.eventTimer = null;
    if (this.closed) return;
    this.lastEventAt = this.now();
    try {
      this.deps.events.emit('auctionsChanged', this.getAuctions({ showId: null }));
    } catch (error) {
      this.deps.log?.('the auctions could not be sent to the studio', error);
    }
  }

  private clearCloseTimer(): void {
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.closeTimer = null;
  }
}

import { ServerClock } from '../../shared/sfu/deal-clock.js';
import type { ChatIdentity } from '../../shared/sfu/protocol-chat.js';
import {
  EMPTY_SELL_STATE,
  type SellAction,
  type SellNotice,
  type SellPush,
  type SellReplyData,
  type ShowSellState,
} from '../../shared/sfu/protocol-selling.js';
import type { RoomState } from '../../shared/sfu/protocol.js';
import { SignalRequestError } from '../../shared/sfu/signal-requests.js';
import { auctionLines, noticeStillTrue, parseAmount, type AuctionLines } from './auction-format.js';
import type { AuctionBlock, BlockNotice } from './auction-view.js';
import { giveawayLines } from './giveaway-format.js';
import type { GiveawayBlock } from './giveaway-view.js';
import type { WatchPhase } from './watch-session.js';

/** Runs in the viewer's browser: auctions, giveaways and the PRACTICE banner between the page and the session. */

export interface SellTransport {
  sendSellAction(action: SellAction): Promise<SellReplyData['sellAction']>;
}

/** The chat's name flow: a bid shows the bidder's name, so one is chosen first. */
export interface NameGate {
  /** Runs `action` once this viewer has a chat name (asking for one first if needed; `ask`: ask even if the page has one). */
  withName(action: () => void, purpose: 'bid' | 'enter', ask?: boolean): void;
}

export interface SellingViews {
  readonly auction: AuctionBlock;
  readonly giveaway: GiveawayBlock;
  /** The PRACTICE banner across the page. */
  readonly practice: HTMLElement;
}

/** The countdown's refresh, as the product card's. */
const TICK_MS = 250;

type BidNotice = Extract<SellNotice, { kind: 'bid' }>;
type GiveawayNotice = Extract<SellNotice, { kind: 'giveaway' }>;

/**
 * The show's selling state as the SFU last sent it (times on the SFU's
 * clock, counted on a ServerClock of its own), this viewer's private lines
 * from the studio, and the viewer's bids and entries on their way. The
 * studio decides; the page only asks and shows.
 */
export class SellingController {
  private state: ShowSellState = EMPTY_SELL_STATE;
  private readonly clock = new ServerClock();
  private me: string | null = null;
  private transport: SellTransport | null = null;
  /** Auctions this viewer bid in (from this page, or the studio said so). */
  private readonly tookPart = new Set<number>();
  private readonly entered = new Set<number>();
  private bidNotice: BidNotice | null = null;
  private giveawayNotice: GiveawayNotice | null = null;
  /** This page's own line (a typo in the amount, "Bid sent…", the SFU's refusal). */
  private auctionLine: BlockNotice | null = null;
  private giveawayLine: BlockNotice | null = null;
  private sending = false;
  private ticker: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly views: SellingViews,
    private readonly names: NameGate,
  ) {}

  connect(transport: SellTransport): void {
    this.transport = transport;
  }

  onJoined(room: RoomState, identity: ChatIdentity | null): void {
    this.clock.sample(room.serverTime, Date.now());
    this.me = identity?.viewerId ?? null;
    this.setState(room.sell ?? EMPTY_SELL_STATE);
  }

  onPush(push: SellPush): void {
    if (push.type === 'sellState') {
      this.clock.sample(push.serverTime, Date.now());
      this.setState(push.state);
    } else if (push.type === 'sellNotice') {
      this.onNotice(push.notice);
    }
  }

  /** The show ended: nothing is for sale any more (the SFU forgets it too). */
  onPhase(phase: WatchPhase): void {
    if (phase === 'ended' && this.state !== EMPTY_SELL_STATE) this.setState(EMPTY_SELL_STATE);
  }

  bidNext(): void {
    const auction = this.state.auction;
    if (auction) this.act({ kind: 'bid', auctionId: auction.id, amount: auction.nextBid });
  }

  bidAmount(typed: string, kind: 'bid' | 'maxBid'): void {
    const auction = this.state.auction;
    if (!auction) return;
    const parsed = parseAmount(typed, auction.nextBid, auction.currency);
    if (!parsed.ok) {
      this.auctionLine = { text: parsed.reason, kind: 'error' };
      this.render();
      return;
    }
    this.act({ kind, auctionId: auction.id, amount: parsed.amount });
  }

  enterGiveaway(): void {
    const giveaway = this.state.giveaway;
    if (giveaway) this.act({ kind: 'enterGiveaway', giveawayId: giveaway.id });
  }

  private setState(state: ShowSellState): void {
    if (state.auction?.id !== this.state.auction?.id) {
      this.bidNotice = null;
      this.auctionLine = null;
    }
    if (state.giveaway?.id !== this.state.giveaway?.id) {
      this.giveawayNotice = null;
      this.giveawayLine = null;
    }
    this.state = state;
    this.render();
    this.tick();
  }

  private onNotice(notice: SellNotice): void {
    if (notice.kind === 'bid') {
      if (notice.outcome !== 'refused') this.tookPart.add(notice.auctionId);
      this.bidNotice = notice;
      this.auctionLine = null;
    } else {
      if (notice.outcome === 'entered' || notice.outcome === 'won') this.entered.add(notice.giveawayId);
      this.giveawayNotice = notice;
      this.giveawayLine = null;
    }
    this.render();
  }

  /** Asks for a name first when there is none; then sends, and says why when the SFU refuses. */
  private act(action: SellAction, askName = false): void {
    const purpose = action.kind === 'enterGiveaway' ? 'enter' : 'bid';
    this.names.withName(() => void this.send(action), purpose, askName);
  }

  private async send(action: SellAction): Promise<void> {
    if (!this.transport || this.sending) return;
    const isEntry = action.kind === 'enterGiveaway';
    this.sending = true;
    this.setLine(isEntry, null);
    try {
      await this.transport.sendSellAction(action);
      if (!isEntry) this.tookPart.add(action.auctionId);
      // The verdict comes privately from the studio in a moment.
      this.setLine(isEntry, { text: isEntry ? 'Entry sent…' : 'Bid sent…', kind: 'info' });
    } catch (error) {
      if (error instanceof SignalRequestError && error.code === 'name-required') {
        this.sending = false;
        this.act(action, true);
        return;
      }
      this.setLine(isEntry, { text: refusalText(error), kind: 'error' });
    } finally {
      this.sending = false;
      this.render();
    }
  }

  private setLine(isEntry: boolean, line: BlockNotice | null): void {
    if (isEntry) {
      this.giveawayLine = line;
      if (line) this.giveawayNotice = null;
    } else {
      this.auctionLine = line;
      if (line) this.bidNotice = null;
    }
    this.render();
  }

  private render(): void {
    const { auction, giveaway, practice } = this.state;
    this.views.practice.hidden = !practice;
    document.body.classList.toggle('is-practice', practice);
    const lines = auction ? this.auctionLines() : null;
    this.views.auction.render(lines, lines ? this.auctionNotice(lines) : null, this.sending);
    const giveawayView = giveaway ? giveawayLines(giveaway, { me: this.me, entered: this.entered.has(giveaway.id) }) : null;
    this.views.giveaway.render(giveawayView, this.giveawayLine ?? giveawayNoticeLine(this.giveawayNotice), this.sending);
  }

  private auctionLines(): AuctionLines | null {
    const auction = this.state.auction;
    if (!auction) return null;
    return auctionLines(auction, { serverNow: this.clock.now(Date.now()), me: this.me, tookPart: this.tookPart.has(auction.id) });
  }

  private auctionNotice(lines: AuctionLines): BlockNotice | null {
    if (this.auctionLine) return this.auctionLine;
    const notice = this.bidNotice;
    if (!notice || !noticeStillTrue(notice, lines.standing)) return null;
    const kind = notice.outcome === 'refused' || notice.outcome === 'outbid' ? 'error' : 'good';
    return { text: notice.text, kind };
  }

  /** While an auction runs, the countdown is redrawn in place on the SFU's clock. */
  private tick(): void {
    const running = this.state.auction?.status === 'running';
    if (running && this.ticker === null) this.ticker = setInterval(() => this.render(), TICK_MS);
    if (!running && this.ticker !== null) {
      clearInterval(this.ticker);
      this.ticker = null;
    }
  }
}

function giveawayNoticeLine(notice: GiveawayNotice | null): BlockNotice | null {
  if (!notice) return null;
  return { text: notice.text, kind: notice.outcome === 'refused' ? 'error' : 'good' };
}

/** The SFU's words are written for viewers; a dropped connection gets the page's. */
function refusalText(error: unknown): string {
  if (error instanceof SignalRequestError) {
    if (error.code === 'disconnected' || error.code === 'timeout') return 'Not connected right now — try again in a moment.';
    return error.message || 'That did not go through. Try again.';
  }
  return error instanceof Error && error.message ? error.message : 'That did not go through. Try again.';
}

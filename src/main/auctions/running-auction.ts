import { AuctionEngine, parseBidText } from '../../shared/auction/auction-engine.js';
import type { AuctionRules } from '../../shared/auction/auction-rules.js';
import type { AuctionDecision, AuctionInput, AuctionStanding } from '../../shared/auction/auction-types.js';
import type { AuctionBidRow } from '../../shared/domain/auctions.js';
import type { SellNotice } from '../../shared/sfu/protocol-selling.js';
import { acceptedNotice, maxSetNotice, outbidNotice, refusedNotice } from './auction-notices.js';
import type { AuctionRecord, NewBidLine, StoredInput } from './auction-store.js';

/** One input as it reaches the studio: a button bid or maximum from the page, or a chat message read as a bid. */
export interface BidInput {
  /** The SFU's action id or the chat message's id. */
  readonly id: string;
  readonly viewerId: string;
  readonly name: string;
  /** The SFU's clock (when it reached the SFU). */
  readonly ts: number;
  readonly source: 'chat' | 'button' | 'max' | 'practice';
  /** A bid amount (button, practice), a maximum (max) or the message text (chat). */
  readonly value: string;
}

export interface PendingNotice {
  readonly viewerId: string;
  readonly notice: SellNotice;
}

/** What one tick decided: the lines to store and, once they are stored, the notices to send. */
export interface DecidedBatch {
  readonly lines: readonly NewBidLine[];
  readonly notices: readonly PendingNotice[];
  /** The end on the SFU's clock when soft close moved it in this batch; null: unchanged. */
  readonly endsAt: number | null;
}

export function rulesOf(record: AuctionRecord): AuctionRules {
  return {
    startPrice: record.startPrice,
    durationSeconds: record.durationSeconds,
    mode: record.mode,
    extendSeconds: record.extendSeconds,
    reserve: record.reserve,
    increments: record.increments,
  };
}

/** The engine's input for a bid input (chat text, a button's amount, a maximum). */
function engineInput(input: { id: string; viewerId: string; ts: number; source: BidInput['source'] | AuctionBidRow['source']; value: string }): AuctionInput {
  const base = { id: input.id, viewer: input.viewerId, ts: input.ts };
  if (input.source === 'chat') return { ...base, text: input.value };
  if (input.source === 'max') return { ...base, maxBid: input.value };
  return { ...base, bid: input.value };
}

/**
 * The running auction in memory: the engine (on the SFU's clock), the
 * bidders' names, and what was decided since the last write. Inputs are
 * decided at once, in arrival order; the lines and notices wait for the
 * service to store them (one transaction per tick) before anyone is told.
 */
export class RunningAuction {
  private readonly engine: AuctionEngine;
  private readonly names = new Map<string, string>();
  private nextSeq: number;
  private lines: NewBidLine[] = [];
  private notices: PendingNotice[] = [];
  private savedEndsAt: number;

  /** `stored`: the inputs already decided (a restart feeds them again, in order). */
  constructor(
    readonly record: AuctionRecord,
    stored: readonly StoredInput[],
    nextSeq: number,
  ) {
    this.engine = new AuctionEngine(rulesOf(record), record.startedAt + record.sfuOffset);
    for (const input of stored) {
      this.names.set(input.viewerId, input.viewerName);
      const value = input.source === 'max' ? input.maxAmount : input.amount;
      if (value === null) continue;
      this.engine.submit(engineInput({ id: input.inputId, viewerId: input.viewerId, ts: input.ts, source: input.source, value }));
    }
    this.nextSeq = nextSeq;
    this.savedEndsAt = this.engine.standing().endsAt;
  }

  get id(): number {
    return this.record.id;
  }

  standing(): AuctionStanding {
    return this.engine.standing();
  }

  /** The end on main's clock (what the studio's screens and the SellBoard carry). */
  endsAtMain(): number {
    return this.engine.standing().endsAt - this.record.sfuOffset;
  }

  nameOf(viewerId: string): string {
    return this.names.get(viewerId) ?? 'Viewer';
  }

  /** Decides one input now; its lines and notices wait in the batch. */
  submit(input: BidInput): readonly AuctionDecision[] {
    const { currency } = this.record;
    this.names.set(input.viewerId, input.name);
    const before = this.engine.standing();
    const decisions = this.engine.submit(engineInput(input));
    const after = this.engine.standing();
    // A maximum's line: `amount` is the bid the studio placed for them, null when it only raised their own maximum (not a bid).
    const placed = after.bids > before.bids ? (decisions[0]?.price ?? null) : null;
    const amount = input.source === 'chat' ? parseBidText(input.value) : input.source === 'max' ? placed : input.value.slice(0, 32);
    decisions.forEach((d, i) => {
      const viewerId = d.proxyFor ?? input.viewerId;
      this.lines.push({
        seq: this.nextSeq++,
        inputId: d.id,
        viewerId,
        viewerName: this.nameOf(viewerId),
        source: i > 0 || d.proxyFor !== undefined ? 'proxy' : input.source,
        amount: i === 0 ? amount : (d.price ?? null),
        maxAmount: i === 0 && input.source === 'max' ? input.value.slice(0, 32) : null,
        action: d.action,
        reason: d.reason ?? null,
        priceAfter: d.action === 'bid' ? (d.price ?? null) : (before.leader?.price ?? null),
        proxyFor: i > 0 || d.proxyFor !== undefined ? (d.proxyFor ?? input.viewerId) : null,
        ts: input.ts,
      });
    });
    const main = decisions[0];
    if (!main) return decisions;
    const tell = (viewerId: string, notice: SellNotice) => this.notices.push({ viewerId, notice });
    const leader = after.leader;
    if (main.action === 'refused' && main.reason) {
      tell(
        input.viewerId,
        refusedNotice(this.id, main.reason, {
          needed: main.reason === 'too_low' ? (main.price ?? before.nextBid) : null,
          highest: main.reason === 'too_high' ? (main.price ?? null) : null,
          price: before.leader?.price ?? null,
          max: this.engine.maxOf(input.viewerId),
          currency,
        }),
      );
    } else if (main.action === 'bid' && leader) {
      const leading = leader.viewer === input.viewerId;
      const max = input.source === 'max' ? this.engine.maxOf(input.viewerId) : null;
      // A bid or maximum another's maximum answered at once: outbid straight away.
      if (!leading) tell(input.viewerId, outbidNotice(this.id, leader.price, currency));
      else if (max !== null) tell(input.viewerId, maxSetNotice(this.id, max, leader.price, currency));
      else tell(input.viewerId, acceptedNotice(this.id, leader.price, currency));
    }
    const was = before.leader;
    if (was && leader && was.viewer !== input.viewerId) {
      // The one who led: outbid, or still ahead on their maximum at a higher price.
      if (leader.viewer !== was.viewer) tell(was.viewer, outbidNotice(this.id, leader.price, currency));
      else if (leader.price !== was.price) tell(was.viewer, acceptedNotice(this.id, leader.price, currency));
    }
    return decisions;
  }

  /** Hands over what was decided since the last call (empty when nothing was). */
  takeBatch(): DecidedBatch {
    const endsAt = this.engine.standing().endsAt;
    const moved = endsAt !== this.savedEndsAt ? endsAt : null;
    this.savedEndsAt = endsAt;
    const batch = { lines: this.lines, notices: this.notices, endsAt: moved };
    this.lines = [];
    this.notices = [];
    return batch;
  }

  hasPending(): boolean {
    return this.lines.length > 0 || this.notices.length > 0;
  }

  /** The result once the end passed (engine times: the SFU's clock). */
  result() {
    return this.engine.result();
  }
}

import type { Money } from '../domain/catalog.js';
import { addMoney, compareMoney, maxMoney, minMoney, multiplyMoney } from '../domain/money.js';
import { incrementAt, type AuctionRules } from './auction-rules.js';
import type { AuctionDecision, AuctionInput, AuctionResult, AuctionStanding, BidRefusal } from './auction-types.js';

/**
 * The auction engine: decides every bid of one auction, in arrival order.
 * Pure TS (the studio, the dry run `studio auction` and the tests decide with
 * the same code); no clock of its own: every input carries its reference
 * time. Restart = a fresh engine fed the stored inputs again.
 *
 * The rules, as docs/auctions.md states them for hosts:
 * - A bid must be at least the next allowed amount: the start price while
 *   nobody has bid, else the price plus the increment at that price. Any
 *   amount above is fine (a jump bid).
 * - A bid at `ts < startedAt` or `ts >= endsAt` is `closed`. Soft close: an
 *   accepted bid that moves the price or the leader with less than
 *   `extendSeconds` left sets `endsAt = ts + extendSeconds`. Sudden death:
 *   never extended.
 * - The leader cannot bid against themselves (`already_highest`); a higher
 *   maximum from them is accepted and kept private.
 * - Proxy bidding: only the leader's maximum can matter. Everybody else's
 *   maximum is at or below the price (it was outbid, or it lost a tie), so
 *   each decision is O(1) whatever the number of bidders.
 * - Too high (a fat-finger guard hosts expect): a bid or maximum above
 *   TOO_HIGH_FACTOR (100) × the larger of the start price and the current
 *   price (one increment when both are 0) is refused `too_high`, and so is
 *   one above MAX_BID or one whose next bid would not fit the protocol's 12
 *   digits: one viewer's "999999999999" must not freeze the auction.
 * - Reserve (the eBay way): when the leader's maximum reaches the reserve
 *   while the price is below it, the price rises to the reserve. A sale is
 *   therefore never below the reserve, and an auction whose best maximum
 *   stayed under it ends "Not sold: reserve not met".
 */
export class AuctionEngine {
  private readonly rules: AuctionRules;
  private readonly startedAt: number;
  private endsAt: number;
  private price: Money | null = null;
  private leader: string | null = null;
  /** The leader's own maximum (at or above the price), or null when they bid directly. */
  private leaderMax: Money | null = null;
  private readonly maximums = new Map<string, Money>();
  private readonly bidders = new Set<string>();
  private bids = 0;

  constructor(rules: AuctionRules, startedAt: number) {
    this.rules = rules;
    this.startedAt = startedAt;
    this.endsAt = startedAt + rules.durationSeconds * 1000;
  }

  /** Decides one input: its own line first, then any proxy line it set off. */
  submit(input: AuctionInput): AuctionDecision[] {
    const { id, viewer, ts } = input;
    let amount: Money | null;
    let isMax = false;
    if ('text' in input) {
      amount = parseBidText(input.text);
      if (amount === null) return [{ id, action: 'ignored', reason: 'not_a_bid' }];
    } else {
      isMax = 'maxBid' in input;
      const raw = 'maxBid' in input ? input.maxBid : input.bid;
      amount = typeof raw === 'string' && AMOUNT.test(raw.trim()) ? canonicalAmount(raw.trim()) : null;
      if (amount === null) return [refuse(id, 'invalid_amount')];
    }
    if (!Number.isFinite(ts) || ts < this.startedAt || ts >= this.endsAt) return [refuse(id, 'closed')];
    const highest = this.highestAllowed();
    if (compareMoney(amount, highest) > 0 || !fitsWithNextBid(amount, this.rules)) {
      return [{ id, action: 'refused', reason: 'too_high', price: highest }];
    }
    if (viewer === this.leader) return isMax ? this.raiseOwnMax(id, viewer, ts, amount) : [refuse(id, 'already_highest')];
    const needed = this.nextBid();
    if (compareMoney(amount, needed) < 0) return [{ id, action: 'refused', reason: 'too_low', price: needed }];
    return isMax ? this.challengeWithMax(id, viewer, ts, amount, needed) : this.challengeWithBid(id, viewer, ts, amount);
  }

  standing(): AuctionStanding {
    return {
      leader: this.leader !== null && this.price !== null ? { viewer: this.leader, price: this.price } : null,
      nextBid: this.nextBid(),
      endsAt: this.endsAt,
      bids: this.bids,
      bidders: this.bidders.size,
      reserveMet: this.reserveMet(),
    };
  }

  /** The viewer's own maximum, as they last set it (even once outbid); null when they set none. */
  maxOf(viewer: string): Money | null {
    return this.maximums.get(viewer) ?? null;
  }

  /**
   * The outcome as of the inputs decided so far; call it once the end has
   * passed (the engine has no clock). Sold: a leader, and the reserve met.
   */
  result(): AuctionResult {
    if (this.leader === null || this.price === null || this.reserveMet() === false) {
      return { result: 'unsold', endedAt: this.endsAt };
    }
    return { result: 'sold', winner: this.leader, price: this.price, endedAt: this.endsAt };
  }

  private nextBid(): Money {
    if (this.price === null) return this.rules.startPrice;
    return addMoney(this.price, incrementAt(this.rules.increments, this.price));
  }

  /**
   * The most a bid or maximum may be now: TOO_HIGH_FACTOR × the larger of
   * the start price and the price, at most MAX_BID. The increment at the
   * price counts too, so the next bid is always allowed (a start price of 0,
   * or 0.01 with a $1 step, would otherwise leave no amount between too low
   * and too high).
   */
  private highestAllowed(): Money {
    const price = this.price ?? '0';
    const base = maxMoney(maxMoney(this.rules.startPrice, price), incrementAt(this.rules.increments, price));
    return minMoney(multiplyMoney(base, TOO_HIGH_FACTOR), MAX_BID);
  }

  private reserveMet(): boolean | null {
    if (this.rules.reserve === null) return null;
    return this.price !== null && compareMoney(this.price, this.rules.reserve) >= 0;
  }

  /** A direct bid at or above the next allowed amount, by someone who is not leading. */
  private challengeWithBid(id: string, viewer: string, ts: number, amount: Money): AuctionDecision[] {
    const defender = this.leader;
    const defenderMax = this.leaderMax;
    this.lead(viewer, amount, null, ts);
    const lines: AuctionDecision[] = [{ id, action: 'bid', price: amount }];
    if (defender !== null && defenderMax !== null && compareMoney(defenderMax, amount) >= 0) {
      // The defender's maximum answers: one increment over the bid, capped at the maximum (a tie goes to the earlier one).
      const answer = minMoney(defenderMax, addMoney(amount, incrementAt(this.rules.increments, amount)));
      this.lead(defender, answer, defenderMax, ts);
      lines.push({ id, action: 'bid', price: this.price!, proxyFor: defender });
    }
    return lines;
  }

  /** A maximum at or above the next allowed amount, by someone who is not leading. */
  private challengeWithMax(id: string, viewer: string, ts: number, max: Money, needed: Money): AuctionDecision[] {
    this.maximums.set(viewer, max);
    const defender = this.leader;
    const defenderMax = this.leaderMax;
    if (defender !== null && defenderMax !== null && compareMoney(defenderMax, max) >= 0) {
      // Not enough to lead: the challenger's maximum is spent, the defender's answers it.
      return this.challengeWithBid(id, viewer, ts, max);
    }
    // The challenger leads, one increment over what the defender could pay (the start price when nobody bid).
    let price = needed;
    if (defenderMax !== null) {
      price = minMoney(max, maxMoney(needed, addMoney(defenderMax, incrementAt(this.rules.increments, defenderMax))));
    }
    this.lead(viewer, price, max, ts);
    return [{ id, action: 'bid', price: this.price! }];
  }

  /** The leader raises their own maximum: kept private, unless it lifts the price to the reserve. */
  private raiseOwnMax(id: string, viewer: string, ts: number, max: Money): AuctionDecision[] {
    if (this.leaderMax !== null) {
      if (compareMoney(max, this.leaderMax) <= 0) return [refuse(id, 'max_not_higher')];
    } else {
      const needed = this.nextBid();
      if (compareMoney(max, needed) < 0) return [{ id, action: 'refused', reason: 'too_low', price: needed }];
    }
    this.maximums.set(viewer, max);
    this.leaderMax = max;
    const before = this.price!;
    this.liftToReserve();
    if (compareMoney(this.price!, before) !== 0) {
      this.bids += 1;
      this.extend(ts);
    }
    return [{ id, action: 'bid', price: this.price! }];
  }

  /** Sets the leader and the price, then applies the reserve lift and the soft close. */
  private lead(viewer: string, price: Money, max: Money | null, ts: number): void {
    this.leader = viewer;
    this.price = price;
    this.leaderMax = max;
    this.bidders.add(viewer);
    this.bids += 1;
    this.liftToReserve();
    this.extend(ts);
  }

  /** Soft close: a bid with less than `extendSeconds` left puts the clock back to `extendSeconds`. */
  private extend(ts: number): void {
    if (this.rules.mode !== 'soft') return;
    const extend = this.rules.extendSeconds * 1000;
    if (this.endsAt - ts < extend) this.endsAt = ts + extend;
  }

  private liftToReserve(): void {
    const reserve = this.rules.reserve;
    if (reserve === null || this.price === null || this.leaderMax === null) return;
    if (compareMoney(this.price, reserve) < 0 && compareMoney(this.leaderMax, reserve) >= 0) this.price = reserve;
  }
}

function refuse(id: string, reason: BidRefusal): AuctionDecision {
  return { id, action: 'refused', reason };
}

/** A bid or maximum may be at most this many times the larger of the start price and the current price. */
export const TOO_HIGH_FACTOR = 100;

/** The absolute ceiling of a bid or maximum: 11 digits, so the next bid (price + increment) still fits the protocol's 12. */
export const MAX_BID: Money = '99999999999';

/** The protocol's largest amount (src/shared/sfu/protocol-selling.ts: 12 digits, 4 decimals). */
const SCHEMA_MAX: Money = '999999999999.9999';

/**
 * True when an amount, and the next bid once it is the price, fit the
 * protocol: every price is at most an accepted amount (a proxy answer or a
 * reserve lift is capped by a maximum), so no price or next bid overflows.
 * The largest step of the table bounds every increment.
 */
function fitsWithNextBid(amount: Money, rules: AuctionRules): boolean {
  const largestStep = rules.increments.reduce<Money>((m, row) => maxMoney(m, row.step), '1');
  return compareMoney(addMoney(amount, largestStep), SCHEMA_MAX) <= 0;
}

/** A price from a button or a maximum: what AUCTION.json accepts too (up to 12 digits, 4 decimals). */
const AMOUNT = /^\d{1,12}(?:\.\d{1,4})?$/;

function canonicalAmount(text: string): Money {
  return text.replace(/^0+(?=\d)/, '');
}

/**
 * A chat message that is a bid: a number alone, optionally with "bid",
 * "$" and "!" — "25", "$25", "25.50", "bid 30", "30!", "$ 40", "bid $45",
 * "1,200". Anything else is not a bid: questions ("is 25 ok?"), sentences
 * ("I paid 25 last time"), other currencies ("€25", "25 EUR"), more than two
 * decimals. A bare small number ("2") is a bid like any other (and is
 * refused as too low when under the next allowed amount): while an auction
 * runs, a number alone in chat means a bid.
 */
export function parseBidText(text: string): Money | null {
  const m = BID_TEXT.exec(text);
  if (!m) return null;
  const int = canonicalAmount(m[1]!.replace(/,/g, ''));
  if (int.length > 12) return null;
  return m[2] === undefined ? int : `${int}.${m[2]}`;
}

const BID_TEXT = /^\s*(?:bid\s*:?\s*)?(?:\$\s*)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*\$?\s*!*\s*$/i;

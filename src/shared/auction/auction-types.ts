import type { Money } from '../domain/catalog.js';

/**
 * What goes into and comes out of the auction engine (auction-engine.ts):
 * the same shapes the dry run reads and writes as JSON lines
 * (`studio auction`, docs/auctions.md). Times are epoch ms on the reference
 * clock (the SFU's in a live show; ms from the start in the dry run, where
 * the auction starts at 0).
 */

/** Why a bid was refused (documented in docs/auctions.md; the viewer gets a host-worded line privately). */
export const BID_REFUSALS = [
  /** Below the next allowed amount (start price, or current price plus one increment). */
  'too_low',
  /** At or after the end (or before the start). */
  'closed',
  /** The viewer already leads: no bidding against yourself (a higher maximum is accepted instead). */
  'already_highest',
  /** A chat message that is not a bid ("is 25 ok?"): action "ignored". */
  'not_a_bid',
  /** An amount that is not a price ("abc", "-5", too many decimals). */
  'invalid_amount',
  /** A maximum at or below the viewer's own maximum already set. */
  'max_not_higher',
  /**
   * Above the most a bid or maximum may be: 100 × the larger of the start
   * price and the current price (a fat-finger guard), and never so high that
   * the price or the next bid would not fit 12 digits. The decision's `price`
   * is the most allowed now.
   */
  'too_high',
] as const;

export type BidRefusal = (typeof BID_REFUSALS)[number];

interface AuctionInputBase {
  /** Unique per input line (a chat message id, a button press id). */
  readonly id: string;
  /** The bidder: the SFU's anonymous viewer id. */
  readonly viewer: string;
  /** When it reached the SFU (the arrival order is the order decided). */
  readonly ts: number;
}

export type AuctionInput =
  | (AuctionInputBase & { readonly text: string })
  | (AuctionInputBase & { readonly bid: string })
  | (AuctionInputBase & { readonly maxBid: string });

/**
 * One decision. Each input gives exactly one line with its `id`; a proxy
 * bid it set off (the studio raising a maximum-holder's bid) follows as an
 * extra line with `proxyFor` (the viewer the studio bid for) and the id of
 * the input that set it off.
 */
export interface AuctionDecision {
  readonly id: string;
  readonly action: 'bid' | 'refused' | 'ignored';
  /** The price after this line (bid), or the price that was needed (refused too_low). */
  readonly price?: Money;
  readonly reason?: BidRefusal;
  readonly proxyFor?: string;
}

export interface AuctionLeader {
  readonly viewer: string;
  readonly price: Money;
}

/** Where the auction stands after the inputs decided so far, at reference time `now`. */
export interface AuctionStanding {
  /** null: no bid yet. */
  readonly leader: AuctionLeader | null;
  /** What the next bid must be at least: the start price, or price + increment. */
  readonly nextBid: Money;
  /** Moves with soft close. */
  readonly endsAt: number;
  readonly bids: number;
  readonly bidders: number;
  /** null: no reserve; else whether the current price meets it. */
  readonly reserveMet: boolean | null;
}

export interface AuctionResult {
  readonly result: 'sold' | 'unsold';
  readonly winner?: string;
  readonly price?: Money;
  readonly endedAt: number;
}

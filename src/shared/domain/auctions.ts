import type { AuctionMode, IncrementStep } from '../auction/auction-rules.js';
import type { BidRefusal } from '../auction/auction-types.js';
import type { Money } from './catalog.js';

/**
 * Auctions on the pinned product, as the studio's screens see them
 * (docs/auctions.md). Times: epoch ms on main's clock; bid times (`ts`) are
 * the SFU's clock as stamped on arrival.
 */

export type AuctionStatus = 'running' | 'sold' | 'unsold' | 'cancelled';

export interface AuctionBidder {
  readonly viewerId: string;
  readonly name: string;
}

/** One decided input in the bid log (refusals too, so the host can answer "why was my bid refused?"). */
export interface AuctionBidRow {
  readonly seq: number;
  readonly viewerId: string;
  readonly viewerName: string;
  /** chat: a message read as a bid; button: the watch page; max: a maximum set; proxy: the studio bidding for a maximum. */
  readonly source: 'chat' | 'button' | 'max' | 'proxy' | 'practice';
  readonly action: 'bid' | 'refused' | 'ignored';
  /** What they bid (null for a refused text that held no amount). */
  readonly amount: Money | null;
  readonly reason: BidRefusal | null;
  /** The price after this line. */
  readonly priceAfter: Money | null;
  readonly ts: number;
}

export interface Auction {
  readonly id: number;
  readonly showId: number | null;
  readonly pinId: number | null;
  readonly productId: number | null;
  readonly variantId: number | null;
  readonly title: string;
  readonly currency: string | null;
  readonly startPrice: Money;
  readonly reserve: Money | null;
  readonly mode: AuctionMode;
  readonly extendSeconds: number;
  readonly durationSeconds: number;
  readonly increments: readonly IncrementStep[];
  readonly startedAt: number;
  /** Moves with soft close. */
  readonly endsAt: number;
  readonly endedAt: number | null;
  readonly status: AuctionStatus;
  /** The price now (running) or the final price (sold/unsold with bids); null: no bid. */
  readonly price: Money | null;
  readonly nextBid: Money;
  readonly leader: AuctionBidder | null;
  readonly winner: AuctionBidder | null;
  readonly reserveMet: boolean | null;
  readonly bids: number;
  readonly bidders: number;
  /** The confirmed claim the winner got. */
  readonly claimId: number | null;
}

export interface AuctionsState {
  /** The running auction, or the last one of the current pin (its result); null: none. */
  readonly current: Auction | null;
  /** The newest bid-log lines of `current`, newest first (at most 50). */
  readonly recentBids: readonly AuctionBidRow[];
  /** The show's auctions, newest first (current included). */
  readonly history: readonly Auction[];
}

/** The report's row per auction. */
export interface AuctionReportRow {
  readonly auctionId: number;
  readonly title: string;
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly status: AuctionStatus;
  readonly startPrice: Money;
  readonly finalPrice: Money | null;
  readonly currency: string | null;
  readonly winnerName: string | null;
  /** Accepted bids (proxy bids included). */
  readonly bids: number;
  readonly bidders: number;
}

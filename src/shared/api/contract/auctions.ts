import { z } from 'zod';
import { defineChannel, defineEvent } from '../channel.js';
import { auctionRulesSchema } from '../../auction/auction-rules.js';
import type { AuctionsState } from '../../domain/auctions.js';

const id = z.number().int().positive();
/** A price as the host types it ("25", "$25.00"); the service reads it with parseMoney. */
const priceText = z.string().trim().min(1, 'Type the starting price.').max(32);

export const auctionChannels = {
  /**
   * Starts an auction on the pinned product (or variant): every viewer's
   * page, the video overlay and OBS show price, leader and countdown. Refused
   * with a host-worded message when nothing is pinned or one is running.
   */
  startAuction: defineChannel<AuctionsState>()(
    'studio:auctions:start',
    z
      .object({
        startPrice: priceText,
        // The same limits and words as AUCTION.json (auction-rules.ts).
        durationSeconds: auctionRulesSchema.shape.durationSeconds,
        mode: auctionRulesSchema.shape.mode,
        extendSeconds: auctionRulesSchema.shape.extendSeconds,
        /** null or empty: no reserve. */
        reserve: z.string().trim().max(32).nullable().default(null),
      })
      .strict(),
  ),
  /**
   * Stops the running auction before its end: only while it has no bid
   * (bidders expect an auction with bids to run to the end); it ends
   * "cancelled". Refused with a host-worded message once a bid is in.
   */
  cancelAuction: defineChannel<AuctionsState>()('studio:auctions:cancel', z.undefined()),
  /** The current auction, its recent bids and the show's auctions (null: the active show). */
  getAuctions: defineChannel<AuctionsState>()(
    'studio:auctions:get',
    z.object({ showId: id.nullable().default(null) }).strict().default({ showId: null }),
  ),
} as const;

export const auctionEvents = {
  /** A bid, a soft-close extension, the end: at most every 100 ms while bids pour in. */
  auctionsChanged: defineEvent<AuctionsState>('studio:event:auctions-changed'),
} as const;

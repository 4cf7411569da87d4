import type { AuctionReportRow } from './auctions.js';
import type { GiveawayReportRow } from './giveaways.js';
import type { Money } from './catalog.js';

/**
 * The selling tools of a live show: flash deals on the pinned product,
 * claims viewers make in chat ("sold", "claim M"), and the show report.
 * Times are epoch ms on the studio's clock (main's), unless said otherwise.
 */

export type ClaimStatus = 'confirmed' | 'waitlisted' | 'cancelled';

export interface Claim {
  readonly id: number;
  /** The show it was made in (null: no show was active). */
  readonly showId: number | null;
  /** The chat message that made it; null for a claim the host added by hand. */
  readonly messageId: string | null;
  /** The SFU's anonymous viewer id (the private confirmation goes there). */
  readonly viewerId: string;
  readonly viewerName: string;
  /** The chat text as the viewer wrote it (sanitized plain text). */
  readonly text: string;
  readonly productId: number | null;
  /** null: the whole product (the viewer named no variant, or it has none). */
  readonly variantId: number | null;
  /** Kept as they were at claim time, so the list and CSV stay right after the catalog changes. */
  readonly productTitle: string;
  readonly variantTitle: string | null;
  readonly sku: string | null;
  /** The deal price when a flash deal was running, else the regular price; null when the product has none. */
  readonly pricePaid: Money | null;
  readonly currency: string | null;
  /** The flash deal that set pricePaid, if any. */
  readonly dealId: number | null;
  /** The auction this claim was won at (pricePaid is the winning bid), if any. */
  readonly auctionId: number | null;
  readonly status: ClaimStatus;
  /** When the viewer sent the message (the SFU's clock as stored with the chat message). */
  readonly claimedAt: number;
  /** Last change (confirmed from the waitlist, cancelled, moved). */
  readonly updatedAt: number;
  /** Why it changed last, in host words: "Moved from M / Blue", "Cancelled by host", "Confirmed from the waitlist". */
  readonly note: string | null;
  /**
   * Where the seller can reach this viewer about the order (an e-mail or an
   * @handle the viewer gave on the watch page; null: none given). Personal
   * data: shown to the host (Claims tab, CSV), never to other viewers.
   */
  readonly contact: string | null;
}

/**
 * Units left of a product in a show, as every screen shows them (the
 * rundown, the pinned card, the watch page, the Claims tab): the stock
 * imported with the catalog minus the show's confirmed claims (there is no
 * store order sync: a confirmed claim is the sale). null: not tracked.
 * Computed in one place, src/main/claims/stock-ledger.ts.
 */
export interface ProductStockLeft {
  readonly productId: number;
  readonly title: string;
  /** The whole product (what a card pinned without a variant shows). */
  readonly left: number | null;
  readonly variants: readonly { readonly variantId: number; readonly title: string; readonly left: number | null }[];
}

export interface ClaimsState {
  readonly showId: number | null;
  /** A practice show: these claims are rehearsal, never exported nor counted as sales (docs/practice.md). */
  readonly practice: boolean;
  /** Oldest first. */
  readonly claims: readonly Claim[];
  /** Units left of each product claimed in the show, in the order first claimed. */
  readonly stock: readonly ProductStockLeft[];
}

/** A flash deal as stored; the card viewers see carries its price and times (ProductCardDeal). */
export interface Deal {
  readonly id: number;
  readonly pinId: number;
  readonly showId: number | null;
  readonly productId: number | null;
  readonly variantId: number | null;
  readonly title: string;
  readonly price: Money;
  /** The price it returns to (the card's price when the deal started). */
  readonly regularPrice: Money | null;
  readonly currency: string | null;
  readonly startedAt: number;
  /** When it was set to end. */
  readonly endsAt: number;
  /** When it did end: at endsAt, earlier when the host ended it or pinned something else; null while running. */
  readonly endedAt: number | null;
}

export interface ShowReportProduct {
  readonly productId: number | null;
  readonly title: string;
  /** Seconds this product was pinned in the show (all its pins together). */
  readonly pinnedSeconds: number;
  readonly pinCount: number;
  readonly claimsConfirmed: number;
  readonly claimsWaitlisted: number;
  readonly claimsCancelled: number;
  /** Sum of pricePaid over confirmed claims ("0" when none). */
  readonly revenue: Money;
  readonly currency: string | null;
}

/** Money in one currency (null: a sale whose product named no currency). */
export interface CurrencyTotal {
  readonly currency: string | null;
  readonly amount: Money;
}

export interface ShowReport {
  readonly showId: number;
  readonly showName: string;
  /** A practice show (rehearsal): its claims and revenue are shown for review, never counted as sales (docs/practice.md). */
  readonly practice: boolean;
  /** First time the show went live (or its first pin/message when it never went live); null: nothing happened yet. */
  readonly startedAt: number | null;
  /** When it ended; null while it is still running. */
  readonly endedAt: number | null;
  /** Seconds on air (live), summed over every live period. */
  readonly durationSeconds: number;
  readonly viewers: { readonly peak: number; readonly average: number };
  readonly messages: { readonly total: number; readonly approved: number; readonly held: number; readonly blocked: number };
  /** Ordered by revenue, then pinned time. */
  readonly products: readonly ShowReportProduct[];
  readonly totals: {
    readonly claimsConfirmed: number;
    readonly claimsWaitlisted: number;
    readonly claimsCancelled: number;
    /**
     * Confirmed sales summed per currency (never EUR added to USD), in
     * currency-code order, a sale in no known currency last; [] without sales.
     */
    readonly revenue: readonly CurrencyTotal[];
  };
  readonly timeline: {
    readonly pins: readonly { readonly productId: number | null; readonly title: string; readonly from: number; readonly to: number | null }[];
    readonly deals: readonly { readonly title: string; readonly price: Money; readonly currency: string | null; readonly from: number; readonly to: number }[];
    readonly claims: readonly { readonly at: number; readonly status: ClaimStatus }[];
    /** Viewer count samples, oldest first. */
    readonly viewers: readonly { readonly at: number; readonly count: number; readonly live: boolean }[];
  };
  /** The show's auctions, oldest first. */
  readonly auctions: readonly AuctionReportRow[];
  /** The show's giveaways, oldest first (docs/giveaways.md). */
  readonly giveaways: readonly GiveawayReportRow[];
  /** The studio's clock when this report was made. */
  readonly generatedAt: number;
}

/**
 * Claims become checkouts (issue 19): what each buyer of a show was sent,
 * as the Claims tab shows it. The links themselves go to the buyer alone
 * (their watch page's "My claims"); the host's screens see who was sent a
 * link, when, and what is still waiting.
 */

/** One link as sent: a cart with several items, or one item's page. */
export interface CheckoutLink {
  /** https, checked (src/shared/selling/checkout-link.ts). */
  readonly url: string;
  /** "Cart: 2 items" or "Linen Shirt — M"; plain text. */
  readonly label: string;
  /** The claims this link buys. */
  readonly claimIds: readonly number[];
}

/** One buyer of the show, as the Claims tab lists them. */
export interface BuyerCheckout {
  readonly viewerId: string;
  readonly viewerName: string;
  /** Confirmed claims in the show. */
  readonly confirmed: number;
  /** Confirmed claims not yet in a link sent to them. */
  readonly unsent: number;
  /** When the last link went to them (epoch ms); null: never. */
  readonly lastSentAt: number | null;
  /**
   * Items the last send left out for this buyer, with why (a deal or auction
   * price the store would not charge, a link that failed the https check, more
   * links than one send carries). Empty: nothing held back.
   */
  readonly notSent: readonly { readonly item: string; readonly reason: string }[];
}

export interface CheckoutState {
  readonly showId: number | null;
  /** Buyers with a confirmed claim, in the order they first claimed. */
  readonly buyers: readonly BuyerCheckout[];
}

/** What one "Send checkout links" did. */
export interface CheckoutSendResult {
  /** Buyers who were sent a link now. */
  readonly buyers: number;
  /** Claims those links cover. */
  readonly items: number;
  /**
   * Items no link went out for, with why: no link could be made (no store address, a product without a
   * Shopify variant ID…), the claim's price (a flash deal, a winning bid) is not what the store would charge,
   * the link failed the https check, or the buyer had more links than one send carries (sent next time).
   */
  readonly notLinked: readonly { readonly viewerName: string; readonly item: string; readonly reason: string }[];
}

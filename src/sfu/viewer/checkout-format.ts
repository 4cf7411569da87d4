import { checkoutTitle, isCheckoutUrl } from '../../shared/selling/checkout-link.js';
import type { MyCheckout } from '../../shared/sfu/protocol-claims.js';

/**
 * How the checkout links a seller sent read on the buyer's watch page
 * (issue 19). Pure (no DOM), tested in Node; the view draws each link as an
 * <a> whose text is plain text and whose href passed isCheckoutUrl here.
 */

export interface CheckoutBlock {
  /** "Check out your 2 items". */
  readonly title: string;
  /** One link: the title is the link. Several (one per item): the title heads them, each link says its item. */
  readonly links: readonly { readonly url: string; readonly label: string }[];
  readonly sentAt: number;
}

/** The sends, newest first, each with the links that are https (anything else is left out, never drawn). */
export function checkoutBlocks(checkouts: readonly MyCheckout[]): CheckoutBlock[] {
  return checkouts
    .map((c) => ({ title: checkoutTitle(c.items), links: c.links.filter((l) => isCheckoutUrl(l.url)), sentAt: c.sentAt }))
    .filter((block) => block.links.length > 0);
}

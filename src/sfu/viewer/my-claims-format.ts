import type { MyClaim } from '../../shared/sfu/protocol-claims.js';
import { formatPrice } from './card-format.js';

/**
 * How a buyer's own claims read on the watch page ("My claims"). Pure
 * functions (no DOM) so they are tested in Node.
 */

/** "Linen Shirt — M". */
export function claimLabel(claim: Pick<MyClaim, 'product' | 'variant'>): string {
  return claim.variant ? `${claim.product} — ${claim.variant}` : claim.product;
}

export function claimPrice(claim: Pick<MyClaim, 'price' | 'currency'>, locale?: string): string | null {
  return claim.price === null ? null : formatPrice(claim.price, claim.currency, locale);
}

/** "Confirmed", "Waitlist #2", "Cancelled by the seller"; a claim the seller moved says so. */
export function claimStatusText(claim: Pick<MyClaim, 'status' | 'waitlistPlace' | 'bySeller'>): string {
  const moved = claim.bySeller === 'moved' ? ' · changed by the seller' : '';
  switch (claim.status) {
    case 'confirmed':
      return `Confirmed${moved}`;
    case 'waitlisted':
      return `${claim.waitlistPlace === null ? 'On the waitlist' : `Waitlist #${claim.waitlistPlace}`}${moved}`;
    case 'cancelled':
      return claim.bySeller === 'cancelled' ? 'Cancelled by the seller' : 'Cancelled';
  }
}

/** "The seller can reach you at anna@example.com". */
export function contactLine(contact: string): string {
  return `The seller can reach you at ${contact}`;
}

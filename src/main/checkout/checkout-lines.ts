import type { CheckoutLink } from '../../shared/domain/checkout.js';
import type { UnsentClaim } from './checkout-store.js';

/** One thing a buyer pays for: a product or variant, how many (one claim is one unit), and the claims that make it. */
export interface CheckoutLine {
  readonly productId: number;
  readonly variantId: number | null;
  readonly quantity: number;
  readonly claimIds: readonly number[];
  /** "Linen Shirt — M" (plain text, from the claims). */
  readonly label: string;
  /** What the buyer agreed to pay for one unit (null: unknown), and where that price came from. */
  readonly pricePaid: string | null;
  readonly currency: string | null;
  readonly priceSource: 'deal' | 'auction' | null;
}

/** The show a link names (its UTM campaign). */
export interface CheckoutShow {
  readonly id: number;
  readonly name: string;
}

/** What the links for one buyer's lines came to: the links, and lines no link could be made for, with why. */
export interface LinkedLines {
  readonly links: readonly CheckoutLink[];
  readonly notLinked: readonly { readonly line: CheckoutLine; readonly reason: string; readonly kind: 'no-link' | 'price' }[];
}

/** Makes one buyer's links (store-checkout-links.ts: the store settings and the Buy-link builder). */
export type CheckoutLinker = (lines: readonly CheckoutLine[], show: CheckoutShow | null) => LinkedLines;

/** One buyer's claims as lines: the same product and variant at the same price added up, in the order first claimed. */
export function checkoutLines(claims: readonly UnsentClaim[]): CheckoutLine[] {
  const lines = new Map<string, Omit<CheckoutLine, 'quantity' | 'claimIds'> & { claimIds: number[] }>();
  for (const claim of claims) {
    const key = `${claim.productId}:${claim.variantId ?? ''}:${claim.pricePaid ?? ''}:${claim.priceSource ?? ''}`;
    const line = lines.get(key);
    if (line) line.claimIds.push(claim.id);
    else
      lines.set(key, {
        productId: claim.productId,
        variantId: claim.variantId,
        claimIds: [claim.id],
        label: claim.variantTitle ? `${claim.productTitle} — ${claim.variantTitle}` : claim.productTitle,
        pricePaid: claim.pricePaid,
        currency: claim.currency,
        priceSource: claim.priceSource,
      });
  }
  return [...lines.values()].map((line) => ({ ...line, quantity: line.claimIds.length }));
}

/** Labels and quantities as a buyer reads them: "Linen Shirt — M × 2". */
export function lineLabel(line: CheckoutLine): string {
  return line.quantity > 1 ? `${line.label} × ${line.quantity}` : line.label;
}

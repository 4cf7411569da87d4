import type { Money } from '../../shared/domain/catalog.js';
import { addMoney } from '../../shared/domain/money.js';
import type { Claim, ClaimStatus, CurrencyTotal, ProductStockLeft } from '../../shared/domain/selling.js';

/** What the Claims panel lists: every claim, or one status. */
export type ClaimFilter = 'all' | ClaimStatus;

export const CLAIM_FILTERS: readonly { readonly id: ClaimFilter; readonly label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'confirmed', label: 'Confirmed' },
  { id: 'waitlisted', label: 'Waitlist' },
  { id: 'cancelled', label: 'Cancelled' },
];

export const STATUS_LABELS: Record<ClaimStatus, string> = {
  confirmed: 'Confirmed',
  waitlisted: 'Waitlisted',
  cancelled: 'Cancelled',
};

/** Newest first: during a show the host watches what just came in. */
export function visibleClaims(claims: readonly Claim[], filter: ClaimFilter): Claim[] {
  const shown = filter === 'all' ? [...claims] : claims.filter((c) => c.status === filter);
  return shown.sort((a, b) => b.claimedAt - a.claimedAt || b.id - a.id);
}

export interface ClaimTotals {
  readonly confirmed: number;
  readonly waitlisted: number;
  readonly cancelled: number;
  /** The price paid over confirmed claims, summed per currency (exact decimals; never EUR into USD); [] when none had a price. */
  readonly revenue: readonly CurrencyTotal[];
}

export function claimTotals(claims: readonly Claim[]): ClaimTotals {
  let confirmed = 0;
  let waitlisted = 0;
  let cancelled = 0;
  const revenue = new Map<string | null, Money>();
  for (const claim of claims) {
    if (claim.status === 'waitlisted') waitlisted++;
    else if (claim.status === 'cancelled') cancelled++;
    else {
      confirmed++;
      if (claim.pricePaid !== null) {
        const currency = claim.currency || null;
        revenue.set(currency, addMoney(revenue.get(currency) ?? '0', claim.pricePaid));
      }
    }
  }
  const sums = [...revenue].map(([currency, amount]) => ({ currency, amount }));
  return { confirmed, waitlisted, cancelled, revenue: sums };
}

/** "Blue Dress — M / Blue". */
export function claimProductLabel(claim: Pick<Claim, 'productTitle' | 'variantTitle'>): string {
  return claim.variantTitle ? `${claim.productTitle} — ${claim.variantTitle}` : claim.productTitle;
}

/** Units left as every screen words them: "18 left", "Sold out"; untracked stock says so. */
export function unitsLeftText(left: number | null): string {
  if (left === null) return 'stock not tracked';
  if (left <= 0) return 'Sold out';
  return `${left.toLocaleString()} left`;
}

/** "S 5 · M 13 · L sold out" for a product with several variants; null when it has one (the product line says it all). */
export function variantsLeftText(stock: ProductStockLeft): string | null {
  if (stock.variants.length < 2) return null;
  return stock.variants
    .map((v) => {
      const left = v.left === null ? 'not tracked' : v.left <= 0 ? 'sold out' : v.left.toLocaleString();
      return `${v.title || 'Default'} ${left}`;
    })
    .join(' · ');
}

/**
 * Units left of a variant (null: the whole product) for the Move dialog:
 * the show's number when the product has claims, else the catalog's stock
 * (nothing claimed yet: nothing taken from it).
 */
export function unitsLeftOf(stock: readonly ProductStockLeft[], productId: number, variantId: number | null, catalogStock: number | null): number | null {
  const product = stock.find((p) => p.productId === productId);
  if (!product) return catalogStock === null ? null : Math.max(0, catalogStock);
  if (variantId === null) return product.left;
  return product.variants.find((v) => v.variantId === variantId)?.left ?? product.left;
}

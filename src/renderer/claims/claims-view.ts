import type { Money } from '../../shared/domain/catalog.js';
import { addMoney } from '../../shared/domain/money.js';
import type { Claim, ClaimStatus } from '../../shared/domain/selling.js';

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
  /** Sum of the price paid over confirmed claims (exact decimal); "0" when none had a price. */
  readonly revenue: Money;
  /** The one currency of those sales; null when there is none or they are mixed. */
  readonly currency: string | null;
  /** Confirmed claims in more than one currency: the sum is not one amount. */
  readonly mixedCurrencies: boolean;
}

export function claimTotals(claims: readonly Claim[]): ClaimTotals {
  let confirmed = 0;
  let waitlisted = 0;
  let cancelled = 0;
  let revenue: Money = '0';
  const currencies = new Set<string>();
  for (const claim of claims) {
    if (claim.status === 'waitlisted') waitlisted++;
    else if (claim.status === 'cancelled') cancelled++;
    else {
      confirmed++;
      if (claim.pricePaid !== null) {
        revenue = addMoney(revenue, claim.pricePaid);
        if (claim.currency) currencies.add(claim.currency);
      }
    }
  }
  const [only] = currencies;
  return { confirmed, waitlisted, cancelled, revenue, currency: currencies.size === 1 ? (only ?? null) : null, mixedCurrencies: currencies.size > 1 };
}

/** "Blue Dress — M / Blue". */
export function claimProductLabel(claim: Pick<Claim, 'productTitle' | 'variantTitle'>): string {
  return claim.variantTitle ? `${claim.productTitle} — ${claim.variantTitle}` : claim.productTitle;
}

import type { Money } from '../../shared/domain/catalog.js';
import { compareMoney } from '../../shared/domain/money.js';

/** The lowest and highest of some prices (nulls ignored), compared exactly. */
export function priceRange(prices: Iterable<Money | null>): { min: Money | null; max: Money | null } {
  let min: Money | null = null;
  let max: Money | null = null;
  for (const p of prices) {
    if (p === null) continue;
    if (min === null || compareMoney(p, min) < 0) min = p;
    if (max === null || compareMoney(p, max) > 0) max = p;
  }
  return { min, max };
}

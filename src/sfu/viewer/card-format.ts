import { dealPhase, formatCountdown } from '../../shared/sfu/deal-clock.js';
import { compareMoney, formatMoney, isMoney } from '../../shared/domain/money.js';
import type { ProductCard } from '../../shared/sfu/product-card.js';

/**
 * How a pinned product reads on the watch page. Pure functions (no DOM) so
 * they are tested in Node. Prices arrive as exact decimal strings.
 */

/** A card price in the viewer's locale ("68,00 $" in de-DE): the studio's one formatter, see shared/domain/money.ts. */
export function formatPrice(amount: string, currency: string | null, locale?: string): string {
  return isMoney(amount) ? formatMoney(amount, currency, locale) : amount;
}

/** The struck-through price, only when it really is higher than the price. */
export function compareAtText(card: ProductCard, locale?: string): string | null {
  if (card.compareAtPrice === null || card.price === null) return null;
  if (!isMoney(card.compareAtPrice) || !isMoney(card.price) || compareMoney(card.compareAtPrice, card.price) <= 0) return null;
  return formatPrice(card.compareAtPrice, card.currency, locale);
}

/** How the card's flash deal reads at `serverNow` (the SFU's clock); null: the card has none. */
export type DealView =
  | { readonly kind: 'running'; readonly price: string; readonly was: string | null; readonly countdown: string; readonly remainingMs: number }
  | { readonly kind: 'ended' };

export function dealView(card: ProductCard, serverNow: number, locale?: string): DealView | null {
  const phase = dealPhase(card.deal, serverNow);
  if (phase.kind === 'none') return null;
  if (phase.kind === 'ended') return { kind: 'ended' };
  return {
    kind: 'running',
    price: formatPrice(phase.price, card.currency, locale),
    // The regular price, struck through: what the deal saves.
    was: card.price === null ? null : formatPrice(card.price, card.currency, locale),
    countdown: formatCountdown(phase.remainingMs),
    remainingMs: phase.remainingMs,
  };
}

/** At or below this many the card stands out (few left is a selling point). */
export const LOW_STOCK_THRESHOLD = 10;

/**
 * The units left, as the studio shows them on every screen ("19 left"):
 * the same number the host reads in the rundown and the Claims tab. null:
 * the seller does not track stock, so nothing is said.
 */
export function stockText(stock: number | null, locale?: string): string | null {
  if (stock === null) return null;
  if (stock === 0) return 'Sold out';
  return `${new Intl.NumberFormat(locale).format(stock)} left`;
}

export function viewerCountText(count: number, locale?: string): string {
  const n = new Intl.NumberFormat(locale, { notation: count >= 10_000 ? 'compact' : 'standard' }).format(count);
  return `${n} watching`;
}

/** The Buy link, only when it is https (checked again here: the page never trusts product data). */
export function safeBuyUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

export function safeImageUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'https:' || protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

import type { ProductCard, ProductCardDeal } from './product-card.js';

/**
 * Flash-deal countdowns that agree across screens. Pure TS: the watch page,
 * the compositor and OBS all count with these functions.
 *
 * A deal's times are on one reference clock (the SFU's for viewers, main's
 * for the studio). A screen never trusts its own clock for them: it learns
 * an offset from messages stamped with the reference time and counts on
 * `Date.now() + offset`.
 */

/**
 * The reference clock as seen from here. Each stamped message gives a
 * sample `serverTime − localNowAtReceipt`; the message took some time to
 * arrive, so a sample is the true offset minus that delay and never more.
 * The largest recent sample is therefore the closest one. Only recent
 * samples count, so a local clock that was corrected (NTP, the user) is
 * followed within a few messages.
 */
export class ServerClock {
  private readonly samples: number[] = [];

  constructor(private readonly keep = 8) {}

  /** A message stamped `serverTime` arrived when the local clock read `localNow`. */
  sample(serverTime: number, localNow: number): void {
    if (!Number.isFinite(serverTime) || !Number.isFinite(localNow)) return;
    this.samples.push(serverTime - localNow);
    if (this.samples.length > this.keep) this.samples.shift();
  }

  /** Add to the local clock to get the reference clock (0 before any sample). */
  offset(): number {
    return this.samples.length === 0 ? 0 : Math.max(...this.samples);
  }

  /** The reference clock now. */
  now(localNow: number): number {
    return localNow + this.offset();
  }
}

export type DealPhase =
  | { readonly kind: 'none' }
  | { readonly kind: 'running'; readonly price: string; readonly remainingMs: number }
  | { readonly kind: 'ended' };

/** Where a card's deal stands at `referenceNow` (on the deal's clock). */
export function dealPhase(deal: ProductCardDeal | null, referenceNow: number): DealPhase {
  if (deal === null) return { kind: 'none' };
  const remainingMs = deal.endsAt - referenceNow;
  if (remainingMs <= 0) return { kind: 'ended' };
  return { kind: 'running', price: deal.price, remainingMs };
}

/** The price a buyer pays on this card at `referenceNow`: the deal's while it runs, else the regular one. */
export function currentPrice(card: ProductCard, referenceNow: number): string | null {
  const phase = dealPhase(card.deal, referenceNow);
  return phase.kind === 'running' ? phase.price : card.price;
}

/**
 * "01:23" (or "1:23" with `padMinutes: false`). Whole seconds rounded up, so
 * "00:00" only shows once the deal is over and the first second shown is the
 * full duration ("05:00", not "04:59").
 */
export function formatCountdown(remainingMs: number, options: { readonly padMinutes?: boolean } = {}): string {
  const total = Math.max(0, Math.ceil(remainingMs / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  const mm = options.padMinutes === false ? String(minutes) : String(minutes).padStart(2, '0');
  return `${mm}:${String(seconds).padStart(2, '0')}`;
}

/**
 * Moves a card's deal from the sender's clock to the receiver's: the
 * sender stamped `senderNow` when it sent the card and the receiver read
 * `receiverNow` on arrival (the transit time is ignored: it is
 * milliseconds, and the countdown shows seconds).
 */
export function rebaseDeal<C extends { readonly deal: ProductCardDeal | null }>(card: C, senderNow: number, receiverNow: number): C {
  if (card.deal === null) return card;
  const shift = receiverNow - senderNow;
  // A deal is stored as epoch ms ≥ 0; a sender clock wildly ahead must not make it negative.
  const startedAt = Math.max(0, card.deal.startedAt + shift);
  const endsAt = Math.max(startedAt + 1, card.deal.endsAt + shift);
  return { ...card, deal: { ...card.deal, startedAt, endsAt } };
}

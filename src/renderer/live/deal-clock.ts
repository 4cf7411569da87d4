import type { Deal } from '../../shared/domain/selling.js';
import { dealPhase, type DealPhase } from '../../shared/sfu/deal-clock.js';
import { DEAL_LIMITS } from '../../shared/sfu/product-card.js';

/**
 * Flash-deal time as the studio UI shows it. Every time here is on the
 * studio's clock (main's): the UI adds the offset it measured when the pin
 * state arrived, so a producer console on another computer whose clock is
 * off still counts down with the studio.
 */

/** The quick choices next to the deal price (seconds). */
export const DEAL_DURATIONS: readonly { readonly seconds: number; readonly label: string }[] = [
  { seconds: 30, label: '30 s' },
  { seconds: 60, label: '1 min' },
  { seconds: 120, label: '2 min' },
  { seconds: 300, label: '5 min' },
  { seconds: 600, label: '10 min' },
];

/**
 * Where the pinned product's deal stands on the studio's clock: the shared
 * countdown rules (the watch page and the overlay use the same), plus what
 * only main knows: a deal the host ended early, or one replaced by a new pin.
 */
export function studioDealPhase(deal: Pick<Deal, 'price' | 'startedAt' | 'endsAt' | 'endedAt'>, studioNow: number): DealPhase {
  if (deal.endedAt !== null) return { kind: 'ended' };
  return dealPhase({ price: deal.price, startedAt: deal.startedAt, endsAt: deal.endsAt }, studioNow);
}

export type ParsedDuration = { readonly ok: true; readonly seconds: number } | { readonly ok: false; readonly message: string };

/**
 * A custom deal length as a host types it: "45" or "45 s" (seconds),
 * "3 min" or "3m" (minutes), "1:30" (minutes and seconds). 10 s to 30 min.
 */
export function parseDealDuration(text: string): ParsedDuration {
  const seconds = readTypedSeconds(text);
  if (seconds === undefined) return { ok: false, message: 'Type the deal length as seconds (45), minutes (3 min) or 1:30.' };
  if (seconds < DEAL_LIMITS.minSeconds) return { ok: false, message: 'A flash deal lasts at least 10 seconds.' };
  if (seconds > DEAL_LIMITS.maxSeconds) return { ok: false, message: 'A flash deal lasts 30 minutes at most.' };
  return { ok: true, seconds };
}

/**
 * A length as a host types it, in seconds: "45" or "45 s", "3 min" or "3m",
 * "1:30"; undefined when it is none of those. Flash deals and auctions read
 * their lengths with it (each checks its own limits).
 */
export function readTypedSeconds(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  let match: RegExpExecArray | null;
  if ((match = /^(\d{1,4})\s*(s|sec|secs|seconds?)?$/.exec(t))) return Number(match[1]);
  if ((match = /^(\d{1,3})\s*(m|min|mins|minutes?)$/.exec(t))) return Number(match[1]) * 60;
  if ((match = /^(\d{1,2}):([0-5]\d)$/.exec(t))) return Number(match[1]) * 60 + Number(match[2]);
  return undefined;
}

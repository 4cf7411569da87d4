import { REPLAY_NAME_PATTERN, REPLAY_ROUTE_PREFIX } from '../../shared/replay/replay-names.js';

/**
 * Runs in the viewer's browser (the embedded player). Pure: what the
 * "not live right now" state says, from what the seller's snippet gives
 * (`data-next-show`, `data-replay`; docs/embed.md). The SFU itself knows
 * neither when the next show is nor which replay belongs to a room.
 */

/** Next shows further off than this are a typo (a year 2062), not a plan. */
const FURTHEST_NEXT_SHOW_MS = 366 * 24 * 3600_000;

/** "Next show: Tue, Dec 8, 6:00 PM" in the viewer's locale and time zone; null when not given, past or not a date. */
export function nextShowText(raw: string | null, now: number, locale?: string): string | null {
  if (raw === null || raw.length > 40 || !/^\d{4}-\d{2}-\d{2}T/.test(raw)) return null;
  const at = Date.parse(raw);
  if (!Number.isFinite(at) || at <= now || at - now > FURTHEST_NEXT_SHOW_MS) return null;
  const when = new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(at);
  return `Next show: ${when}`;
}

/** The replay page's path on this SFU (`/replay/<name>/`) for a folder name of the safe shape, else null. */
export function replayPath(raw: string | null): string | null {
  if (raw === null || !REPLAY_NAME_PATTERN.test(raw)) return null;
  return `${REPLAY_ROUTE_PREFIX}${encodeURIComponent(raw)}/`;
}

import { AUCTION_LIMITS } from '../../shared/auction/auction-rules.js';
import type { BidRefusal } from '../../shared/auction/auction-types.js';
import type { Auction, AuctionBidRow } from '../../shared/domain/auctions.js';
import { formatCountdown } from '../../shared/sfu/deal-clock.js';
import { formatMoney } from '../ui/format.js';
import { readTypedSeconds } from './deal-clock.js';

/**
 * Auctions as the studio's screens word them (the auction bar, the video
 * overlay, the bid log): plain data in, host words out, so it is tested in
 * Node. Every time is on the studio's clock (main's, see studio-clock.tsx).
 */

/** The quick lengths beside the starting price (most auctions run 10–30 s). */
export const AUCTION_DURATIONS: readonly { readonly seconds: number; readonly label: string }[] = [
  { seconds: 10, label: '10 s' },
  { seconds: 20, label: '20 s' },
  { seconds: 30, label: '30 s' },
  { seconds: 60, label: '1 min' },
];

/** The key that opens the auction form on the pinned product (free among P, N, U, 1–9, F1–F8, Space, Enter and the chat's keys). */
export const AUCTION_KEY = 'h';

/** How long the video shows "SOLD to Ana — $42" after the end (the next auction or pin replaces it sooner). */
export const RESULT_ON_VIDEO_MS = 10_000;

export type ParsedSeconds = { readonly ok: true; readonly seconds: number } | { readonly ok: false; readonly message: string };

/** A custom auction length as a host types it: "45" or "45 s", "2 min", "1:30". 5 s to 10 min. */
export function parseAuctionDuration(text: string): ParsedSeconds {
  const seconds = readTypedSeconds(text);
  if (seconds === undefined) return { ok: false, message: 'Type the auction length as seconds (45), minutes (2 min) or 1:30.' };
  if (seconds < AUCTION_LIMITS.minSeconds) return { ok: false, message: 'An auction lasts at least 5 seconds.' };
  if (seconds > AUCTION_LIMITS.maxSeconds) return { ok: false, message: 'An auction lasts 10 minutes at most.' };
  return { ok: true, seconds };
}

/** The soft close's "adds N s": a whole number from 1 to 60. */
export function parseExtendSeconds(text: string): ParsedSeconds {
  const t = text.trim().replace(/\s*s$/i, '');
  if (!/^\d{1,3}$/.test(t)) return { ok: false, message: 'Type how many seconds a late bid adds, such as 10.' };
  const seconds = Number(t);
  if (seconds < AUCTION_LIMITS.minExtendSeconds) return { ok: false, message: 'A soft close adds at least 1 second.' };
  if (seconds > AUCTION_LIMITS.maxExtendSeconds) return { ok: false, message: 'A soft close adds 60 seconds at most.' };
  return { ok: true, seconds };
}

export type AuctionPhase =
  | { readonly kind: 'running'; readonly remainingMs: number }
  /** The clock reached zero; main has not said sold or unsold yet (a moment). */
  | { readonly kind: 'closing' }
  | { readonly kind: 'ended' };

export function auctionPhase(auction: Pick<Auction, 'status' | 'endsAt'>, studioNow: number): AuctionPhase {
  if (auction.status !== 'running') return { kind: 'ended' };
  const remainingMs = auction.endsAt - studioNow;
  return remainingMs > 0 ? { kind: 'running', remainingMs } : { kind: 'closing' };
}

export function auctionCountdown(auction: Pick<Auction, 'status' | 'endsAt'>, studioNow: number): string {
  const phase = auctionPhase(auction, studioNow);
  return formatCountdown(phase.kind === 'running' ? phase.remainingMs : 0);
}

type Priced = Pick<Auction, 'currency' | 'price' | 'startPrice'>;

/** The price a running auction stands at: the high bid, or the opening price before any. */
export function standingPrice(auction: Priced, fallbackCurrency: string | null = null): string {
  return formatMoney(auction.price ?? auction.startPrice, auction.currency ?? fallbackCurrency);
}

/** "Sold to Ana for $42", "Not sold: reserve not met"…, or null while it runs. */
export function auctionResultLine(
  auction: Pick<Auction, 'status' | 'winner' | 'price' | 'currency' | 'bids' | 'reserveMet'>,
  fallbackCurrency: string | null = null,
): string | null {
  switch (auction.status) {
    case 'running':
      return null;
    case 'sold':
      return `Sold to ${auction.winner?.name ?? 'a viewer'} for ${formatMoney(auction.price, auction.currency ?? fallbackCurrency)}`;
    case 'unsold':
      if (auction.bids > 0 && auction.reserveMet === false) return 'Not sold: reserve not met';
      return 'Not sold: no bids';
    case 'cancelled':
      return 'Auction cancelled before any bid';
  }
}

/** Why a bid was refused, for the host's bid log (the viewer gets their own private line). */
export const REFUSAL_WORDS: Readonly<Record<BidRefusal, string>> = {
  too_low: 'too low',
  closed: 'after the end',
  already_highest: 'already the high bidder',
  not_a_bid: 'not a bid',
  invalid_amount: 'not a price',
  max_not_higher: 'maximum not above their own',
  too_high: 'far too high (a typo?)',
};

/** One line of the bid log: "Ana bid $12", "Ben's maximum: $30", "Studio for Ben: $13", "Cy $5 refused: too low". */
export function bidLogLine(row: AuctionBidRow, currency: string | null): string {
  const amount = row.amount !== null ? formatMoney(row.amount, currency) : null;
  if (row.action !== 'bid') {
    const reason = row.reason ? REFUSAL_WORDS[row.reason] : row.action === 'ignored' ? 'not a bid' : 'refused';
    return `${row.viewerName}${amount ? ` ${amount}` : ''} refused: ${reason}`;
  }
  const price = formatMoney(row.priceAfter ?? row.amount, currency);
  switch (row.source) {
    case 'max':
      return `${row.viewerName} set a maximum; price ${price}`;
    case 'proxy':
      return `${row.viewerName} ${price} (by their maximum)`;
    case 'chat':
      return `${row.viewerName} bid ${price} in chat`;
    default:
      return `${row.viewerName} bid ${price}`;
  }
}

/** What the video overlay needs, its words made once per change (the compositor draws every frame). */
export interface AuctionOverlay {
  readonly id: number;
  readonly status: Auction['status'];
  readonly endsAt: number;
  /** When the result stops showing on the video (null while running). */
  readonly hideAt: number | null;
  /** "$42" */
  readonly price: string;
  /** "CURRENT BID" / "STARTING BID" */
  readonly priceLabel: string;
  /** "Ana" or "No bids yet" */
  readonly leader: string;
  /** "SOLD to Ana — $42" / "NOT SOLD" */
  readonly result: string | null;
  readonly sold: boolean;
}

/**
 * The overlay of `auction`, or null when the video shows none (no auction, or
 * a cancelled one). `pinId`: the pin up now; an auction that runs on another
 * item (the host pinned something else meanwhile) names its item instead of
 * "CURRENT BID", so the price is never read as the new card's.
 */
export function auctionOverlayOf(auction: Auction | null, fallbackCurrency: string | null = null, pinId: number | null = auction?.pinId ?? null): AuctionOverlay | null {
  if (!auction || auction.status === 'cancelled') return null;
  const currency = auction.currency ?? fallbackCurrency;
  const price = formatMoney(auction.price ?? auction.startPrice, currency);
  let result: string | null = null;
  if (auction.status === 'sold') result = `SOLD to ${auction.winner?.name ?? 'a viewer'} — ${formatMoney(auction.price, currency)}`;
  else if (auction.status === 'unsold') result = auction.bids > 0 && auction.reserveMet === false ? 'NOT SOLD — reserve not met' : 'NOT SOLD — no bids';
  return {
    id: auction.id,
    status: auction.status,
    endsAt: auction.endsAt,
    hideAt: auction.status === 'running' ? null : (auction.endedAt ?? auction.endsAt) + RESULT_ON_VIDEO_MS,
    price,
    priceLabel: auction.pinId !== pinId ? auction.title : auction.price === null ? 'STARTING BID' : 'CURRENT BID',
    leader: auction.leader?.name ?? 'No bids yet',
    result,
    sold: auction.status === 'sold',
  };
}

import { formatMoney as formatExactMoney, isMoney } from '../../shared/domain/money.js';
import { formatCountdown } from '../../shared/sfu/deal-clock.js';
import type { AuctionView, SellNotice } from '../../shared/sfu/protocol-selling.js';

/**
 * How an auction reads on the watch page. Pure functions (no DOM), tested
 * in Node. Amounts arrive as exact decimal strings; times on the SFU's
 * clock (`serverNow` is that clock now, see ServerClock).
 */

/** "$10" for whole amounts, "$10.50" otherwise, in the viewer's locale: the studio's one formatter (shared/domain/money.ts). */
export function formatMoney(amount: string, currency: string | null, locale?: string): string {
  return isMoney(amount) ? formatExactMoney(amount, currency, locale, { wholeWithoutCents: true }) : amount;
}

/** This viewer in the auction: leading, bid and was overtaken, or won it. */
export type MyStanding = 'winning' | 'outbid' | 'won' | null;

export interface AuctionLines {
  readonly title: string;
  /** `ending`: the clock reached zero; the studio's result is on its way. */
  readonly phase: 'running' | 'ending' | 'sold' | 'unsold' | 'cancelled';
  /** "Current bid" or "Starting at" while it runs. */
  readonly priceLabel: string;
  readonly price: string;
  /** "Ana" (or "you"); null: no bid yet. */
  readonly leader: string | null;
  /** "3 bids · 2 bidders"; null before the first bid. */
  readonly activity: string | null;
  /** "00:42" while running; null once over. */
  readonly countdown: string | null;
  /** The last seconds (a soft close's window, or 10 s): the countdown stands out. */
  readonly urgent: boolean;
  readonly reserve: string | null;
  /** The soft-close rule in plain words. */
  readonly rule: string;
  /** "Bid $11" while bids are taken; null otherwise. */
  readonly bidLabel: string | null;
  /** The least a custom bid or a maximum may be, as typed ("11"). */
  readonly minimum: string;
  /** At the end: "Sold to Ana for $25", "Not sold: reserve not met", "Auction cancelled". */
  readonly result: string | null;
  readonly standing: MyStanding;
  readonly standingText: string | null;
}

export interface AuctionContext {
  readonly serverNow: number;
  /** This page's viewer id (null before joining). */
  readonly me: string | null;
  /** This viewer bid in this auction from this page (or the studio said so in a notice). */
  readonly tookPart: boolean;
  readonly locale?: string;
}

/** Under this many seconds left the countdown is urgent even without a soft close. */
const URGENT_SECONDS = 10;

export function auctionLines(auction: AuctionView, context: AuctionContext): AuctionLines {
  const money = (amount: string) => formatMoney(amount, auction.currency, context.locale);
  const remainingMs = auction.endsAt - context.serverNow;
  const phase = auction.status === 'running' ? (remainingMs > 0 ? 'running' : 'ending') : auction.status;
  const isMe = (viewerId: string | undefined) => context.me !== null && viewerId === context.me;
  const standing = myStanding(auction, phase, context);
  const open = phase === 'running';
  return {
    title: auction.title,
    phase,
    priceLabel: auction.status === 'sold' ? 'Sold for' : auction.price === null ? 'Starting at' : open || phase === 'ending' ? 'Current bid' : 'Last bid',
    price: money(auction.price ?? auction.startPrice),
    leader: auction.leader === null ? null : isMe(auction.leader.viewerId) ? 'you' : auction.leader.name,
    activity: auction.bids === 0 ? null : `${plural(auction.bids, 'bid')} · ${plural(auction.bidders, 'bidder')}`,
    countdown: open ? formatCountdown(remainingMs) : null,
    urgent: open && remainingMs <= Math.max(URGENT_SECONDS, auction.mode === 'soft' ? auction.extendSeconds : 0) * 1000,
    reserve: auction.reserveMet === null || auction.status === 'cancelled' ? null : auction.reserveMet ? 'Reserve met' : 'Reserve not met yet',
    rule: auction.mode === 'soft' ? `Bids in the last ${auction.extendSeconds} s add time` : 'Sudden death: no extra time',
    bidLabel: open ? `Bid ${money(auction.nextBid)}` : null,
    minimum: auction.nextBid.replace(/\.0+$/, ''),
    result: resultText(auction, isMe(auction.winner?.viewerId), money),
    standing,
    standingText: standing === 'winning' ? 'You’re winning' : standing === 'outbid' ? 'Outbid' : standing === 'won' ? 'You won!' : null,
  };
}

function myStanding(auction: AuctionView, phase: AuctionLines['phase'], context: AuctionContext): MyStanding {
  if (context.me === null) return null;
  if (auction.status === 'sold') return auction.winner?.viewerId === context.me ? 'won' : null;
  if (phase !== 'running' && phase !== 'ending') return null;
  if (auction.leader?.viewerId === context.me) return 'winning';
  return context.tookPart ? 'outbid' : null;
}

function resultText(auction: AuctionView, wonByMe: boolean, money: (amount: string) => string): string | null {
  switch (auction.status) {
    case 'running':
      return null;
    case 'sold': {
      const price = money(auction.price ?? auction.startPrice);
      if (wonByMe) return `Sold to you for ${price}`;
      return auction.winner ? `Sold to ${auction.winner.name} for ${price}` : `Sold for ${price}`;
    }
    case 'unsold':
      if (auction.reserveMet === false) return 'Not sold: reserve not met';
      return auction.bids === 0 ? 'Not sold: no bids' : 'Not sold';
    case 'cancelled':
      return 'Auction cancelled';
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * What a viewer typed as an amount, as the SFU takes it ("25", "25.50"):
 * "$25", "25,50" and spaces are forgiven. A reason when it is not a price
 * or is below the next bid.
 */
export function parseAmount(typed: string, minimum: string, currency: string | null, locale?: string): { ok: true; amount: string } | { ok: false; reason: string } {
  let text = typed.trim().replace(/\s+/g, '').replace(/^[^\d.,]+/, '');
  // One comma with one or two digits after it is a decimal comma ("25,50"); other commas group thousands.
  text = /^\d+,\d{1,2}$/.test(text) ? text.replace(',', '.') : text.replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^\d{1,12}(\.\d{1,4})?$/.test(text) || Number(text) <= 0) return { ok: false, reason: 'Enter an amount such as 25 or 25.50.' };
  const amount = text.replace(/^0+(?=\d)/, '');
  if (Number(amount) < Number(minimum)) return { ok: false, reason: `The next bid is at least ${formatMoney(minimum, currency, locale)}.` };
  return { ok: true, amount };
}

/**
 * A private line from the studio still true now? "Outbid" is stale once
 * this viewer leads again, "Your bid leads" once someone else does; a
 * refusal or a win stays until replaced.
 */
export function noticeStillTrue(notice: Extract<SellNotice, { kind: 'bid' }>, standing: MyStanding): boolean {
  if (notice.outcome === 'accepted') return standing === 'winning' || standing === 'won';
  if (notice.outcome === 'outbid') return standing === 'outbid';
  return true;
}

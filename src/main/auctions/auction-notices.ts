import type { BidRefusal } from '../../shared/auction/auction-types.js';
import type { Money } from '../../shared/domain/catalog.js';
import type { ChatViewer } from '../../shared/domain/chat.js';
import { formatMoney } from '../../shared/domain/money.js';
import { exclusionOf } from '../../shared/domain/viewer-exclusion.js';
import type { SellNotice } from '../../shared/sfu/protocol-selling.js';

/**
 * The private lines a bidder gets on the watch page (plain text, rendered as
 * text). Host words: what happened and what to do next.
 */

type BidNotice = Extract<SellNotice, { kind: 'bid' }>;

const clip = (text: string) => (text.length > 300 ? `${text.slice(0, 299)}…` : text);

export function acceptedNotice(auctionId: number, price: Money, currency: string | null): BidNotice {
  return { kind: 'bid', auctionId, outcome: 'accepted', reason: null, amount: price, text: `You're winning at ${formatMoney(price, currency)}.` };
}

/** A maximum set (or raised) that leads: the studio bids for them up to it. */
export function maxSetNotice(auctionId: number, max: Money, price: Money, currency: string | null): BidNotice {
  return {
    kind: 'bid',
    auctionId,
    outcome: 'accepted',
    reason: null,
    amount: price,
    text: clip(`You're winning at ${formatMoney(price, currency)}. Your maximum is ${formatMoney(max, currency)}: we bid for you, one step at a time, up to it.`),
  };
}

export function outbidNotice(auctionId: number, price: Money, currency: string | null): BidNotice {
  return { kind: 'bid', auctionId, outcome: 'outbid', reason: null, amount: price, text: `Outbid: the price is now ${formatMoney(price, currency)}.` };
}

/** A refused bid, with the reason in host words; `needed` is the least the next bid may be (too_low), `highest` the most (too_high). */
export function refusedNotice(
  auctionId: number,
  reason: BidRefusal,
  r: {
    readonly needed: Money | null;
    readonly highest?: Money | null;
    readonly price: Money | null;
    readonly max: Money | null;
    readonly currency: string | null;
  },
): BidNotice {
  const money = (m: Money | null) => (m === null ? '' : formatMoney(m, r.currency));
  const text: Record<BidRefusal, string> = {
    too_low: r.needed === null ? 'That bid is too low.' : `The next bid must be at least ${money(r.needed)}.`,
    closed: 'Bidding has closed on this auction.',
    already_highest: r.price === null ? "You're already the highest bidder." : `You're already the highest bidder at ${money(r.price)}.`,
    not_a_bid: 'That message is not a bid. Type an amount such as 25.',
    invalid_amount: 'That is not an amount. Bid a price such as 25 or 25.50.',
    too_high:
      r.highest === null || r.highest === undefined
        ? 'That amount is far above this auction: check it and bid again.'
        : `That amount is far above this auction: check it. You can bid up to ${money(r.highest)} right now.`,
    max_not_higher: r.max === null ? 'Set a maximum above your current one.' : `Your maximum is already ${money(r.max)}: set a higher one to raise it.`,
  };
  return { kind: 'bid', auctionId, outcome: 'refused', reason, amount: r.needed, text: clip(text[reason]) };
}

/**
 * The private refusal for a banned or timed-out viewer (the chat's record of
 * them, main's clock): moderation counts for the Bid buttons as for chat. A
 * moderator may bid. null: they may bid.
 */
export function excludedNotice(auctionId: number, viewer: ChatViewer | null, now: number): BidNotice | null {
  const why = exclusionOf(viewer, now);
  if (why === 'banned') return { kind: 'bid', auctionId, outcome: 'refused', reason: 'banned', amount: null, text: "You can't bid in this show." };
  if (why !== 'timed-out') return null;
  const minutes = Math.max(1, Math.ceil((viewer!.timedOutUntil! - now) / 60_000));
  const text = `You're timed out for ${minutes} more ${minutes === 1 ? 'minute' : 'minutes'}.`;
  return { kind: 'bid', auctionId, outcome: 'refused', reason: 'timed_out', amount: null, text };
}

/** To a bidder whose page bid on an auction that is no longer the one running. */
export function notRunningNotice(auctionId: number): BidNotice {
  return { kind: 'bid', auctionId, outcome: 'refused', reason: 'closed', amount: null, text: 'This auction has ended.' };
}

export function wonNotice(auctionId: number, title: string, price: Money, currency: string | null): BidNotice {
  return {
    kind: 'bid',
    auctionId,
    outcome: 'won',
    reason: null,
    amount: price,
    text: clip(`You won! ${title} is yours for ${formatMoney(price, currency)}. The seller will be in touch about payment and delivery.`),
  };
}

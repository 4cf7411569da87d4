import { describe, expect, it } from 'vitest';
import type { Auction, AuctionBidRow } from '../../shared/domain/auctions.js';
import { auctionCountdown, auctionOverlayOf, auctionPhase, auctionResultLine, bidLogLine, parseAuctionDuration, parseExtendSeconds, RESULT_ON_VIDEO_MS } from './auction-view.js';

const auction: Auction = {
  id: 7,
  showId: 1,
  pinId: 3,
  productId: 4,
  variantId: null,
  title: 'Vintage jacket',
  currency: 'USD',
  startPrice: '10',
  reserve: null,
  mode: 'soft',
  extendSeconds: 10,
  durationSeconds: 20,
  increments: [{ from: '0', step: '1' }],
  startedAt: 100_000,
  endsAt: 120_000,
  endedAt: null,
  status: 'running',
  price: null,
  nextBid: '10',
  leader: null,
  winner: null,
  reserveMet: null,
  bids: 0,
  bidders: 0,
  claimId: null,
};

const row = (over: Partial<AuctionBidRow>): AuctionBidRow => ({
  seq: 1,
  viewerId: 'v1',
  viewerName: 'Ana',
  source: 'button',
  action: 'bid',
  amount: '12',
  reason: null,
  priceAfter: '12',
  ts: 0,
  ...over,
});

describe('auction lengths as typed', () => {
  it('reads seconds, minutes and m:ss within 5 s to 10 min', () => {
    expect(parseAuctionDuration('45')).toEqual({ ok: true, seconds: 45 });
    expect(parseAuctionDuration('8 s')).toEqual({ ok: true, seconds: 8 });
    expect(parseAuctionDuration('2 min')).toEqual({ ok: true, seconds: 120 });
    expect(parseAuctionDuration('1:30')).toEqual({ ok: true, seconds: 90 });
    expect(parseAuctionDuration('4')).toEqual({ ok: false, message: 'An auction lasts at least 5 seconds.' });
    expect(parseAuctionDuration('11 min')).toEqual({ ok: false, message: 'An auction lasts 10 minutes at most.' });
    expect(parseAuctionDuration('soon')).toMatchObject({ ok: false });
  });

  it('reads the soft close’s seconds from 1 to 60', () => {
    expect(parseExtendSeconds('5')).toEqual({ ok: true, seconds: 5 });
    expect(parseExtendSeconds('10 s')).toEqual({ ok: true, seconds: 10 });
    expect(parseExtendSeconds('0')).toEqual({ ok: false, message: 'A soft close adds at least 1 second.' });
    expect(parseExtendSeconds('61')).toEqual({ ok: false, message: 'A soft close adds 60 seconds at most.' });
    expect(parseExtendSeconds('ten')).toMatchObject({ ok: false });
  });
});

describe('auction clock', () => {
  it('runs until endsAt, then closes until main says how it ended', () => {
    expect(auctionPhase(auction, 110_000)).toEqual({ kind: 'running', remainingMs: 10_000 });
    expect(auctionCountdown(auction, 110_500)).toBe('00:10');
    expect(auctionPhase(auction, 120_000)).toEqual({ kind: 'closing' });
    expect(auctionCountdown(auction, 121_000)).toBe('00:00');
    expect(auctionPhase({ ...auction, status: 'sold' }, 110_000)).toEqual({ kind: 'ended' });
  });
});

describe('auction results in host words', () => {
  it('says who bought it for how much, or why it did not sell', () => {
    const sold = { ...auction, status: 'sold' as const, winner: { viewerId: 'v1', name: 'Ana' }, price: '42', bids: 5 };
    expect(auctionResultLine(sold)).toBe('Sold to Ana for $42.00');
    expect(auctionResultLine({ ...auction, status: 'unsold', bids: 2, price: '30', reserveMet: false })).toBe('Not sold: reserve not met');
    expect(auctionResultLine({ ...auction, status: 'unsold' })).toBe('Not sold: no bids');
    expect(auctionResultLine(auction)).toBeNull();
  });

  it('marks refusals with their reason in the bid log', () => {
    expect(bidLogLine(row({}), 'USD')).toBe('Ana bid $12.00');
    expect(bidLogLine(row({ source: 'chat' }), 'USD')).toBe('Ana bid $12.00 in chat');
    expect(bidLogLine(row({ action: 'refused', reason: 'too_low', amount: '11', priceAfter: '12' }), 'USD')).toBe('Ana $11.00 refused: too low');
    expect(bidLogLine(row({ action: 'refused', reason: 'closed' }), 'USD')).toBe('Ana $12.00 refused: after the end');
    expect(bidLogLine(row({ source: 'proxy', priceAfter: '13' }), 'USD')).toBe('Ana $13.00 (by their maximum)');
  });
});

describe('the video overlay of an auction', () => {
  it('shows the opening price until a bid, then the bid and its bidder', () => {
    expect(auctionOverlayOf(auction)).toMatchObject({ price: '$10.00', priceLabel: 'STARTING BID', leader: 'No bids yet', result: null, hideAt: null });
    const bid = { ...auction, price: '12', leader: { viewerId: 'v1', name: 'Ana' }, bids: 1 };
    expect(auctionOverlayOf(bid)).toMatchObject({ price: '$12.00', priceLabel: 'CURRENT BID', leader: 'Ana' });
  });

  it('names its item when another product is pinned meanwhile', () => {
    expect(auctionOverlayOf(auction, null, 9)).toMatchObject({ priceLabel: 'Vintage jacket', price: '$10.00' });
    expect(auctionOverlayOf(auction, null, 3)).toMatchObject({ priceLabel: 'STARTING BID' });
  });

  it('shows the result for a few seconds after the end, and nothing for a cancelled one', () => {
    const sold = { ...auction, status: 'sold' as const, endedAt: 125_000, winner: { viewerId: 'v1', name: 'Ana' }, price: '42', bids: 3 };
    expect(auctionOverlayOf(sold)).toMatchObject({ result: 'SOLD to Ana — $42.00', sold: true, hideAt: 125_000 + RESULT_ON_VIDEO_MS });
    expect(auctionOverlayOf({ ...auction, status: 'unsold', endedAt: 125_000 })).toMatchObject({ result: 'NOT SOLD — no bids', sold: false });
    expect(auctionOverlayOf({ ...auction, status: 'cancelled' })).toBeNull();
    expect(auctionOverlayOf(null)).toBeNull();
  });
});

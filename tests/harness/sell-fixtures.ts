/**
 * Sample selling states (src/shared/sfu/protocol-selling.ts) for the SFU's
 * relay tests, the watch page's view tests and e2e/watch-selling.spec.ts.
 * A harness: no vitest here.
 */
import type { AuctionView, GiveawayView, ShowSellState } from '../../src/shared/sfu/protocol-selling.js';

/** A running auction of a denim jacket: $10 start, no bid yet, one minute left from `now`. */
export function sampleAuction(now: number, overrides: Partial<AuctionView> = {}): AuctionView {
  return {
    id: 7,
    title: 'Denim jacket — M / Blue',
    currency: 'USD',
    startPrice: '10.00',
    price: null,
    nextBid: '10.00',
    leader: null,
    bids: 0,
    bidders: 0,
    mode: 'soft',
    extendSeconds: 10,
    reserveMet: null,
    startedAt: now - 5_000,
    endsAt: now + 60_000,
    status: 'running',
    winner: null,
    endedAt: null,
    ...overrides,
  };
}

/** An open giveaway entered by typing ENTER in chat or with the button. */
export function sampleGiveaway(overrides: Partial<GiveawayView> = {}): GiveawayView {
  return {
    id: 3,
    prize: 'Silk scarf',
    keyword: 'ENTER',
    buttonEntry: true,
    rules: 'No purchase necessary. One entry per viewer. Open to viewers 18 and over.',
    minWatchMinutes: null,
    status: 'open',
    entries: 0,
    commitment: null,
    seed: null,
    winner: null,
    ...overrides,
  };
}

export function sellState(parts: Partial<ShowSellState>): ShowSellState {
  return { practice: false, auction: null, giveaway: null, ...parts };
}

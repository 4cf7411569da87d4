import { describe, expect, it } from 'vitest';
import { auctionLines, formatMoney, noticeStillTrue, parseAmount, type AuctionContext } from './auction-format.js';
import { giveawayLines, shortHex } from './giveaway-format.js';
import { sampleAuction, sampleGiveaway } from '../../../tests/harness/sell-fixtures.js';

const NOW = 1_800_000_000_000;
const ME = 'v_me';
const context = (patch: Partial<AuctionContext> = {}): AuctionContext => ({ serverNow: NOW, me: ME, tookPart: false, locale: 'en-US', ...patch });
const ana = { viewerId: 'v_ana', name: 'Ana' };

describe('formatMoney', () => {
  it('drops the cents of whole amounts only', () => {
    expect(formatMoney('10.00', 'USD', 'en-US')).toBe('$10');
    expect(formatMoney('10', 'USD', 'en-US')).toBe('$10');
    expect(formatMoney('10.50', 'USD', 'en-US')).toBe('$10.50');
    expect(formatMoney('1250.00', 'EUR', 'de-DE')).toBe('1.250\u00a0€');
    expect(formatMoney('12.00', null)).toBe('12');
    expect(formatMoney('12.5', null)).toBe('12.5');
  });
});

describe('auctionLines', () => {
  it('reads a fresh auction: starting price, no leader, the countdown on the SFU’s clock and the rule', () => {
    const lines = auctionLines(sampleAuction(NOW, { endsAt: NOW + 42_300 }), context());
    expect(lines).toMatchObject({
      phase: 'running',
      priceLabel: 'Starting at',
      price: '$10',
      leader: null,
      activity: null,
      countdown: '00:43',
      urgent: false,
      reserve: null,
      rule: 'Bids in the last 10 s add time',
      bidLabel: 'Bid $10',
      minimum: '10',
      result: null,
      standing: null,
      standingText: null,
    });
  });

  it('names the leader and the bids, and says whether this viewer is winning or was outbid', () => {
    const auction = sampleAuction(NOW, { price: '11.00', nextBid: '12.00', leader: ana, bids: 3, bidders: 2, endsAt: NOW + 8_000 });
    const watching = auctionLines(auction, context());
    expect(watching).toMatchObject({ priceLabel: 'Current bid', price: '$11', leader: 'Ana', activity: '3 bids · 2 bidders', bidLabel: 'Bid $12', urgent: true });
    expect(watching.standing).toBeNull();
    expect(auctionLines(auction, context({ tookPart: true }))).toMatchObject({ standing: 'outbid', standingText: 'Outbid' });
    const leading = auctionLines({ ...auction, leader: { viewerId: ME, name: 'Me' } }, context({ tookPart: true }));
    expect(leading).toMatchObject({ leader: 'you', standing: 'winning', standingText: 'You’re winning' });
    // Before the page knows who it is, nobody is "you".
    expect(auctionLines({ ...auction, leader: { viewerId: ME, name: 'Me' } }, context({ me: null })).standing).toBeNull();
  });

  it('says the reserve is not met yet without telling the amount, and the sudden-death rule', () => {
    const lines = auctionLines(sampleAuction(NOW, { reserveMet: false, mode: 'sudden-death' }), context());
    expect(lines.reserve).toBe('Reserve not met yet');
    expect(lines.rule).toBe('Sudden death: no extra time');
    expect(auctionLines(sampleAuction(NOW, { reserveMet: true }), context()).reserve).toBe('Reserve met');
  });

  it('stops taking bids at zero on the SFU’s clock while the result is on its way', () => {
    const lines = auctionLines(sampleAuction(NOW, { endsAt: NOW - 1 }), context());
    expect(lines).toMatchObject({ phase: 'ending', countdown: null, bidLabel: null, result: null });
  });

  it('reads the end: sold to someone, to you, not sold, cancelled', () => {
    const sold = sampleAuction(NOW, { status: 'sold', price: '25.00', winner: ana, leader: ana, bids: 4, endedAt: NOW });
    expect(auctionLines(sold, context())).toMatchObject({ result: 'Sold to Ana for $25', priceLabel: 'Sold for', bidLabel: null, standing: null });
    const mine = auctionLines({ ...sold, winner: { viewerId: ME, name: 'Me' } }, context());
    expect(mine).toMatchObject({ result: 'Sold to you for $25', standing: 'won', standingText: 'You won!' });
    expect(auctionLines(sampleAuction(NOW, { status: 'unsold', reserveMet: false, bids: 2, price: '30.00' }), context()).result).toBe('Not sold: reserve not met');
    expect(auctionLines(sampleAuction(NOW, { status: 'unsold' }), context()).result).toBe('Not sold: no bids');
    expect(auctionLines(sampleAuction(NOW, { status: 'cancelled', reserveMet: false }), context())).toMatchObject({ result: 'Auction cancelled', reserve: null });
  });
});

describe('parseAmount', () => {
  it('forgives a currency sign, spaces and a decimal comma', () => {
    expect(parseAmount(' $25 ', '11', 'USD')).toEqual({ ok: true, amount: '25' });
    expect(parseAmount('25,50', '11', 'USD')).toEqual({ ok: true, amount: '25.50' });
    expect(parseAmount('1,250', '11', 'USD')).toEqual({ ok: true, amount: '1250' });
    expect(parseAmount('€ 012.5', '11', 'EUR')).toEqual({ ok: true, amount: '12.5' });
  });

  it('says what is wrong: not a price, or below the next bid', () => {
    expect(parseAmount('lots', '11', 'USD')).toEqual({ ok: false, reason: 'Enter an amount such as 25 or 25.50.' });
    expect(parseAmount('0', '11', 'USD')).toEqual({ ok: false, reason: 'Enter an amount such as 25 or 25.50.' });
    expect(parseAmount('-5', '11', 'USD')).toMatchObject({ ok: false });
    expect(parseAmount('10.99', '11.00', 'USD', 'en-US')).toEqual({ ok: false, reason: 'The next bid is at least $11.' });
  });
});

describe('noticeStillTrue', () => {
  const notice = (outcome: 'accepted' | 'refused' | 'outbid' | 'won') => ({ kind: 'bid', auctionId: 7, outcome, reason: null, amount: '11.00', text: 'x' }) as const;
  it('drops a line the newer state contradicts', () => {
    expect(noticeStillTrue(notice('accepted'), 'winning')).toBe(true);
    expect(noticeStillTrue(notice('accepted'), 'outbid')).toBe(false);
    expect(noticeStillTrue(notice('outbid'), 'outbid')).toBe(true);
    expect(noticeStillTrue(notice('outbid'), 'winning')).toBe(false);
    expect(noticeStillTrue(notice('refused'), 'winning')).toBe(true);
    expect(noticeStillTrue(notice('won'), 'won')).toBe(true);
  });
});

describe('giveawayLines', () => {
  it('tells how to enter while open, and offers the button only until this viewer is in', () => {
    const open = giveawayLines(sampleGiveaway({ entries: 12, minWatchMinutes: 5 }), { me: ME, entered: false });
    expect(open).toMatchObject({
      prize: 'Silk scarf',
      status: 'Open — enter now',
      howTo: 'Type ENTER in chat or tap Enter',
      button: true,
      entries: '12 entries',
      watchNote: 'Open to viewers who have watched 5 min or more',
      rulesFolded: false,
      commitment: null,
      mine: null,
    });
    expect(giveawayLines(sampleGiveaway(), { me: ME, entered: true })).toMatchObject({ button: false, mine: 'You’re in', entries: 'No entries yet' });
    expect(giveawayLines(sampleGiveaway({ buttonEntry: false, entries: 1 }), { me: ME, entered: false })).toMatchObject({ howTo: 'Type ENTER in chat', button: false, entries: '1 entry' });
    expect(giveawayLines(sampleGiveaway({ keyword: null }), { me: ME, entered: false }).howTo).toBe('Tap Enter to join');
  });

  it('folds long rules, and shows the fairness code, the seed and the winner', () => {
    const commitment = 'ab'.repeat(32);
    const seed = 'cd'.repeat(32);
    const drawn = giveawayLines(sampleGiveaway({ status: 'drawn', rules: 'x'.repeat(300), commitment, seed, winner: ana }), { me: ME, entered: true });
    expect(drawn).toMatchObject({
      status: 'Winner drawn',
      howTo: null,
      button: false,
      rulesFolded: true,
      commitment: 'abababab…abab',
      commitmentFull: commitment,
      seed: 'cdcdcdcd…cdcd',
      winner: 'Winner: Ana',
      mine: 'You’re in',
    });
    expect(giveawayLines(sampleGiveaway({ status: 'drawn', winner: { viewerId: ME, name: 'Me' } }), { me: ME, entered: true })).toMatchObject({ winner: 'Winner: you', mine: 'You won!' });
    expect(shortHex('abc')).toBe('abc');
  });
});

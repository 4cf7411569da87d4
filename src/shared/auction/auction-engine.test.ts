import { describe, expect, it } from 'vitest';
import { AuctionEngine, parseBidText } from './auction-engine.js';
import { auctionRulesSchema, type AuctionRules } from './auction-rules.js';
import type { AuctionInput } from './auction-types.js';

function rules(overrides: Record<string, unknown> = {}): AuctionRules {
  return auctionRulesSchema.parse({ startPrice: '10', durationSeconds: 20, mode: 'soft', extendSeconds: 10, ...overrides });
}

let seq = 0;
const bid = (viewer: string, amount: string, ts = 1000): AuctionInput => ({ id: `i${++seq}`, viewer, ts, bid: amount });
const max = (viewer: string, amount: string, ts = 1000): AuctionInput => ({ id: `i${++seq}`, viewer, ts, maxBid: amount });
const chat = (viewer: string, text: string, ts = 1000): AuctionInput => ({ id: `i${++seq}`, viewer, ts, text });

/** The decisions without ids: [action, price, reason or proxyFor]. */
function run(engine: AuctionEngine, input: AuctionInput): (string | undefined)[][] {
  return engine.submit(input).map((d) => {
    expect(d.id).toBe(input.id);
    return [d.action, d.price, d.reason ?? d.proxyFor];
  });
}

describe('next allowed amount', () => {
  it('refuses a first bid under the start price with the price needed, and takes the start price', () => {
    const e = new AuctionEngine(rules(), 0);
    expect(run(e, bid('a', '9.99'))).toEqual([['refused', '10', 'too_low']]);
    expect(run(e, bid('a', '10.00'))).toEqual([['bid', '10.00', undefined]]);
    expect(run(e, bid('b', '10.50'))).toEqual([['refused', '11.00', 'too_low']]);
    expect(e.standing()).toMatchObject({ leader: { viewer: 'a', price: '10.00' }, nextBid: '11.00', bids: 1, bidders: 1 });
  });

  it('steps across a table boundary: 49 → 50 → 55', () => {
    const e = new AuctionEngine(rules(), 0);
    expect(run(e, bid('a', '49'))).toEqual([['bid', '49', undefined]]);
    expect(e.standing().nextBid).toBe('50');
    expect(run(e, bid('b', '50'))).toEqual([['bid', '50', undefined]]);
    expect(run(e, bid('c', '54'))).toEqual([['refused', '55', 'too_low']]);
    expect(run(e, bid('c', '55'))).toEqual([['bid', '55', undefined]]);
    expect(e.standing().nextBid).toBe('60');
  });

  it('takes any amount above the next one (a jump bid), under the seller’s own table', () => {
    const e = new AuctionEngine(rules({ increments: [{ from: '0', step: '0.50' }, { from: '20', step: '2' }] }), 0);
    expect(run(e, bid('a', '12.25'))).toEqual([['bid', '12.25', undefined]]);
    expect(e.standing().nextBid).toBe('12.75');
    expect(run(e, bid('b', '100'))).toEqual([['bid', '100', undefined]]);
    expect(e.standing().nextBid).toBe('102');
  });

  it('refuses an amount that is not a price', () => {
    const e = new AuctionEngine(rules(), 0);
    for (const amount of ['abc', '-5', '1.23456', '', '1e3', '12345678901234']) {
      expect(run(e, bid('a', amount))).toEqual([['refused', undefined, 'invalid_amount']]);
      expect(run(e, max('a', amount))).toEqual([['refused', undefined, 'invalid_amount']]);
    }
    expect(e.standing().leader).toBeNull();
  });
});

describe('too high (a fat-finger guard, and the protocol’s 12 digits)', () => {
  it('refuses a bid or maximum above 100 × the larger of the start price and the price, with the most allowed', () => {
    const e = new AuctionEngine(rules(), 0);
    expect(run(e, bid('a', '999999999999'))).toEqual([['refused', '1000', 'too_high']]);
    expect(run(e, max('a', '1000.01'))).toEqual([['refused', '1000', 'too_high']]);
    expect(run(e, bid('a', '1000'))).toEqual([['bid', '1000', undefined]]);
    expect(run(e, max('a', '100000.01'))).toEqual([['refused', '100000', 'too_high']]);
    expect(run(e, bid('b', '100000'))).toEqual([['bid', '100000', undefined]]);
    expect(e.standing().nextBid).toBe('100100');
  });

  it('counts one increment when the start price is 0, so the first bid is never too high', () => {
    const e = new AuctionEngine(rules({ startPrice: '0' }), 0);
    expect(run(e, bid('a', '101'))).toEqual([['refused', '100', 'too_high']]);
    expect(run(e, bid('a', '0'))).toEqual([['bid', '0', undefined]]);
    expect(run(e, bid('b', '1'))).toEqual([['bid', '1', undefined]]);
  });

  it('keeps every price and next bid within 12 digits, whatever the start price or the steps', () => {
    const big = new AuctionEngine(rules({ startPrice: '5000000000' }), 0);
    expect(run(big, bid('a', '100000000000'))).toEqual([['refused', '99999999999', 'too_high']]);
    expect(run(big, bid('a', '99999999999'))).toEqual([['bid', '99999999999', undefined]]);
    expect(big.standing().nextBid).toBe('100000000099');
    const steep = new AuctionEngine(rules({ startPrice: '1', increments: [{ from: '0', step: '950000000000' }] }), 0);
    expect(run(steep, max('a', '60000000000'))).toEqual([['refused', '99999999999', 'too_high']]);
    expect(run(steep, bid('a', '1'))).toEqual([['bid', '1', undefined]]);
    expect(steep.standing().nextBid).toBe('950000000001');
    expect(run(steep, bid('b', '950000000001'))).toEqual([['refused', '99999999999', 'too_high']]);
  });
});

describe('the leader', () => {
  it('cannot bid on top of themselves, but can raise a private maximum', () => {
    const e = new AuctionEngine(rules(), 0);
    run(e, bid('a', '10'));
    expect(run(e, bid('a', '12'))).toEqual([['refused', undefined, 'already_highest']]);
    expect(run(e, chat('a', '15'))).toEqual([['refused', undefined, 'already_highest']]);
    expect(run(e, max('a', '30'))).toEqual([['bid', '10', undefined]]);
    expect(e.maxOf('a')).toBe('30');
    expect(e.standing()).toMatchObject({ leader: { viewer: 'a', price: '10' }, bids: 1 });
    expect(run(e, max('a', '30.00'))).toEqual([['refused', undefined, 'max_not_higher']]);
    expect(run(e, max('a', '25'))).toEqual([['refused', undefined, 'max_not_higher']]);
    expect(e.maxOf('a')).toBe('30');
  });

  it('cannot set a maximum under the next allowed amount', () => {
    const e = new AuctionEngine(rules(), 0);
    run(e, bid('a', '10'));
    expect(run(e, max('a', '10.50'))).toEqual([['refused', '11', 'too_low']]);
    expect(e.maxOf('a')).toBeNull();
  });
});

describe('soft close', () => {
  it('does not extend a bid exactly extendSeconds before the end, and extends one 1 ms later', () => {
    const e = new AuctionEngine(rules({ durationSeconds: 20, extendSeconds: 10 }), 0);
    run(e, bid('a', '10', 10_000));
    expect(e.standing().endsAt).toBe(20_000);
    run(e, bid('b', '11', 10_001));
    expect(e.standing().endsAt).toBe(20_001);
    // In time until the moved end, then closed at it.
    expect(run(e, bid('a', '12', 20_000))).toEqual([['bid', '12', undefined]]);
    expect(e.standing().endsAt).toBe(30_000);
    expect(run(e, bid('b', '13', 30_000))).toEqual([['refused', undefined, 'closed']]);
    expect(e.result()).toEqual({ result: 'sold', winner: 'a', price: '12', endedAt: 30_000 });
  });

  it('is not moved by a refused bid nor by the leader’s private maximum', () => {
    const e = new AuctionEngine(rules(), 0);
    run(e, bid('a', '10', 1000));
    run(e, bid('b', '10', 15_000));
    run(e, bid('a', '11', 15_000));
    run(e, max('a', '50', 15_000));
    expect(e.standing().endsAt).toBe(20_000);
  });
});

describe('sudden death', () => {
  it('takes a bid 1 ms before the end without extending, and closes at the end', () => {
    const start = 1_765_000_000_000;
    const e = new AuctionEngine(rules({ mode: 'sudden-death' }), start);
    expect(run(e, bid('a', '10', start - 1))).toEqual([['refused', undefined, 'closed']]);
    expect(run(e, bid('a', '10', start + 19_999))).toEqual([['bid', '10', undefined]]);
    expect(e.standing().endsAt).toBe(start + 20_000);
    expect(run(e, bid('b', '11', start + 20_000))).toEqual([['refused', undefined, 'closed']]);
    expect(e.result()).toEqual({ result: 'sold', winner: 'a', price: '10', endedAt: start + 20_000 });
  });
});

describe('proxy bidding', () => {
  it('answers a lower direct bid one increment above it, capped at the maximum, and loses to a higher one', () => {
    const e = new AuctionEngine(rules(), 0);
    expect(run(e, max('a', '30'))).toEqual([['bid', '10', undefined]]);
    expect(run(e, bid('b', '15'))).toEqual([
      ['bid', '15', undefined],
      ['bid', '16', 'a'],
    ]);
    expect(run(e, bid('b', '29.50'))).toEqual([
      ['bid', '29.50', undefined],
      ['bid', '30', 'a'],
    ]);
    // A bid equal to the maximum: the earlier one wins, at that maximum.
    expect(e.standing().nextBid).toBe('31');
    expect(run(e, bid('b', '35'))).toEqual([['bid', '35', undefined]]);
    expect(e.standing()).toMatchObject({ leader: { viewer: 'b', price: '35' }, bids: 6, bidders: 2 });
    expect(e.maxOf('a')).toBe('30');
    expect(e.maxOf('b')).toBeNull();
  });

  it('gives a tie between a maximum and a bid to the earlier maximum', () => {
    const e = new AuctionEngine(rules(), 0);
    run(e, max('a', '30'));
    expect(run(e, bid('b', '30'))).toEqual([
      ['bid', '30', undefined],
      ['bid', '30', 'a'],
    ]);
    expect(e.result()).toMatchObject({ result: 'sold', winner: 'a', price: '30' });
  });

  it('two maximums: the higher wins at the lower one plus one increment', () => {
    const e = new AuctionEngine(rules(), 0);
    run(e, max('a', '30'));
    expect(run(e, max('b', '50'))).toEqual([['bid', '31', undefined]]);
    expect(e.standing().leader).toEqual({ viewer: 'b', price: '31' });
    // A lower maximum is spent at once: it bids its all, the leader answers.
    expect(run(e, max('c', '40'))).toEqual([
      ['bid', '40', undefined],
      ['bid', '41', 'b'],
    ]);
    expect(run(e, max('a', '100'))).toEqual([['bid', '55', undefined]]);
  });

  it('two maximums: the higher one is capped at its own maximum', () => {
    const e = new AuctionEngine(rules(), 0);
    run(e, max('a', '30'));
    expect(run(e, max('b', '30.50'))).toEqual([['bid', '30.50', undefined]]);
    // Across the table boundary: 49 + 1 = 50, not 49 + 5.
    const f = new AuctionEngine(rules(), 0);
    run(f, max('a', '49'));
    expect(run(f, max('b', '80'))).toEqual([['bid', '50', undefined]]);
    expect(run(f, bid('a', '55'))).toEqual([
      ['bid', '55', undefined],
      ['bid', '60', 'b'],
    ]);
  });

  it('equal maximums: the earlier one wins, at that maximum', () => {
    const e = new AuctionEngine(rules(), 0);
    run(e, max('a', '30'));
    expect(run(e, max('b', '30.00'))).toEqual([
      ['bid', '30.00', undefined],
      ['bid', '30', 'a'],
    ]);
    expect(e.result()).toMatchObject({ result: 'sold', winner: 'a', price: '30' });
  });

  it('a first maximum leads at the start price', () => {
    const e = new AuctionEngine(rules({ startPrice: '5.00' }), 0);
    expect(run(e, max('a', '4'))).toEqual([['refused', '5.00', 'too_low']]);
    expect(run(e, max('a', '100'))).toEqual([['bid', '5.00', undefined]]);
  });
});

describe('reserve', () => {
  it('is met by a direct bid at the reserve', () => {
    const e = new AuctionEngine(rules({ reserve: '40' }), 0);
    run(e, bid('a', '39'));
    expect(e.standing().reserveMet).toBe(false);
    run(e, bid('b', '40'));
    expect(e.standing().reserveMet).toBe(true);
    expect(e.result()).toMatchObject({ result: 'sold', winner: 'b', price: '40' });
  });

  it('lifts the price to the reserve when the leader’s maximum reaches it (eBay)', () => {
    const e = new AuctionEngine(rules({ reserve: '40' }), 0);
    expect(run(e, max('a', '50'))).toEqual([['bid', '40', undefined]]);
    expect(e.result()).toMatchObject({ result: 'sold', winner: 'a', price: '40' });

    const f = new AuctionEngine(rules({ reserve: '40' }), 0);
    run(f, max('a', '30'));
    expect(run(f, max('b', '45'))).toEqual([['bid', '40', undefined]]);

    const g = new AuctionEngine(rules({ reserve: '40' }), 0);
    run(g, bid('a', '10', 1000));
    expect(run(g, max('a', '40', 2000))).toEqual([['bid', '40', undefined]]);
    expect(g.standing()).toMatchObject({ bids: 2, reserveMet: true });
  });

  it('is not met when the best maximum stays under it: not sold', () => {
    const e = new AuctionEngine(rules({ reserve: '40' }), 0);
    run(e, max('a', '39.99'));
    run(e, bid('b', '20'));
    expect(e.standing()).toMatchObject({ leader: { viewer: 'a', price: '21' }, reserveMet: false });
    expect(e.result()).toEqual({ result: 'unsold', endedAt: 20_000 });
  });

  it('is null when there is none, and an auction with no bid is not sold', () => {
    const e = new AuctionEngine(rules(), 0);
    expect(e.standing()).toEqual({ leader: null, nextBid: '10', endsAt: 20_000, bids: 0, bidders: 0, reserveMet: null });
    expect(e.result()).toEqual({ result: 'unsold', endedAt: 20_000 });
  });
});

describe('chat bids', () => {
  it('bids with a number alone and ignores other chat', () => {
    const e = new AuctionEngine(rules(), 0);
    expect(run(e, chat('a', 'is 25 ok?'))).toEqual([['ignored', undefined, 'not_a_bid']]);
    expect(run(e, chat('a', 'bid $12'))).toEqual([['bid', '12', undefined]]);
    expect(run(e, chat('b', '2'))).toEqual([['refused', '13', 'too_low']]);
  });

  it.each([
    ['25', '25'],
    ['$25', '25'],
    ['25.50', '25.50'],
    ['bid 30', '30'],
    ['BID 30', '30'],
    ['Bid: 30', '30'],
    ['30!', '30'],
    ['30!!!', '30'],
    ['$ 40', '40'],
    ['bid $45', '45'],
    ['  25  ', '25'],
    ['025', '25'],
    ['1,200', '1200'],
    ['2', '2'],
    ['0', '0'],
    ['25.5', '25.5'],
  ])('reads %j as a bid of %j', (text, amount) => {
    expect(parseBidText(text)).toBe(amount);
  });

  it.each([
    'is 25 ok?',
    '25?',
    'I paid 25 last time',
    '2 please',
    'bid',
    '',
    '€25',
    '25 EUR',
    '£30',
    '-5',
    '25.505',
    '1,20',
    'twenty',
    '25 30',
    '1e3',
    '1234567890123',
    '٢٥',
  ])('does not read %j as a bid', (text) => {
    expect(parseBidText(text)).toBeNull();
  });
});

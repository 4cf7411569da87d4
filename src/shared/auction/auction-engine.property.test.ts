/**
 * Whatever viewers send, in whatever order: the auction's price only goes
 * up, never past what the winner offered, never under the reserve when sold,
 * and it ends with one winner or none; every price and next bid fits the
 * protocol's money schema, and the next bid is never itself too high.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareMoney, maxMoney } from '../domain/money.js';
import { AuctionEngine, MAX_BID } from './auction-engine.js';
import { auctionRulesSchema, type AuctionRules } from './auction-rules.js';
import type { AuctionInput } from './auction-types.js';

const anyAmount = fc.oneof(
  fc.integer({ min: 0, max: 700 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 0, max: 99 })).map(([i, c]) => `${i}.${String(c).padStart(2, '0')}`),
  fc.constantFrom('49', '50', '50.00', '55', '499.99', '500', 'abc', '-1'),
  fc.constantFrom('999999999999', '99999999999', '100000', '1000.01', '5000', '0.01'),
);

/** The protocol's money (src/shared/sfu/protocol-selling.ts): what the SFU accepts in a sellState. */
const PROTOCOL_MONEY = /^(0|[1-9]\d{0,11})(\.\d{1,4})?$/;

const anyRules: fc.Arbitrary<AuctionRules> = fc
  .record({
    startPrice: fc.constantFrom('0', '0.01', '1', '10', '10.00', '49.50', '100', '2000000000'),
    durationSeconds: fc.integer({ min: 5, max: 60 }),
    mode: fc.constantFrom('soft', 'sudden-death'),
    extendSeconds: fc.integer({ min: 1, max: 60 }),
    reserve: fc.option(fc.constantFrom('5', '40', '50', '99.99', '300'), { nil: null }),
    increments: fc.option(
      fc.constantFrom(
        [{ from: '0', step: '0.25' }],
        [{ from: '0', step: '1' }, { from: '50', step: '5' }],
        // Steps that shrink higher up: allowed by the schema, so the engine must cope.
        [{ from: '0', step: '10' }, { from: '50', step: '1' }, { from: '60', step: '0.5' }],
        // A step near the schema's ceiling: the next bid must still fit 12 digits.
        [{ from: '0', step: '1' }, { from: '1000', step: '900000000000' }],
      ),
      { nil: undefined },
    ),
  })
  .map((raw) => auctionRulesSchema.parse(raw.increments === undefined ? { ...raw, increments: undefined } : raw));

const anyInput = fc.record({
  viewer: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
  gap: fc.integer({ min: 0, max: 4000 }),
  kind: fc.constantFrom('bid', 'maxBid', 'text'),
  amount: anyAmount,
});

interface Offer {
  /** The highest direct bid the viewer got accepted. */
  bid: string | null;
}

describe('auction engine invariants', () => {
  it('prices never go down, the winner never pays more than offered, a sale meets the reserve, one winner or none', () => {
    fc.assert(
      fc.property(anyRules, fc.array(anyInput, { maxLength: 60 }), (rules, steps) => {
        const engine = new AuctionEngine(rules, 0);
        const offers = new Map<string, Offer>();
        let last: string | null = null;
        let ts = 0;
        steps.forEach((step, n) => {
          ts += step.gap;
          const id = `m${n}`;
          const input: AuctionInput =
            step.kind === 'bid'
              ? { id, viewer: step.viewer, ts, bid: step.amount }
              : step.kind === 'maxBid'
                ? { id, viewer: step.viewer, ts, maxBid: step.amount }
                : { id, viewer: step.viewer, ts, text: `bid $${step.amount}` };
          const lines = engine.submit(input);
          expect(lines.length).toBeGreaterThanOrEqual(1);
          expect(lines.every((l) => l.id === id)).toBe(true);
          expect(lines[0]!.proxyFor).toBeUndefined();
          expect(lines.slice(1).every((l) => l.action === 'bid' && l.proxyFor !== undefined)).toBe(true);
          for (const line of lines) {
            if (line.price !== undefined) expect(line.price).toMatch(PROTOCOL_MONEY);
            // The guard never leaves no amount between too low and too high, short of the absolute ceiling.
            if (line.reason === 'too_high' && compareMoney(engine.standing().nextBid, MAX_BID) <= 0) {
              expect(compareMoney(line.price!, engine.standing().nextBid)).toBeGreaterThanOrEqual(0);
            }
            if (line.action !== 'bid') continue;
            if (last !== null) expect(compareMoney(line.price!, last)).toBeGreaterThanOrEqual(0);
            last = line.price!;
          }
          if (lines[0]!.action === 'bid' && step.kind !== 'maxBid') {
            const offer = offers.get(step.viewer) ?? { bid: null };
            offer.bid = offer.bid === null ? lines[0]!.price! : maxMoney(offer.bid, lines[0]!.price!);
            offers.set(step.viewer, offer);
          }
          expect(engine.standing().nextBid).toMatch(PROTOCOL_MONEY);
          // At every step the leader's price is within what they offered.
          const leader = engine.standing().leader;
          if (leader) {
            const offered = [engine.maxOf(leader.viewer), offers.get(leader.viewer)?.bid ?? null].filter((m) => m !== null);
            expect(offered.length).toBeGreaterThan(0);
            expect(compareMoney(leader.price, offered.reduce((x, y) => maxMoney(x, y)))).toBeLessThanOrEqual(0);
            expect(compareMoney(leader.price, rules.startPrice)).toBeGreaterThanOrEqual(0);
          }
        });
        const result = engine.result();
        const standing = engine.standing();
        expect(result.endedAt).toBe(standing.endsAt);
        if (result.result === 'sold') {
          expect(result.winner).toBe(standing.leader?.viewer);
          expect(result.price).toBe(standing.leader?.price);
          expect(result.price).toBe(last);
          if (rules.reserve !== null) expect(compareMoney(result.price!, rules.reserve)).toBeGreaterThanOrEqual(0);
        } else {
          expect(result.winner).toBeUndefined();
          expect(result.price).toBeUndefined();
          expect(standing.leader === null || standing.reserveMet === false).toBe(true);
        }
        expect(standing.bidders).toBeLessThanOrEqual(5);
      }),
      { numRuns: 500 },
    );
  });

  it('with maximums only, the highest accepted maximum wins, the earliest of equal ones, at no less than the runner-up', () => {
    // A few common amounts, so equal maximums (also written differently: "20" and "20.00") happen often.
    const anyMax = fc.oneof(
      fc.integer({ min: 0, max: 12_000 }).map((cents) => (cents / 100).toFixed(2)),
      fc.constantFrom('20', '20.00', '35.50', '60', '99.99'),
    );
    fc.assert(
      fc.property(anyRules, fc.array(anyMax, { maxLength: 30 }), (rules, maximums) => {
        const engine = new AuctionEngine({ ...rules, reserve: null }, 0);
        const offered: { amount: string; n: number }[] = [];
        maximums.forEach((amount, n) => {
          const [line] = engine.submit({ id: `m${n}`, viewer: `v${n}`, ts: n, maxBid: amount });
          if (line!.action === 'bid') offered.push({ amount, n });
          else {
            // Refused only when under the next allowed amount then, or above the most allowed (too high).
            expect(line!.action).toBe('refused');
            if (line!.reason === 'too_high') expect(compareMoney(amount, line!.price!)).toBeGreaterThan(0);
            else {
              expect(line!.reason).toBe('too_low');
              expect(compareMoney(amount, line!.price!)).toBeLessThan(0);
            }
          }
        });
        const result = engine.result();
        if (offered.length === 0) {
          expect(result.result).toBe('unsold');
          return;
        }
        const best = offered.reduce((a, b) => (compareMoney(b.amount, a.amount) > 0 ? b : a));
        expect(result).toMatchObject({ result: 'sold', winner: `v${best.n}` });
        expect(compareMoney(result.price!, best.amount)).toBeLessThanOrEqual(0);
        const others = offered.filter((o) => o !== best);
        if (others.length > 0) {
          // At least the runner-up's maximum (a tie: exactly it).
          const second = others.reduce((a, b) => (compareMoney(b.amount, a.amount) > 0 ? b : a));
          expect(compareMoney(result.price!, second.amount)).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a restart (a fresh engine fed the same inputs) decides exactly the same', () => {
    fc.assert(
      fc.property(anyRules, fc.array(anyInput, { maxLength: 40 }), (rules, steps) => {
        let ts = 0;
        const inputs: AuctionInput[] = steps.map((s, n) => {
          ts += s.gap;
          return s.kind === 'maxBid' ? { id: `m${n}`, viewer: s.viewer, ts, maxBid: s.amount } : { id: `m${n}`, viewer: s.viewer, ts, bid: s.amount };
        });
        const first = new AuctionEngine(rules, 5000);
        const second = new AuctionEngine(rules, 5000);
        const a = inputs.map((i) => first.submit({ ...i, ts: i.ts + 5000 }));
        const b = inputs.map((i) => second.submit({ ...i, ts: i.ts + 5000 }));
        expect(b).toEqual(a);
        expect(second.result()).toEqual(first.result());
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.js';

const delays = (backoff: Backoff, n: number) => Array.from({ length: n }, () => backoff.next());

describe('Backoff', () => {
  it('doubles from the first delay up to the cap; reset starts over; exhaust jumps to the cap', () => {
    const backoff = new Backoff({ firstMs: 250, maxMs: 2000 });
    expect(delays(backoff, 6)).toEqual([250, 500, 1000, 2000, 2000, 2000]);
    backoff.reset();
    expect(backoff.next()).toBe(250);
    backoff.exhaust();
    expect(backoff.next()).toBe(2000);
  });

  it('the first retry at once when asked, then the same doubling', () => {
    const backoff = new Backoff({ firstMs: 1000, maxMs: 30_000, immediateFirst: true });
    expect(delays(backoff, 5)).toEqual([0, 1000, 2000, 4000, 8000]);
    expect(backoff.attempts).toBe(5);
  });

  it('jitter only shortens a delay, by at most its fraction, and never passes the cap', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.integer({ min: 1, max: 40 }), (r, n) => {
        const plain = delays(new Backoff({ firstMs: 500, maxMs: 10_000 }), n);
        const jittered = delays(new Backoff({ firstMs: 500, maxMs: 10_000, jitter: 0.2 }, () => r), n);
        jittered.forEach((d, i) => {
          expect(d).toBeLessThanOrEqual(plain[i]!);
          expect(d).toBeGreaterThanOrEqual(Math.floor(plain[i]! * 0.8));
        });
      }),
    );
  });

  it('a long outage never overflows: the delay stays at the cap', () => {
    const backoff = new Backoff({ firstMs: 1, maxMs: 60_000 });
    expect(delays(backoff, 200).at(-1)).toBe(60_000);
  });
});

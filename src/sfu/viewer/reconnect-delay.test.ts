import { describe, expect, it } from 'vitest';
import { Backoff } from '../../shared/time/backoff.js';
import { AFTER_SHOW_ENDED, RECONNECT } from './reconnect-delay.js';

const schedule = (random: () => number, n = 8) => {
  const backoff = new Backoff(RECONNECT, random);
  return Array.from({ length: n }, () => backoff.next());
};

describe('the watch page reconnect schedule', () => {
  it('starts quickly and grows to a cap of a few seconds', () => {
    const longest = schedule(() => 0);
    expect(longest).toEqual([250, 500, 1000, 2000, 3000, 3000, 3000, 3000]);
    // Back within a second of the server returning, for the first three tries together.
    expect(longest.slice(0, 3).reduce((a, b) => a + b)).toBeLessThan(2000);
  });

  it('spreads each delay (up to half shorter) so a crowd cut off together does not come back together', () => {
    const longest = schedule(() => 0);
    schedule(() => 0.999_999).forEach((d, i) => {
      expect(d).toBeGreaterThanOrEqual(Math.floor(longest[i]! / 2));
      expect(d).toBeLessThan(longest[i]! * 0.51);
    });
    const crowd = new Set(Array.from({ length: 200 }, () => schedule(Math.random, 5).at(-1)!));
    expect(crowd.size).toBeGreaterThan(100);
    for (const delay of crowd) expect(delay).toBeGreaterThanOrEqual(1500);
  });

  it('stays at the cap however many tries have failed; after a show ended, about 30 s', () => {
    expect(schedule(() => 0.5, 1000).at(-1)).toBe(2250);
    const afterEnd = new Backoff(AFTER_SHOW_ENDED).next();
    expect(afterEnd).toBeGreaterThanOrEqual(21_000);
    expect(afterEnd).toBeLessThanOrEqual(30_000);
  });
});

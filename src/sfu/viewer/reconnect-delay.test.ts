import { describe, expect, it } from 'vitest';
import { RECONNECT_STEPS_MS, reconnectDelayMs } from './reconnect-delay.js';

const middle = () => 0.5;

describe('the watch page reconnect schedule', () => {
  it('starts quickly and grows to a cap of a few seconds', () => {
    const schedule = Array.from({ length: 8 }, (_, attempt) => reconnectDelayMs(attempt, middle));
    expect(schedule).toEqual([250, 500, 1000, 2000, 3000, 3000, 3000, 3000]);
    // Back within a second of the server returning, for the first three tries together.
    expect(schedule.slice(0, 3).reduce((a, b) => a + b)).toBeLessThan(2000);
  });

  it('spreads each delay ±25% so a crowd cut off together does not come back together', () => {
    for (let attempt = 0; attempt < RECONNECT_STEPS_MS.length + 2; attempt++) {
      const step = RECONNECT_STEPS_MS[Math.min(attempt, RECONNECT_STEPS_MS.length - 1)]!;
      expect(reconnectDelayMs(attempt, () => 0)).toBe(Math.round(step * 0.75));
      const latest = reconnectDelayMs(attempt, () => 0.999_999);
      expect(latest).toBeLessThanOrEqual(step * 1.25);
      expect(latest).toBeGreaterThan(step * 1.24);
    }
    const crowd = new Set(Array.from({ length: 200 }, () => reconnectDelayMs(4)));
    expect(crowd.size).toBeGreaterThan(100);
    for (const delay of crowd) expect(delay).toBeGreaterThanOrEqual(2250);
  });

  it('stays at the cap however many tries have failed', () => {
    expect(reconnectDelayMs(1e6, middle)).toBe(3000);
    expect(reconnectDelayMs(Number.POSITIVE_INFINITY, middle)).toBe(3000);
    expect(reconnectDelayMs(-1, middle)).toBe(250);
  });
});

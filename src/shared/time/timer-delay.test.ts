import { describe, expect, it } from 'vitest';
import { MAX_TIMER_MS, timerDelay } from './timer-delay.js';

describe('timerDelay', () => {
  it('is the time left, never negative and never past setTimeout’s limit', () => {
    expect(timerDelay(1_500, 1_000)).toBe(500);
    expect(timerDelay(1_000, 1_500)).toBe(0);
    expect(timerDelay(Date.UTC(2030, 0, 1), Date.UTC(2026, 0, 1))).toBe(MAX_TIMER_MS);
  });
});

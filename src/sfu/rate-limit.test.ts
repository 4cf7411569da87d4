import { describe, expect, it } from 'vitest';
import { KeyedRateLimiter, TokenBucket } from './rate-limit.js';

describe('TokenBucket', () => {
  it('allows a burst, then the refill rate', () => {
    let now = 0;
    const bucket = new TokenBucket({ burst: 3, perSecond: 2 }, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    now = 499;
    expect(bucket.take()).toBe(false);
    now = 500;
    expect(bucket.take()).toBe(true);
    now = 10_000;
    expect(bucket.isFull()).toBe(true);
  });
});

describe('KeyedRateLimiter', () => {
  it('limits each address on its own and forgets quiet ones', () => {
    let now = 0;
    const limiter = new KeyedRateLimiter({ burst: 2, perSecond: 1 }, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([true, true, false]);
    expect(limiter.take('b')).toBe(true);
    now = 5_000;
    limiter.sweep();
    expect(limiter.trackedKeys).toBe(0);
    limiter.close();
  });
});

import type { RateLimit } from './sfu-options.js';

/**
 * A token bucket: `burst` requests at once, then `perSecond` on average.
 * Time comes from a function so tests need no real waiting.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = limit.burst;
    this.updatedAt = now();
  }

  /** Takes one token; false when the bucket is empty (the request must be refused). */
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** True when the bucket is full again, i.e. the client has been quiet long enough to forget. */
  isFull(): boolean {
    this.refill();
    return this.tokens >= this.limit.burst;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.limit.perSecond);
    this.updatedAt = now;
  }
}

/**
 * One bucket per key (client IP). Full buckets are dropped on a sweep so a
 * flood of distinct addresses cannot grow memory without bound for long.
 */
export class KeyedRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly sweepTimer: ReturnType<typeof setInterval>;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.sweepTimer = setInterval(() => this.sweep(), 60_000);
    this.sweepTimer.unref();
  }

  take(key: string): boolean {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.limit, this.now);
      this.buckets.set(key, bucket);
    }
    return bucket.take();
  }

  sweep(): void {
    for (const [key, bucket] of this.buckets) if (bucket.isFull()) this.buckets.delete(key);
  }

  get trackedKeys(): number {
    return this.buckets.size;
  }

  close(): void {
    clearInterval(this.sweepTimer);
  }
}

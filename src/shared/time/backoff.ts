/**
 * How long to wait before trying again: `firstMs` doubling up to `maxMs`.
 * With `jitter`, each delay is shortened by a random part of itself (up to
 * that fraction), so that many clients cut off by the same outage (studios,
 * viewers, producer consoles) do not all come back at the same instant; a
 * delay is never longer than the cap. With `immediateFirst` the first
 * retry is at once (a blip is usually over by then).
 *
 * One policy for every reconnect in the studio: main's SFU link, OBS, the
 * studio page's link to main, the publisher, the watch page and the SFU's
 * media workers.
 */
export interface BackoffPolicy {
  readonly firstMs: number;
  readonly maxMs: number;
  /** 0 (none) to 1: the most a delay is shortened at random. */
  readonly jitter?: number;
  /** The first delay is 0. */
  readonly immediateFirst?: boolean;
}

/** Doubling stops here: 2 ** 30 times any first delay is past every cap. */
const MOST_DOUBLINGS = 30;

export class Backoff {
  private attempt = 0;

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly random: () => number = Math.random,
  ) {}

  /** Retries since the last success. */
  get attempts(): number {
    return this.attempt;
  }

  /** The next delay in ms; each call counts one retry. */
  next(): number {
    const { firstMs, maxMs, jitter = 0, immediateFirst = false } = this.policy;
    const attempt = this.attempt;
    this.attempt = Math.min(attempt + 1, MOST_DOUBLINGS + 1);
    if (immediateFirst && attempt === 0) return 0;
    const doublings = Math.min(immediateFirst ? attempt - 1 : attempt, MOST_DOUBLINGS);
    const base = Math.min(maxMs, firstMs * 2 ** doublings);
    return Math.round(base * (1 - jitter * this.random()));
  }

  /** It worked: the next failure starts from the first delay again. */
  reset(): void {
    this.attempt = 0;
  }

  /** Jump to the longest delay (a failure that retrying soon will not fix). */
  exhaust(): void {
    this.attempt = MOST_DOUBLINGS + 1;
  }
}

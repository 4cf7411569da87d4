/**
 * Reconnect delays: `initialMs` doubling up to `maxMs`, each with up to 20%
 * random jitter so that many studios (or viewers) cut off by the same outage
 * do not all knock at the same instant when it ends.
 */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
    private readonly random: () => number = Math.random,
  ) {}

  next(): number {
    const base = Math.min(this.maxMs, this.initialMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    return Math.round(base * (0.8 + 0.2 * this.random()));
  }

  reset(): void {
    this.attempt = 0;
  }

  /** Jump to the longest delay (a failure that retrying soon will not fix). */
  exhaust(): void {
    this.attempt = 30;
  }
}

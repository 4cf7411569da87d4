/**
 * The studio's private lines to viewers (bidders' notices, giveaway
 * entries) share the SFU's budget for the
 * studio link's chat and selling messages (hostChatRateLimit: 2,000 at
 * once, 1,000 a second, with every approved chat message); a link over it
 * is dropped. So bidders' notices are kept within their own share, well
 * under it: at most `burst` at once and `perSecond` after that.
 *
 * A bidding war of people stays far below it. Beyond it (thousands of bids
 * a second) a notice is skipped (counted, logged), never queued behind
 * newer ones: "You're winning" and "Outbid" are also on every page (the
 * price and the leader). "You won!" is never skipped.
 */
export class NoticeBudget {
  private tokens: number;
  private last: number;
  /** Notices over the budget since the last report. */
  private skipped = 0;
  private reportedAt = -Infinity;

  constructor(
    private readonly limit: { readonly burst: number; readonly perSecond: number },
    private readonly now: () => number,
  ) {
    this.tokens = limit.burst;
    this.last = now();
  }

  /** The notices of one tick to send now, in order, within the budget. */
  admit<T>(notices: readonly T[]): T[] {
    const admitted: T[] = [];
    for (const notice of notices) {
      if (this.take()) admitted.push(notice);
      else this.skipped += 1;
    }
    return admitted;
  }

  /** One notice outside the budget's limit (a winner's): it still counts against it. */
  force(): void {
    this.refill();
    this.tokens -= 1;
  }

  /** How many were skipped since the last report, at most every 5 s (null: nothing to say yet). */
  report(): number | null {
    if (this.skipped === 0 || this.now() - this.reportedAt < 5000) return null;
    const n = this.skipped;
    this.skipped = 0;
    this.reportedAt = this.now();
    return n;
  }

  /** Whether one notice may go now (false: skipped, counted for `report`). */
  admitOne(): boolean {
    if (this.take()) return true;
    this.skipped += 1;
    return false;
  }

  private take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.last) / 1000) * this.limit.perSecond);
    this.last = now;
  }
}

/** Half the SFU's budget for the studio link's chat and selling messages: chat keeps the other half. */
export const NOTICE_BUDGET = { burst: 1000, perSecond: 500 } as const;

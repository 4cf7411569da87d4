/**
 * What the engine remembers about each viewer to judge pacing: recent
 * message times, recent texts, when a message last got through, whether the
 * viewer has been seen. Memory is bounded: old entries are dropped as time
 * (message `ts`) moves on, and idle viewers are forgotten.
 */

export interface ViewerHistory {
  /** `ts` of the viewer's latest message. */
  lastSeenAt: number;
  /** `ts` of every message received in the last 10 s (rate limit), oldest first. */
  readonly recentTimes: number[];
  /** Duplicate keys of messages received within the duplicate window, oldest first. */
  readonly recentTexts: { key: string; ts: number }[];
  /** `ts` of the latest message that was not blocked (slow mode), or null. */
  lastPassedAt: number | null;
  /** A message of theirs was approved or held before (holdFirstMessage). */
  known: boolean;
}

/**
 * Texts remembered per viewer for duplicate detection. A viewer cycling
 * through more distinct texts than this inside the window escapes the
 * duplicate rule, but not the rate limit.
 */
export const REMEMBERED_TEXTS = 20;
/** A viewer idle this long is forgotten (and counts as new for holdFirstMessage). */
export const FORGET_IDLE_VIEWERS_MS = 60 * 60 * 1000;
/** Hard cap: beyond it, the least recently active viewers are forgotten first. */
export const MAX_REMEMBERED_VIEWERS = 100_000;
/** How many decisions between sweeps for idle viewers (amortizes the scan). */
const SWEEP_EVERY = 1024;

export class ViewerHistories {
  /** Map order is least recently active first: each message moves its viewer to the end. */
  private readonly viewers = new Map<string, ViewerHistory>();
  private untilSweep = SWEEP_EVERY;

  constructor(private readonly maxViewers = MAX_REMEMBERED_VIEWERS) {}

  get size(): number {
    return this.viewers.size;
  }

  /** The viewer's history, created on first sight and marked most recently active. */
  touch(userId: string, now: number, keepMs: number): ViewerHistory {
    if (--this.untilSweep <= 0) this.sweep(now, keepMs);
    let history = this.viewers.get(userId);
    if (history) this.viewers.delete(userId);
    else history = { lastSeenAt: now, recentTimes: [], recentTexts: [], lastPassedAt: null, known: false };
    this.viewers.set(userId, history);
    if (this.viewers.size > this.maxViewers) {
      const oldest = this.viewers.keys().next();
      if (!oldest.done) this.viewers.delete(oldest.value);
    }
    return history;
  }

  clear(): void {
    this.viewers.clear();
  }

  /** Forgets viewers idle longer than `keepMs`; they sit at the front of the map. */
  private sweep(now: number, keepMs: number): void {
    this.untilSweep = SWEEP_EVERY;
    for (const [userId, history] of this.viewers) {
      if (now - history.lastSeenAt <= keepMs) break;
      this.viewers.delete(userId);
    }
  }
}

/** Drops entries at or before `cutoff` from the front of a time-ordered list. */
export function dropOlderThan<T>(list: T[], cutoff: number, tsOf: (item: T) => number): void {
  let n = 0;
  while (n < list.length && tsOf(list[n]!) <= cutoff) n++;
  if (n > 0) list.splice(0, n);
}

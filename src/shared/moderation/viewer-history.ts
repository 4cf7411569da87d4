/**
 * What the engine remembers about each viewer to judge pacing: recent
 * message times, recent texts, when a message last got through, whether the
 * viewer has been seen. Memory is bounded: old entries are dropped as time
 * (message `ts`) moves on, and idle viewers are forgotten.
 *
 * Every message touches its viewer, so touching costs one map lookup and a
 * few pointer moves: the viewers are kept in a linked list, least recently
 * active first, beside the map (no delete and re-insert per message).
 */

export interface ViewerHistory {
  readonly userId: string;
  /** `ts` of the viewer's latest message. */
  lastSeenAt: number;
  /** `ts` of every message received in the last 10 s (rate limit), oldest first. */
  readonly recentTimes: number[];
  /** Duplicate keys of messages received within the duplicate window, oldest first (`recentTextTimes` beside them). */
  readonly recentTexts: string[];
  /** When each of `recentTexts` was received. */
  readonly recentTextTimes: number[];
  /** `keyHash` of each of `recentTexts`. */
  readonly recentTextHashes: number[];
  /** `ts` of the latest message that was not blocked (slow mode), or null. */
  lastPassedAt: number | null;
  /** A message of theirs was approved or held before (holdFirstMessage). */
  known: boolean;
  /** Neighbours in the list of viewers, least recently active first. */
  older: ViewerHistory | null;
  newer: ViewerHistory | null;
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
  private readonly viewers = new Map<string, ViewerHistory>();
  /** Least recently active. */
  private oldest: ViewerHistory | null = null;
  /** Most recently active. */
  private newest: ViewerHistory | null = null;
  private untilSweep = SWEEP_EVERY;

  constructor(private readonly maxViewers = MAX_REMEMBERED_VIEWERS) {}

  get size(): number {
    return this.viewers.size;
  }

  /** The viewer's history, created on first sight and marked most recently active. */
  touch(userId: string, now: number, keepMs: number): ViewerHistory {
    if (--this.untilSweep <= 0) this.sweep(now, keepMs);
    let history = this.viewers.get(userId);
    if (history) {
      if (history === this.newest) return history;
      this.unlink(history);
    } else {
      history = { userId, lastSeenAt: now, recentTimes: [], recentTexts: [], recentTextTimes: [], recentTextHashes: [], lastPassedAt: null, known: false, older: null, newer: null };
      this.viewers.set(userId, history);
    }
    history.older = this.newest;
    if (this.newest) this.newest.newer = history;
    else this.oldest = history;
    this.newest = history;
    if (this.viewers.size > this.maxViewers && this.oldest) this.forget(this.oldest);
    return history;
  }

  clear(): void {
    this.viewers.clear();
    this.oldest = null;
    this.newest = null;
  }

  /** Forgets viewers idle longer than `keepMs`; they sit at the front of the list. */
  private sweep(now: number, keepMs: number): void {
    this.untilSweep = SWEEP_EVERY;
    while (this.oldest && now - this.oldest.lastSeenAt > keepMs) this.forget(this.oldest);
  }

  private forget(history: ViewerHistory): void {
    this.viewers.delete(history.userId);
    this.unlink(history);
  }

  private unlink(history: ViewerHistory): void {
    const { older, newer } = history;
    if (older) older.newer = newer;
    else this.oldest = newer;
    if (newer) newer.older = older;
    else this.newest = older;
    history.older = null;
    history.newer = null;
  }
}

/** How many entries at the front of a time-ordered list are at or before `cutoff`. */
export function countOlderThan(times: readonly number[], cutoff: number): number {
  let n = 0;
  while (n < times.length && times[n]! <= cutoff) n++;
  return n;
}

/** Removes the first `n` entries in place (no new array, unlike `splice`). */
export function dropFront<T>(list: T[], n: number): void {
  if (n <= 0) return;
  const keep = list.length - n;
  for (let i = 0; i < keep; i++) list[i] = list[i + n]!;
  list.length = Math.max(0, keep);
}

/** FNV-1a of a duplicate key, as a small integer: equal keys have equal hashes. */
export function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h & 0x3fffffff;
}

/**
 * Keeps a flood of log lines from filling the disk. A server under a stream
 * of bad requests logs the same complaint for each one; past `maxRepeats`
 * lines of one kind within a window, the rest are counted instead of
 * written, and one line says how many there were:
 *   `… "[control] producer connection # closed: #" repeated 500 times in the last minute (not written)`.
 * Lines of one kind are lines equal once their numbers and ids are blanked
 * (a connection number, an address, a UUID), so "peer 12 failed" and "peer
 * 13 failed" count together. Past `maxLines` lines of any kind within a
 * window the rest are counted the same way, so ever-changing text cannot
 * get around the limit.
 *
 * Pure: the clock is passed in and nothing runs by itself; whoever writes
 * the log calls `flush()` now and then (Node: an unref'd interval) so the
 * summary appears even when the flood has stopped.
 */
export interface RepeatedLinesOptions {
  /** Lines of one kind written per window before the rest are only counted. */
  readonly maxRepeats?: number;
  /** Lines of all kinds written per window. */
  readonly maxLines?: number;
  readonly windowMs?: number;
  readonly now?: () => number;
}

export const DEFAULT_MAX_REPEATS = 20;
export const DEFAULT_MAX_LINES = 600;
export const DEFAULT_WINDOW_MS = 60_000;
/** Kinds remembered at once; more (all different text) are only held by the total limit. */
const MAX_KINDS = 1_000;

interface Kind {
  readonly sample: string;
  written: number;
  suppressed: number;
}

/** Numbers, hex ids and UUIDs become "#": what is left says what kind of line this is. */
export function lineKind(line: string): string {
  return line.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b[0-9a-f]*\d[0-9a-f]*\b|\d+/gi, '#').slice(0, 300);
}

export class RepeatedLineLimiter {
  private readonly maxRepeats: number;
  private readonly maxLines: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private windowStart: number;
  private kinds = new Map<string, Kind>();
  private written = 0;
  /** Lines dropped by the total limit that no kind counted. */
  private otherSuppressed = 0;

  /** `write` receives each line to write, summaries included. */
  constructor(
    private readonly write: (line: string) => void,
    options: RepeatedLinesOptions = {},
  ) {
    this.maxRepeats = options.maxRepeats ?? DEFAULT_MAX_REPEATS;
    this.maxLines = options.maxLines ?? DEFAULT_MAX_LINES;
    this.windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
    this.now = options.now ?? Date.now;
    this.windowStart = this.now();
  }

  /**
   * Writes `line` unless its kind, or the log as a whole, is over the limit:
   * through `writeLine` when given (console.warn vs console.error), else
   * through the constructor's `write` (which also gets the summaries).
   */
  line(line: string, writeLine: (line: string) => void = this.write): void {
    this.flush();
    const key = lineKind(line);
    let kind = this.kinds.get(key);
    if (kind === undefined && this.kinds.size < MAX_KINDS) {
      kind = { sample: key, written: 0, suppressed: 0 };
      this.kinds.set(key, kind);
    }
    const overKind = kind !== undefined && kind.written >= this.maxRepeats;
    if (overKind || this.written >= this.maxLines) {
      if (kind) kind.suppressed++;
      else this.otherSuppressed++;
      return;
    }
    if (kind) kind.written++;
    this.written++;
    writeLine(line);
  }

  /** At the end of a window: the summaries of what was held back, and a fresh window. */
  flush(): void {
    if (this.now() - this.windowStart < this.windowMs) return;
    const span = describeWindow(this.windowMs);
    for (const kind of this.kinds.values()) {
      if (kind.suppressed > 0) this.write(`… "${kind.sample}" repeated ${kind.suppressed} more times in the last ${span} (not written)`);
    }
    if (this.otherSuppressed > 0) this.write(`… ${this.otherSuppressed} more log lines in the last ${span} (not written)`);
    this.kinds = new Map();
    this.written = 0;
    this.otherSuppressed = 0;
    this.windowStart = this.now();
  }
}

const describeWindow = (ms: number): string => (ms === 60_000 ? 'minute' : `${Math.round(ms / 1000)} s`);

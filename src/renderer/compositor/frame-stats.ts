import { percentile } from './layout.js';

/**
 * The compositor's own frame timings over its last FRAME_HISTORY ticks (pure:
 * tested in Node). The compositor records each tick here; the benchmark's
 * bare floor page (bench/floor-page.ts) records its ticks with the same code,
 * so the two pages' figures are measured alike.
 */

export interface FrameStats {
  /** Drawing the program frame (ms). */
  readonly p50: number;
  readonly p95: number;
  /** The whole tick: program plus the preview monitor (ms). */
  readonly tickP50: number;
  readonly tickP95: number;
  readonly frames: number;
  /** Frames drawn per second over the window (the clock's real rate). */
  readonly fps: number;
  /** Ticks whose whole draw (program plus preview) took longer than a frame period. */
  readonly late: number;
  /** Frame slots in the window with no frame drawn (the clock dropped a tick queued behind a slow one). */
  readonly missed: number;
}

export const FRAME_HISTORY = 300;

/** Ticks of `tickMs` (ms each) that overran the period `periodMs`. */
export function lateTicks(tickMs: readonly number[], periodMs: number): number {
  let late = 0;
  for (const t of tickMs) if (t > periodMs) late++;
  return late;
}

/**
 * Frame slots with no tick between consecutive tick starts (ms, ascending):
 * a gap of about k periods leaves k − 1 slots empty. Half a period of timer
 * jitter is not a missed slot.
 */
export function missedSlots(starts: readonly number[], periodMs: number): number {
  let missed = 0;
  for (let i = 1; i < starts.length; i++) missed += Math.max(0, Math.round((starts[i]! - starts[i - 1]!) / periodMs) - 1);
  return missed;
}

export class FrameWindow {
  private frameTimes: number[] = [];
  private tickTimes: number[] = [];
  private tickStarts: number[] = [];

  constructor(private readonly periodMs: number) {}

  /** One tick: when it started, how long the program frame took, how long the whole tick took (ms). */
  add(started: number, programMs: number, tickMs: number): void {
    this.frameTimes.push(programMs);
    this.tickTimes.push(tickMs);
    this.tickStarts.push(started);
    if (this.frameTimes.length > FRAME_HISTORY) {
      this.frameTimes.shift();
      this.tickTimes.shift();
      this.tickStarts.shift();
    }
  }

  stats(): FrameStats {
    const sorted = [...this.frameTimes].sort((a, b) => a - b);
    const ticks = [...this.tickTimes].sort((a, b) => a - b);
    const span = (this.tickStarts.at(-1) ?? 0) - (this.tickStarts[0] ?? 0);
    return {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      tickP50: percentile(ticks, 50),
      tickP95: percentile(ticks, 95),
      frames: sorted.length,
      fps: span > 0 ? ((this.tickStarts.length - 1) * 1000) / span : 0,
      late: lateTicks(this.tickTimes, this.periodMs),
      missed: missedSlots(this.tickStarts, this.periodMs),
    };
  }

  reset(): void {
    this.frameTimes = [];
    this.tickTimes = [];
    this.tickStarts = [];
  }
}

import type { ShowReport } from '../../shared/domain/selling.js';

/**
 * The geometry of the report's timeline chart, without React, so it is
 * tested in Node. Times are epoch ms; x is in the SVG's user units.
 */

export interface TimeScale {
  readonly from: number;
  readonly to: number;
  readonly x: (at: number) => number;
}

/** The chart spans the show: its first event to its end (or the report's time while it runs). */
export function timeScale(report: ShowReport, left: number, right: number): TimeScale {
  const { timeline } = report;
  const starts = [
    report.startedAt,
    timeline.viewers[0]?.at,
    timeline.pins[0]?.from,
    timeline.deals[0]?.from,
    timeline.claims[0]?.at,
  ].filter((t): t is number => t !== null && t !== undefined);
  const from = starts.length > 0 ? Math.min(...starts) : report.generatedAt;
  const end = report.endedAt ?? report.generatedAt;
  // At least a minute wide, so a show that just began is not one fat pixel.
  const to = Math.max(end, from + 60_000);
  const span = to - from;
  return { from, to, x: (at) => left + ((clamp(at, from, to) - from) / span) * (right - left) };
}

/**
 * The viewer count as a step line ("M x y H x V y …"): a count holds until
 * the next sample. A long show has thousands of samples; they are merged per
 * `bucketWidth` units keeping each bucket's highest count, so a peak is
 * never drawn away.
 */
export function viewerPath(
  samples: ShowReport['timeline']['viewers'],
  scale: TimeScale,
  y: (count: number) => number,
  bucketWidth = 1,
): string {
  if (samples.length === 0) return '';
  const points: { x: number; count: number }[] = [];
  for (const sample of samples) {
    const x = scale.x(sample.at);
    const last = points.at(-1);
    if (last && x - last.x < bucketWidth) last.count = Math.max(last.count, sample.count);
    else points.push({ x, count: sample.count });
  }
  const first = points[0]!;
  let path = `M${round(first.x)} ${round(y(first.count))}`;
  for (const point of points.slice(1)) path += ` H${round(point.x)} V${round(y(point.count))}`;
  // The last count holds until the end of the chart.
  return `${path} H${round(scale.x(scale.to))}`;
}

/** Round numbers for an axis from 0 to at least `max`: 0, 5, 10 …, about `count` steps. */
export function niceTicks(max: number, count = 4): number[] {
  if (max <= 0) return [0];
  const rough = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  // Whole steps: viewer counts are whole numbers.
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? magnitude * 10);
  // The last tick is at or above max, so the line never leaves the chart.
  const ticks: number[] = [0];
  while (ticks.at(-1)! < max) ticks.push(Math.round(ticks.length * step));
  return ticks;
}

/** Elapsed-time marks for the x axis: every 1, 5, 10, 15, 30 or 60 minutes, whichever gives about `count`. */
export function timeTicks(scale: TimeScale, count = 6): number[] {
  const span = scale.to - scale.from;
  const minute = 60_000;
  const steps = [1, 2, 5, 10, 15, 30, 60, 120].map((m) => m * minute);
  const step = steps.find((s) => span / s <= count) ?? steps.at(-1)!;
  const ticks: number[] = [];
  for (let t = scale.from; t <= scale.to; t += step) ticks.push(t);
  return ticks;
}

/** A label that fits `width` units at about `charWidth` per character, or null when nothing useful fits. */
export function fitLabel(text: string, width: number, charWidth = 6.5): string | null {
  const fits = Math.floor((width - 6) / charWidth);
  if (fits < 3) return null;
  const chars = [...text];
  return chars.length <= fits ? text : `${chars.slice(0, fits - 1).join('')}…`;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

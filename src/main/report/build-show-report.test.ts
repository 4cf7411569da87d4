import { describe, expect, it } from 'vitest';
import { chartSamples, MAX_CHART_SAMPLES } from './build-show-report.js';
import { formatDuration, formatMinSec } from './show-report-csv.js';

describe('the chart samples of a long show', () => {
  it('leaves a short show alone', () => {
    const samples = [
      { at: 0, viewers: 1, live: true },
      { at: 1000, viewers: 2, live: true },
    ];
    expect(chartSamples(samples)).toBe(samples);
  });

  it('thins four hours of samples, keeping the peak and every on/off-air change', () => {
    const samples = Array.from({ length: 14_400 }, (_, i) => ({
      at: i * 1000,
      viewers: i === 5_001 ? 999 : i % 50,
      // Off air for 20 s in the middle of a bucket.
      live: !(i >= 7_203 && i < 7_223),
    }));
    const kept = chartSamples(samples);
    expect(kept.length).toBeLessThanOrEqual(MAX_CHART_SAMPLES);
    expect(kept.length).toBeGreaterThan(500);
    expect(Math.max(...kept.map((s) => s.viewers))).toBe(999);
    expect(kept.filter((s, i) => i > 0 && s.live !== kept[i - 1]!.live).map((s) => [s.at, s.live])).toEqual([
      [7_203_000, false],
      [7_223_000, true],
    ]);
    // Still oldest first.
    expect(kept.every((s, i) => i === 0 || s.at > kept[i - 1]!.at)).toBe(true);
  });
});

describe('report durations', () => {
  it('writes show length as h:mm:ss and pinned time as minutes that may pass 59', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(185)).toBe('3:05');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatMinSec(4985)).toBe('83:05');
  });
});

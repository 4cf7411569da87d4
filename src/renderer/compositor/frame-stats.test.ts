import { describe, expect, it } from 'vitest';
import { FRAME_HISTORY, FrameWindow, lateTicks, missedSlots } from './frame-stats.js';

const PERIOD = 1000 / 30;

describe('frame stats', () => {
  it('counts ticks that took longer than a period as late', () => {
    expect(lateTicks([10, 33, 33.4, 50, 12], PERIOD)).toBe(2);
    expect(lateTicks([], PERIOD)).toBe(0);
  });

  it('counts the empty slots between tick starts, not timer jitter', () => {
    expect(missedSlots([0, 33, 67, 100], PERIOD)).toBe(0);
    expect(missedSlots([0, 45, 67], PERIOD)).toBe(0);
    // 100 ms: two slots with no frame; 67 ms: one.
    expect(missedSlots([0, 100, 167], PERIOD)).toBe(3);
  });

  it('reports percentiles, rate, late and missed over the window, and starts again on reset', () => {
    const window = new FrameWindow(PERIOD);
    for (let i = 0; i < 10; i++) window.add(i * PERIOD, i + 1, i === 9 ? 40 : i + 2);
    window.add(12 * PERIOD, 5, 5);
    const stats = window.stats();
    expect(stats.frames).toBe(11);
    expect(stats.p50).toBe(5);
    expect(stats.tickP95).toBe(40);
    expect(stats.late).toBe(1);
    expect(stats.missed).toBe(2);
    expect(stats.fps).toBeCloseTo((10 * 1000) / (12 * PERIOD), 5);
    window.reset();
    expect(window.stats()).toMatchObject({ frames: 0, late: 0, missed: 0, fps: 0 });
  });

  it('keeps only the last FRAME_HISTORY ticks', () => {
    const window = new FrameWindow(PERIOD);
    for (let i = 0; i < FRAME_HISTORY + 50; i++) window.add(i * PERIOD, i < 50 ? 100 : 1, 1);
    expect(window.stats()).toMatchObject({ frames: FRAME_HISTORY, p95: 1 });
  });
});

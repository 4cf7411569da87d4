import { describe, expect, it } from 'vitest';
import type { ShowReport } from '../../shared/domain/selling.js';
import { fitLabel, niceTicks, timeScale, timeTicks, viewerPath } from './report-chart.js';

const T = 1_800_000_000_000;

function report(values: Partial<ShowReport> & { samples?: ShowReport['timeline']['viewers'] }): ShowReport {
  return {
    showId: 1,
    showName: 'Show',
    practice: false,
    startedAt: T,
    endedAt: null,
    durationSeconds: 0,
    viewers: { peak: 0, average: 0 },
    messages: { total: 0, approved: 0, held: 0, blocked: 0 },
    products: [],
    totals: { claimsConfirmed: 0, claimsWaitlisted: 0, claimsCancelled: 0, revenue: [] },
    auctions: [],
    giveaways: [],
    generatedAt: T + 600_000,
    ...values,
    timeline: { pins: [], deals: [], claims: [], viewers: values.samples ?? [] },
  };
}

describe('the report chart geometry', () => {
  it('spans the show from its first event to its end, or to now while it runs', () => {
    const running = timeScale(report({ startedAt: T }), 0, 100);
    expect([running.from, running.to]).toEqual([T, T + 600_000]);
    expect(running.x(T + 300_000)).toBe(50);
    // Outside the show, marks stay on the chart's edges.
    expect(running.x(T - 5000)).toBe(0);
    expect(running.x(T + 9_000_000)).toBe(100);
    const ended = timeScale(report({ startedAt: T + 1000, endedAt: T + 120_000, samples: [{ at: T, count: 1, live: false }] }), 0, 100);
    expect([ended.from, ended.to]).toEqual([T, T + 120_000]);
    // A show that just began is at least a minute wide.
    const fresh = timeScale(report({ startedAt: T, generatedAt: T + 2000 }), 0, 100);
    expect(fresh.to).toBe(T + 60_000);
  });

  it('draws the audience as steps held until the next sample and the end of the chart', () => {
    const scale = timeScale(report({ startedAt: T, generatedAt: T + 100_000 }), 0, 100);
    const samples = [
      { at: T, count: 0, live: true },
      { at: T + 20_000, count: 10, live: true },
      { at: T + 50_000, count: 5, live: true },
    ];
    expect(viewerPath(samples, scale, (c) => 100 - c)).toBe('M0 100 H20 V90 H50 V95 H100');
    expect(viewerPath([], scale, (c) => c)).toBe('');
  });

  it('merges thousands of samples per bucket without losing a peak', () => {
    const scale = timeScale(report({ startedAt: T, generatedAt: T + 4 * 3600_000 }), 0, 1000);
    const samples = Array.from({ length: 14_400 }, (_, i) => ({ at: T + i * 1000, count: i === 7777 ? 999 : 10, live: true }));
    const path = viewerPath(samples, scale, (c) => 1000 - c, 2);
    const commands = path.split(' ').length;
    expect(commands).toBeLessThan(1100);
    expect(path).toMatch(/V1( |$)/);
  });

  it('chooses round axis ticks', () => {
    expect(niceTicks(0)).toEqual([0]);
    expect(niceTicks(30)).toEqual([0, 10, 20, 30]);
    // The top tick covers the peak, so the line stays inside the chart.
    expect(niceTicks(153)).toEqual([0, 50, 100, 150, 200]);
    expect(niceTicks(2)).toEqual([0, 1, 2]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    const scale = timeScale(report({ startedAt: T, generatedAt: T + 3600_000 }), 0, 100);
    expect(timeTicks(scale)).toEqual([0, 10, 20, 30, 40, 50, 60].map((m) => T + m * 60_000));
  });

  it('shortens a label to its band and drops it when nothing useful fits', () => {
    expect(fitLabel('Mug', 100)).toBe('Mug');
    expect(fitLabel('A very long product title', 60)).toBe('A very …');
    expect(fitLabel('Mug', 20)).toBeNull();
  });
});

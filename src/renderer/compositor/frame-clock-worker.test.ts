import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isStaleTick } from './frame-clock.js';

/**
 * The frame clock's worker script, run here with Node's timers faked: it is
 * plain timer code. `self` is the worker's global; the test stands in for
 * the page that receives its ticks.
 */
type Worker = { onmessage: ((event: { data: number }) => void) | null; postMessage: (message: unknown) => void };

let posted: number[];
let worker: Worker;

beforeEach(async () => {
  vi.useFakeTimers();
  posted = [];
  worker = { onmessage: null, postMessage: (message) => posted.push(message as number) };
  vi.stubGlobal('self', worker);
  vi.resetModules();
  await import('./frame-clock.worker.js');
});

afterEach(() => {
  worker.onmessage?.({ data: 0 });
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('the frame clock worker', () => {
  it('posts each tick with the time it was sent, on the page’s clock', () => {
    worker.onmessage!({ data: 33 });
    vi.advanceTimersByTime(33 * 3);
    expect(posted).toHaveLength(3);
    const now = performance.timeOrigin + performance.now();
    expect(posted[2]).toBeCloseTo(now, 0);
    expect(posted[1]! - posted[0]!).toBeCloseTo(33, 0);
  });

  it('stops at 0 and starts again with a new interval', () => {
    worker.onmessage!({ data: 33 });
    vi.advanceTimersByTime(33);
    worker.onmessage!({ data: 0 });
    vi.advanceTimersByTime(330);
    expect(posted).toHaveLength(1);
    worker.onmessage!({ data: 50 });
    vi.advanceTimersByTime(50);
    expect(posted).toHaveLength(2);
  });
});

describe('a tick the page handles', () => {
  it('is drawn while it is at most a period old, and dropped after (a newer one follows)', () => {
    expect(isStaleTick(1000, 1000, 33)).toBe(false);
    expect(isStaleTick(1000, 1033, 33)).toBe(false);
    expect(isStaleTick(1000, 1034, 33)).toBe(true);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The frame clock's worker script, run here with Node's timers faked: it is
 * plain timer code. `self` is the worker's global; the test stands in for
 * the page that receives its ticks.
 */
type Worker = { onmessage: ((event: { data: number | 'done' }) => void) | null; postMessage: (message: unknown) => void };

let posted: unknown[];
let worker: Worker;

beforeEach(async () => {
  vi.useFakeTimers();
  posted = [];
  worker = { onmessage: null, postMessage: (message) => posted.push(message) };
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
  it('ticks at its interval while the page keeps up', () => {
    worker.onmessage!({ data: 33 });
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(33);
      worker.onmessage!({ data: 'done' });
    }
    expect(posted).toEqual(['tick', 'tick', 'tick', 'tick', 'tick']);
  });

  it('skips the ticks a slow page has not drawn yet instead of queueing them', () => {
    worker.onmessage!({ data: 33 });
    vi.advanceTimersByTime(33 * 10);
    expect(posted).toHaveLength(1);
    worker.onmessage!({ data: 'done' });
    vi.advanceTimersByTime(32);
    expect(posted).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(posted).toHaveLength(2);
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

/**
 * Calls `onTick` at `fps`, from a worker when one can be started (not
 * throttled in background windows), else from a plain interval.
 *
 * A tick that waited in the page's queue for more than a period (a frame
 * that took longer than the clock's period: a loaded 2-core machine, four
 * video streams, two outputs) is dropped: a newer one follows. Drawing each
 * queued tick instead filled the page's main thread for good, and the
 * studio stopped laying out, painting and taking input. A page that keeps
 * up draws every tick.
 */
export class FrameClock {
  private worker: Worker | null = null;
  private interval: ReturnType<typeof setInterval> | undefined;

  constructor(fps: number, onTick: () => void) {
    const period = Math.round(1000 / fps);
    try {
      this.worker = new Worker(new URL('./frame-clock.worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (event: MessageEvent<number>) => {
        if (!isStaleTick(event.data, performance.timeOrigin + performance.now(), period)) onTick();
      };
      this.worker.onerror = () => {
        // A blocked worker (CSP, old browser) falls back to the window's timer (which never queues ticks).
        this.worker?.terminate();
        this.worker = null;
        this.interval ??= setInterval(onTick, period);
      };
      this.worker.postMessage(period);
    } catch {
      this.interval = setInterval(onTick, period);
    }
  }

  stop(): void {
    this.worker?.terminate();
    this.worker = null;
    clearInterval(this.interval);
  }
}

/** A tick sent at `sentAt` and handled at `now` (ms, one clock) is stale once a newer one is due: over a period old. */
export function isStaleTick(sentAt: number, now: number, periodMs: number): boolean {
  return now - sentAt > periodMs;
}

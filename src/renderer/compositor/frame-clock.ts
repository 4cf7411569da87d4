/**
 * Calls `onTick` at `fps`, from a worker when one can be started (not
 * throttled in background windows), else from a plain interval. A tick the
 * page has not finished drawing when the next is due makes the clock skip
 * that one (frame-clock.worker.ts): never a queue of stale ticks.
 */
export class FrameClock {
  private worker: Worker | null = null;
  private interval: ReturnType<typeof setInterval> | undefined;

  constructor(fps: number, onTick: () => void) {
    const period = Math.round(1000 / fps);
    try {
      this.worker = new Worker(new URL('./frame-clock.worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = () => {
        try {
          onTick();
        } finally {
          this.worker?.postMessage('done');
        }
      };
      this.worker.onerror = () => {
        // A blocked worker (CSP, old browser) falls back to the window's timer.
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

import type { EgressStatus } from '../../shared/sfu/protocol-egress.js';

/** Fresh figures while a destination is live. */
export const EGRESS_STATUS_INTERVAL_MS = 2000;

/**
 * When the studio hears `egressStatus`: once per turn of the event loop in
 * which anything changed (however many things did), and every 2 s while a
 * destination is live.
 */
export class StatusPushes {
  private queued = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private stopped = false;

  constructor(
    private readonly read: () => EgressStatus,
    private readonly send: (status: EgressStatus) => void,
  ) {}

  changed(): void {
    if (this.queued || this.stopped) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      if (this.stopped) return;
      this.push();
    });
  }

  /** Sends the status now, whatever is queued, and no more after (the show ended). */
  final(): void {
    this.stopped = true;
    this.clearTimer();
    this.send(this.read());
  }

  private push(): void {
    const status = this.read();
    this.send(status);
    const anyLive = status.destinations.some((d) => d.state === 'live');
    if (anyLive && !this.timer) this.timer = setInterval(() => this.push(), EGRESS_STATUS_INTERVAL_MS);
    else if (!anyLive) this.clearTimer();
  }

  private clearTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

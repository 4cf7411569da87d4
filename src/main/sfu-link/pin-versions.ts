import type { ProductCardInput } from '../../shared/sfu/product-card.js';

/** Whether the SFU room shows what the studio last asked for. */
export type PinDelivery = 'delivered' | 'pending' | 'failed';

/**
 * The link's bookkeeping of pins: the pin the studio wants (each request a
 * new version), the newest version the room confirmed or refused, and the
 * callers waiting to hear how it went. No I/O: `SfuLink` sends and reports.
 */
export class PinVersions {
  /** What should be pinned: undefined until the pin service says (then null = nothing). */
  private desired: { readonly card: ProductCardInput | null; readonly version: number } | undefined;
  private nextVersion = 1;
  private deliveredVersion = 0;
  private failedVersion = 0;
  private failure: string | null = null;
  private readonly waiters = new Set<() => void>();

  /** The studio asks for this pin (null: none). */
  want(card: ProductCardInput | null): void {
    this.desired = { card, version: this.nextVersion++ };
  }

  delivery(): PinDelivery {
    const desired = this.desired;
    if (!desired || this.deliveredVersion === desired.version) return 'delivered';
    return this.failedVersion === desired.version ? 'failed' : 'pending';
  }

  /** Why the SFU refused the last pin (when delivery() is 'failed'). */
  failureText(): string | null {
    return this.delivery() === 'failed' ? this.failure : null;
  }

  /** The room may not show it any more (a new connection, a show live again): send it again. */
  forgetDelivered(): void {
    this.deliveredVersion = 0;
    this.failedVersion = 0;
  }

  /** The pin to send now, or null when the room already has it (or nothing was asked). */
  toSend(): { readonly card: ProductCardInput | null; readonly version: number } | null {
    const desired = this.desired;
    return desired && this.deliveredVersion !== desired.version ? desired : null;
  }

  /** The room confirmed `version`; true when it is the one wanted now. */
  delivered(version: number): boolean {
    this.deliveredVersion = Math.max(this.deliveredVersion, version);
    return this.settle(version);
  }

  /** The room refused `version`; true when it is the one wanted now. */
  failed(version: number, reason: string): boolean {
    this.failedVersion = version;
    this.failure = reason;
    return this.settle(version);
  }

  /**
   * Resolves with the delivery once it is no longer pending, once
   * `stillWaiting()` says there is no point (closed, not joined), or after
   * `waitMs` (it is still sent when the link comes back).
   */
  wait(waitMs: number, stillWaiting: () => boolean): Promise<PinDelivery> {
    return new Promise((resolve) => {
      const done = () => {
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(this.delivery());
      };
      const check = () => {
        if (this.delivery() !== 'pending' || !stillWaiting()) done();
      };
      const timer = setTimeout(done, waitMs);
      this.waiters.add(check);
      check();
    });
  }

  /** Something changed that a waiter may care about (the link closed or lost its room). */
  wake(): void {
    for (const check of [...this.waiters]) check();
  }

  private settle(version: number): boolean {
    if (this.desired?.version !== version) return false;
    this.wake();
    return true;
  }
}

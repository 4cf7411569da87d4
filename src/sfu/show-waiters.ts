import type { SignalPush } from '../shared/sfu/protocol.js';

/** A connection waiting for a show (implemented by PeerSession). */
export interface ShowWaiter {
  /** Sends an already serialized push. */
  sendFrame(frame: string): void;
}

/**
 * Connections waiting for a show that has no room (`waitForShow`): a viewer
 * that arrived before the studio opened the show, or while it restarts after
 * a crash. They hear `showOpened` the moment a host opens it, instead of
 * reconnecting every few seconds to ask.
 *
 * Nothing is created for the show id: no room, no router, no viewer id. An
 * entry lives only while a connection waits on it, and a connection waits on
 * one show at most, so what this holds is bounded by the open connections
 * (each counted against its address's cap in signaling-server.ts).
 */
export class ShowWaiters {
  private readonly byShow = new Map<string, Set<ShowWaiter>>();
  private readonly showOf = new Map<ShowWaiter, string>();

  /** Waits on `show`, instead of any show waited on before. */
  wait(show: string, waiter: ShowWaiter): void {
    this.stop(waiter);
    let waiters = this.byShow.get(show);
    if (!waiters) {
      waiters = new Set();
      this.byShow.set(show, waiters);
    }
    waiters.add(waiter);
    this.showOf.set(waiter, show);
  }

  /** The connection joined or closed. */
  stop(waiter: ShowWaiter): void {
    const show = this.showOf.get(waiter);
    if (show === undefined) return;
    this.showOf.delete(waiter);
    const waiters = this.byShow.get(show);
    waiters?.delete(waiter);
    if (waiters?.size === 0) this.byShow.delete(show);
  }

  isWaiting(waiter: ShowWaiter): boolean {
    return this.showOf.has(waiter);
  }

  /** Connections waiting, all shows together. */
  get count(): number {
    return this.showOf.size;
  }

  /** A host opened the show: each waiter hears it once (one frame for all) and waits no more. */
  opened(show: string): void {
    const waiters = this.byShow.get(show);
    if (!waiters) return;
    this.byShow.delete(show);
    const frame = JSON.stringify({ type: 'showOpened', show } satisfies SignalPush);
    for (const waiter of waiters) {
      this.showOf.delete(waiter);
      waiter.sendFrame(frame);
    }
  }
}

import crypto from 'node:crypto';
import { StudioError } from '../../shared/api/result.js';
import type { PublisherClaim, PublisherInfo, PublisherState } from '../../shared/domain/live.js';

/** The caller as main knows it: its connection and, in host words, where it runs. */
export interface PublisherCaller {
  readonly clientId: string;
  readonly where: string;
}

interface Holder extends PublisherInfo {
  /** The connection that claimed (or last re-attached); a browser gets a new one when its link to main reconnects. */
  readonly clientId: string;
  /** Claimed by taking over: the SFU is asked to drop whoever sends now (another studio, too). */
  readonly tookOver: boolean;
}

/** Who a ticket is for; `takeOver` lets the SFU move the show from a publisher main does not know (a second studio). */
export interface Admission {
  readonly publisherId: string;
  readonly takeOver: boolean;
}

const NOBODY: PublisherState = Object.freeze({ current: null, lastTakeOver: null });

/**
 * A claim whose media has not been on air for this long lapses: a window
 * that stopped publishing without letting go (its publisher gave up, a
 * producer console left open on an error) no longer makes every other
 * window say "Connecting from …" and ask to take over. Long enough for a
 * slow start or a reconnect; the holder re-attaches if it comes back.
 */
export const STALE_CLAIM_MS = 30_000;

/**
 * Only one window publishes a show (runs in main; the source of truth). A
 * window claims the show before it goes live; a second window is refused
 * unless it takes over, and the one taken over hears it from the
 * `changed` callback (every UI gets the new state). Tickets to publish are
 * given only to the holder, and the SFU refuses media from tokens minted for
 * anyone else, so a window that missed the news cannot keep sending.
 */
export class OnePublisher {
  private holder: Holder | null = null;
  private lastTakeOver: PublisherState['lastTakeOver'] = null;
  /** Claims taken over: their windows may not come back by re-attaching. */
  private readonly revoked = new Set<string>();
  /** What the SFU last said: is the show's media on air? */
  private onAir = false;
  /** The lapse timer and the claim it watches. */
  private stale: { readonly publisherId: string; readonly timer: ReturnType<typeof setTimeout> } | null = null;

  constructor(
    private readonly changed: (state: PublisherState) => void,
    private readonly now: () => number = Date.now,
    private readonly newId: () => string = () => crypto.randomUUID(),
    private readonly staleAfterMs: number = STALE_CLAIM_MS,
  ) {}

  state(): PublisherState {
    if (!this.holder && !this.lastTakeOver) return NOBODY;
    const current = this.holder ? { publisherId: this.holder.publisherId, where: this.holder.where, since: this.holder.since } : null;
    return { current, lastTakeOver: this.lastTakeOver };
  }

  /**
   * The caller wants to go live. Granted when nobody publishes or the caller
   * already does (a window pressing Go live again); otherwise refused unless
   * `takeOver`, which moves the show to the caller at once.
   */
  claim(caller: PublisherCaller, takeOver: boolean): PublisherClaim {
    const holder = this.holder;
    if (holder && holder.clientId !== caller.clientId) {
      if (!takeOver) {
        throw new StudioError('conflict', `The show is live from ${holder.where}. Take over to publish from here instead.`);
      }
      this.lastTakeOver = { from: holder.publisherId, by: caller.where, at: this.now() };
      this.revoked.add(holder.publisherId);
    }
    this.holder = { publisherId: this.newId(), clientId: caller.clientId, where: caller.where, since: this.now(), tookOver: takeOver };
    this.emit();
    return { publisherId: this.holder.publisherId, state: this.state() };
  }

  /**
   * May this caller get a ticket to publish? With `publisherId` (what the
   * window was given): only while that claim holds, or when nobody holds the
   * show any more (its link to main dropped and came back). Without one (an
   * older client, the tests' direct calls): as an implicit claim, never a
   * take-over.
   */
  admit(caller: PublisherCaller, publisherId: string | undefined): Admission {
    const holder = this.holder;
    if (publisherId === undefined) {
      if (holder && holder.clientId === caller.clientId) return { publisherId: holder.publisherId, takeOver: holder.tookOver };
      return { publisherId: this.claim(caller, false).publisherId, takeOver: false };
    }
    if (holder?.publisherId === publisherId) {
      if (holder.clientId !== caller.clientId) this.holder = { ...holder, clientId: caller.clientId };
      return { publisherId, takeOver: holder.tookOver };
    }
    if (holder === null && !this.revoked.has(publisherId)) {
      this.holder = { publisherId, clientId: caller.clientId, where: caller.where, since: this.now(), tookOver: false };
      this.emit();
      return { publisherId, takeOver: false };
    }
    throw new StudioError('conflict', `${holder ? `The show is now live from ${holder.where}` : 'Another window took over the show'}. This window is no longer publishing.`);
  }

  /** The holder stopped (Stop, End show, taken over, window closing). Anyone else's release changes nothing. */
  release(publisherId: string): PublisherState {
    if (this.holder?.publisherId === publisherId) {
      this.holder = null;
      this.emit();
    }
    return this.state();
  }

  /**
   * The holder's connection closed (a window closed or crashed without
   * letting go). Nobody holds the show then; the same window may re-attach
   * with its publisher id if it comes back (a browser whose link to main
   * dropped), and if its media still reaches the SFU, the SFU refuses
   * another publisher until that one takes over.
   */
  clientGone(clientId: string): void {
    if (this.holder?.clientId !== clientId) return;
    this.holder = null;
    this.emit();
  }

  /** The SFU's word on the show's media (main's link): a claim off air for `staleAfterMs` lapses. */
  airState(onAir: boolean): void {
    this.onAir = onAir;
    this.watchForLapse();
  }

  /** Stops the lapse timer (the studio is closing). */
  dispose(): void {
    if (this.stale) clearTimeout(this.stale.timer);
    this.stale = null;
  }

  private watchForLapse(): void {
    const holder = this.holder;
    const watched = holder !== null && !this.onAir ? holder.publisherId : null;
    if (this.stale?.publisherId === watched) return;
    this.dispose();
    if (watched === null) return;
    const timer = setTimeout(() => {
      this.stale = null;
      if (this.holder?.publisherId !== watched || this.onAir) return;
      this.holder = null;
      this.emit();
    }, this.staleAfterMs);
    timer.unref?.();
    this.stale = { publisherId: watched, timer };
  }

  private emit(): void {
    this.watchForLapse();
    this.changed(this.state());
  }
}

/** How the rule names a caller's connection: one key per transport and connection. */
export function publisherClientKey(transport: 'ipc' | 'control', clientId: string): string {
  return `${transport}:${clientId}`;
}

/** "the desktop window", "a browser at 192.168.1.20", "a browser on this computer". */
export function publisherWhere(transport: 'ipc' | 'control', address: string | undefined): string {
  if (transport === 'ipc') return 'the desktop window';
  if (!address || address === 'unknown') return 'a browser';
  const plain = address.replace(/^::ffff:/, '');
  return plain === '127.0.0.1' || plain === '::1' ? 'a browser on this computer' : `a browser at ${plain}`;
}

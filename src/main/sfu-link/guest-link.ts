import type { GuestControlAction, GuestInviteEntry, GuestPeer } from '../../shared/sfu/protocol-guests.js';
import type { SignalPush, SignalReplyData } from '../../shared/sfu/protocol.js';
import { SignalRequestError, type SignalRequests } from '../../shared/sfu/signal-requests.js';
import type { SfuLinkExtension } from './sfu-link-options.js';

/** The show's guests as the SFU last told the studio (`guests` in the join reply, then `guests` pushes). */
export interface SfuGuests {
  readonly guests: readonly GuestPeer[];
  /** Guest ids on air, in slot order. */
  readonly onAirOrder: readonly string[];
}

const NO_GUESTS: SfuGuests = { guests: [], onAirOrder: [] };

/**
 * The guests' part of main's link (protocol-guests.ts). It remembers the
 * show's live invites and sends them (`guestInvites`, with `hostNow` read at
 * send time) after every (re)join and whenever they change; it keeps the
 * guests the SFU reports, and sends the host's `guestControl`.
 *
 * One GuestLink outlives the SfuLinks that carry it (a new SFU target gets a
 * new SfuLink, the same extension): it follows whichever connection joined last.
 */
export class GuestLink implements SfuLinkExtension {
  private requests: SignalRequests | null = null;
  private invites: readonly GuestInviteEntry[] = [];
  private peers: SfuGuests = NO_GUESTS;
  /** The SFU accepted the last list sent on this connection (guests can come in with it). */
  private listed = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly log: (message: string) => void = () => {}) {}

  /** A link is joined: guests can join and controls work. */
  connected(): boolean {
    return this.requests !== null;
  }

  /** The SFU holds the current list of invites: links work as listed. */
  invitesListed(): boolean {
    return this.requests !== null && this.listed;
  }

  guests(): SfuGuests {
    return this.peers;
  }

  /** Called when connected() or guests() may have changed. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The show's whole list of live invites (an empty list: nobody may come in); sent now and after every rejoin. */
  setInvites(invites: readonly GuestInviteEntry[]): void {
    this.invites = invites;
    this.sendInvites();
  }

  /** Brings a guest on air or backstage, mutes, hides or removes them (the SFU's `conflict` when 3 are on air). */
  async control(guestId: string, action: GuestControlAction): Promise<GuestPeer | null> {
    const requests = this.requests;
    if (!requests) throw new SignalRequestError('disconnected', 'The SFU is not connected.');
    const { guest } = await requests.request({ type: 'guestControl', guestId, action });
    return guest;
  }

  /** A short-lived token that only receives: the studio window previews its guests with it before Go live. */
  async mintPreviewToken(ttlSeconds: number): Promise<{ token: string; expiresAt: number }> {
    const requests = this.requests;
    if (!requests) throw new SignalRequestError('disconnected', 'The SFU is not connected.');
    return requests.request({ type: 'mintPublishToken', ttlSeconds, receiveOnly: true });
  }

  joined(reply: SignalReplyData['join'], requests: SignalRequests): void {
    this.requests = requests;
    this.peers = reply.guests ?? NO_GUESTS;
    this.sendInvites();
    this.changed();
  }

  push(push: SignalPush): boolean {
    if (push.type !== 'guests') return false;
    this.peers = { guests: push.guests, onAirOrder: push.onAirOrder };
    this.changed();
    return true;
  }

  lost(requests: SignalRequests): void {
    if (this.requests !== requests) return; // an older connection closing after a newer one joined
    this.requests = null;
    // A guest on a lost link is not the studio's to show: the next join reply says who is there.
    this.peers = NO_GUESTS;
    this.changed();
  }

  private sendInvites(): void {
    const requests = this.requests;
    if (!requests) return;
    this.listed = false;
    const invites = this.invites;
    requests.request({ type: 'guestInvites', invites: [...invites], hostNow: Date.now() }).then(
      () => {
        if (this.requests === requests && this.invites === invites) this.listed = true;
      },
      (error: unknown) => {
        if (this.requests !== requests) return; // that connection is gone; the next join sends the list again
        this.log(`guest invites were not accepted by the SFU: ${(error as Error).message}`);
      },
    );
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

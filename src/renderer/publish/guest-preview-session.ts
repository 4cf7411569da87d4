import { Device, type types } from 'mediasoup-client';
import type { GuestPreviewTicket } from '../../shared/domain/guests.js';
import type { GuestPeer } from '../../shared/sfu/protocol-guests.js';
import { openBrowserSignalSocket, type SignalSocket } from '../../shared/sfu/signal-socket.js';
import { GuestFeeds, type GuestMediaStore } from './guest-feeds.js';

/**
 * The backstage before Go live (runs in the renderer): while this window does
 * not publish, a receive-only host connection to the SFU receives the show's
 * guests, so the host sees and hears them, and can bring one on air, before
 * the show starts. It fills the same store as the publishing session (the
 * compositor, the mixer and the previews read one place) and must be closed
 * before that session starts receiving (PublishProvider does it on Go live).
 *
 * Its token can only receive: it never sends `leave` (a host's leave ends the
 * show) and closing it changes nothing for viewers or guests.
 */

type GuestList = { readonly guests: readonly GuestPeer[]; readonly onAirOrder: readonly string[] };

const RETRY_MS = [1_000, 2_000, 5_000, 10_000] as const;

export class GuestPreviewSession {
  private wanted = false;
  private socket: SignalSocket | null = null;
  private feeds: GuestFeeds | null = null;
  private latest: GuestList | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;

  constructor(
    private readonly fetchTicket: () => Promise<GuestPreviewTicket>,
    private readonly store: GuestMediaStore,
  ) {}

  /** Receive the guests (true) or let go of them (false); repeated calls with the same value do nothing. */
  want(on: boolean): void {
    if (on === this.wanted) return;
    this.wanted = on;
    if (on) void this.open();
    else this.close();
  }

  dispose(): void {
    this.want(false);
  }

  private async open(): Promise<void> {
    if (!this.wanted || this.socket) return;
    let ticket: GuestPreviewTicket;
    try {
      ticket = await this.fetchTicket();
    } catch {
      this.retryLater();
      return;
    }
    if (!this.wanted || this.socket) return;
    const socket = openBrowserSignalSocket(ticket.signalUrl, {
      onPush: (push) => {
        if (push.type !== 'guests' || this.socket !== socket) return;
        this.latest = { guests: push.guests, onAirOrder: push.onAirOrder };
        this.feeds?.update(this.latest);
      },
      onClose: () => {
        if (this.socket !== socket) return;
        this.drop();
        this.retryLater();
      },
    });
    this.socket = socket;
    try {
      await socket.opened;
      const reply = await socket.requests.request({ type: 'join', show: ticket.room, role: 'host', hostToken: ticket.hostToken });
      this.latest ??= reply.guests ?? null;
      const { rtpCapabilities } = await socket.requests.request({ type: 'routerRtpCapabilities' });
      const device = new Device();
      await device.load({ routerRtpCapabilities: rtpCapabilities as unknown as types.RtpCapabilities });
      if (this.socket !== socket) return;
      this.failures = 0;
      this.feeds = new GuestFeeds(socket.requests, device, this.store);
      if (this.latest) this.feeds.update(this.latest);
    } catch (error) {
      if (this.socket !== socket) return;
      console.warn('The backstage could not receive the guests; trying again', error);
      this.drop();
      this.retryLater();
    }
  }

  private retryLater(): void {
    if (!this.wanted || this.retryTimer !== null) return;
    const delay = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)]!;
    this.failures += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.open();
    }, delay);
  }

  /** Lets go of the connection and what it received (the store goes back to nothing received). */
  private drop(): void {
    const socket = this.socket;
    this.socket = null;
    this.feeds?.close();
    this.feeds = null;
    this.latest = null;
    socket?.close();
  }

  private close(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.failures = 0;
    this.drop();
  }
}

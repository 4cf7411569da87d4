import type { Device, types } from 'mediasoup-client';
import { ServerClock } from '../../shared/sfu/deal-clock.js';
import { SIGNAL_PATH, SignalCloseCode } from '../../shared/sfu/protocol-constants.js';
import type { ProductCard } from '../../shared/sfu/product-card.js';
import type { ChatIdentity, ChatPush, ChatReplyData } from '../../shared/sfu/protocol-chat.js';
import type { AnnouncedProducer, RoomState, SignalPush, SignalReplyData } from '../../shared/sfu/protocol.js';
import type { SellAction, SellPush } from '../../shared/sfu/protocol-selling.js';
import { SignalRequestError } from '../../shared/sfu/signal-requests.js';
import { openBrowserSignalSocket, type SignalSocket } from '../../shared/sfu/signal-socket.js';
import { openRecvTransport } from './recv-transport.js';
import { Backoff } from '../../shared/time/backoff.js';
import { AFTER_SHOW_ENDED, RECONNECT } from './reconnect-delay.js';

/**
 * Runs in the viewer's browser. What the page shows. `paused`: the show was live in this tab and the host's feed
 * dropped (their network); they usually come back within seconds. `crowded`: this viewer's network (one address) has
 * as many connections open as the SFU allows one address.
 */
export type WatchPhase = 'connecting' | 'not-started' | 'live' | 'paused' | 'ended' | 'reconnecting' | 'crowded' | 'unsupported';

export interface WatchStatus {
  readonly phase: WatchPhase;
  readonly viewerCount: number | null;
  readonly pin: ProductCard | null;
  /** Add to Date.now() for the SFU's clock, on which the pin's deal counts down (the viewer's clock may be hours off). */
  readonly serverOffset: number;
}

export interface WatchSessionEvents {
  readonly onStatus: (status: WatchStatus) => void;
  /** The stream the video element plays; tracks come and go inside it. */
  readonly stream: MediaStream;
  /** Called after tracks were added to or removed from `stream` (script changes fire no stream events). */
  readonly onTracksChanged: () => void;
  /** Chat: the join reply (recent messages, the pinned one, who this viewer is) and chat pushes (this buyer's own `myClaims` and the selling pushes among them). */
  readonly chat?: WatchChatEvents;
}

export interface WatchChatEvents {
  /** Sent with every join: the stored viewerKey and display name (if the viewer chose one). */
  readonly identity: () => { readonly viewerKey: string; readonly name: string | null };
  readonly onJoined: (room: RoomState, identity: ChatIdentity | null) => void;
  readonly onPush: (push: ChatPush | SellPush) => void;
}

const PASSED_ON: readonly (ChatPush | SellPush)['type'][] = ['chatMessage', 'chatDeleted', 'chatPinned', 'chatNotice', 'chatIncoming', 'myClaims', 'sellState', 'sellNotice', 'sellIncoming'];
const CHAT_PUSHES: ReadonlySet<string> = new Set(PASSED_ON);

/** This network has all the connections one address may open: ask again once others may have gone. */
const RETRY_CROWDED_MS = 15_000;
/** ICE "disconnected" often heals by itself (Wi-Fi to 4G); restart only if it lingers. */
const ICE_DISCONNECTED_GRACE_MS = 3_000;

/** Per connection attempt: everything here is thrown away when the socket drops. */
interface Attempt {
  readonly socket: SignalSocket;
  /** In the show (false while the socket waits for it to open). */
  joined: boolean;
  device: Device | null;
  transport: types.Transport | null;
  mediaStarting: Promise<void> | null;
  /** By producer id; `consuming`: producer ids with a consume request in flight (the same feed can be announced twice). */
  readonly consumers: Map<string, types.Consumer>;
  readonly consuming: Set<string>;
}

/**
 * One viewer watching one show: joins over the signaling socket, receives the host's audio and video, follows room
 * events, and recovers by itself — a dropped socket means a full rejoin with backoff (reconnect-delay.ts), failed ICE
 * means restartIce on the same transport. A show without a room on the SFU (not started, or not yet back after a
 * crash) is waited for on the open socket: the SFU says when a host opens it.
 */
export class WatchSession {
  private status: WatchStatus = { phase: 'connecting', viewerCount: null, pin: null, serverOffset: 0 };
  private readonly serverClock = new ServerClock();
  private attempt: Attempt | null = null;
  private readonly reconnect = new Backoff(RECONNECT);
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private wasLive = false;
  private stopped = false;

  constructor(
    private readonly show: string,
    private readonly origin: { readonly host: string; readonly secure: boolean },
    private readonly events: WatchSessionEvents,
  ) {}

  start(): void {
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.dropAttempt();
  }

  private connect(): void {
    this.retryTimer = null;
    const url = `${this.origin.secure ? 'wss' : 'ws'}://${this.origin.host}${SIGNAL_PATH}`;
    performance.mark('lss:join-start');
    const socket = openBrowserSignalSocket(url, {
      onPush: (push) => this.onPush(attempt, push),
      onClose: (code) => this.onSocketClosed(attempt, code),
    });
    const attempt: Attempt = {
      socket,
      joined: false,
      device: null,
      transport: null,
      mediaStarting: null,
      consumers: new Map(),
      consuming: new Set(),
    };
    this.attempt = attempt;
    void this.join(attempt);
  }

  private async join(attempt: Attempt): Promise<void> {
    try {
      await attempt.socket.opened;
      const identity = this.events.chat?.identity();
      const joinAs = (name: string | null) =>
        attempt.socket.requests.request({
          type: 'join',
          show: this.show,
          role: 'viewer',
          ...(identity ? { viewerKey: identity.viewerKey, ...(name ? { name } : {}) } : {}),
        });
      const name = identity?.name ?? null;
      // A saved name the SFU no longer accepts (now reserved, say) must not keep the viewer
      // from watching: join without it; the chat asks for a name before the first message.
      const { room, chat } = await joinAs(name).catch((error: unknown) => {
        if (name !== null && error instanceof SignalRequestError && error.code === 'invalid-message') return joinAs(null);
        throw error;
      });
      const receivedAt = Date.now();
      if (attempt !== this.attempt) return;
      this.serverClock.sample(room.serverTime, receivedAt);
      performance.mark('lss:joined');
      attempt.joined = true;
      this.reconnect.reset();
      this.applyRoomState(attempt, room);
      this.events.chat?.onJoined(room, chat ?? null);
    } catch (error) {
      // Not let in: say why and wait on this socket. Anything else: the socket's close handler schedules the retry.
      if (error instanceof SignalRequestError && error.code === 'not-started') {
        // A show this tab watched whose room went (the SFU restarted, the studio has not come back) is "right back".
        this.waitForShow(attempt, this.wasLive ? 'paused' : 'not-started');
      } else if (error instanceof SignalRequestError && error.code === 'show-ended') {
        this.wasLive = false;
        this.waitForShow(attempt, 'ended');
      }
    }
  }

  /**
   * The show has no room on the SFU: this socket stays open, waiting
   * (`waitForShow`), and `showOpened` arrives the moment a host opens the
   * show (onPush joins then). Nothing is polled.
   */
  private waitForShow(attempt: Attempt, phase: WatchPhase): void {
    if (attempt !== this.attempt || this.stopped) return;
    this.update({ phase });
    attempt.socket.requests.request({ type: 'waitForShow', show: this.show }).then(
      ({ waiting }) => {
        if (attempt !== this.attempt) return;
        // The connection works: should it drop later, reconnecting starts again from the quick end.
        this.reconnect.reset();
        if (!waiting) void this.join(attempt); // opened in the meantime
      },
      // Closed: the close handler reconnects. Refused (shutting down, rate-limited): a new connection asks again.
      () => this.restart(attempt),
    );
  }

  /** Shows why this attempt was not let in, drops it, and tries again after about `waitMs`. */
  private waitAndRetry(attempt: Attempt, phase: WatchPhase, waitMs: number): void {
    if (attempt !== this.attempt || this.stopped) return;
    this.dropAttempt();
    this.update({ phase });
    this.reconnect.reset();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    // Jitter spreads a crowd waiting for the same show.
    this.retryTimer = setTimeout(() => this.connect(), waitMs * (0.7 + Math.random() * 0.6));
  }

  private applyRoomState(attempt: Attempt, room: RoomState): void {
    this.update({ viewerCount: room.viewerCount, pin: room.pin, serverOffset: this.serverClock.offset() });
    if (room.live) {
      this.setLive(true);
      void this.startMedia(attempt, room.producers);
    } else {
      this.update({ phase: room.ended ? 'ended' : this.wasLive ? 'paused' : 'not-started' });
    }
  }

  /** Chat, the buyer's contact (the studio alone gets it), bids and entries (verdicts come as `sellNotice`) go over the current connection; they fail (SignalRequestError) while reconnecting. */
  async sendChat(text: string): Promise<ChatReplyData['chatSend']> {
    return this.joinedSocket().requests.request({ type: 'chatSend', text });
  }

  async setChatName(name: string): Promise<ChatReplyData['chatSetName']> {
    return this.joinedSocket().requests.request({ type: 'chatSetName', name });
  }

  async shareContact(contact: string): Promise<SignalReplyData['claimContact']> {
    return this.joinedSocket().requests.request({ type: 'claimContact', contact });
  }

  async sendSellAction(action: SellAction): Promise<SignalReplyData['sellAction']> {
    return this.joinedSocket().requests.request({ type: 'sellAction', action });
  }

  private joinedSocket(): SignalSocket {
    if (!this.attempt?.joined) throw new Error('Not connected to the show right now.');
    return this.attempt.socket;
  }

  private onPush(attempt: Attempt, push: SignalPush): void {
    if (attempt !== this.attempt) return;
    if (CHAT_PUSHES.has(push.type)) {
      this.events.chat?.onPush(push as ChatPush | SellPush);
      return;
    }
    switch (push.type) {
      case 'viewerCount':
        this.update({ viewerCount: push.count });
        break;
      case 'pin':
        this.serverClock.sample(push.serverTime, Date.now());
        this.update({ pin: push.card, serverOffset: this.serverClock.offset() });
        break;
      case 'liveChanged':
        this.setLive(push.live);
        break;
      case 'newProducer':
        void this.startMedia(attempt, [{ producerId: push.producerId, kind: push.kind, feed: push.feed }]);
        break;
      case 'producerClosed':
        this.dropConsumerOf(attempt, push.producerId);
        break;
      case 'showEnded':
        this.wasLive = false;
        this.update({ phase: 'ended', pin: null });
        break;
      case 'rejoin':
        // The server closes the socket right after (1012); onSocketClosed reconnects at once.
        break;
      case 'showOpened':
        void this.join(attempt);
        break;
    }
  }

  private setLive(live: boolean): void {
    if (live) {
      this.wasLive = true;
      this.update({ phase: 'live' });
    } else if (this.status.phase !== 'ended') {
      this.update({ phase: this.wasLive ? 'paused' : 'not-started' });
    }
  }

  /** Loads the device and opens the receive transport once per attempt, then consumes the given feeds. */
  private async startMedia(attempt: Attempt, producers: readonly AnnouncedProducer[]): Promise<void> {
    try {
      attempt.mediaStarting ??= this.openTransport(attempt);
      await attempt.mediaStarting;
      // The 16:9 program; the vertical feed is for portrait screens (chosen by the orientation work of issue 18).
      for (const producer of producers) if (producer.feed !== 'vertical') await this.consume(attempt, producer);
    } catch (error) {
      if (attempt !== this.attempt) return;
      if ((error as Error).name === 'UnsupportedError') {
        this.update({ phase: 'unsupported' });
        this.dropAttempt();
        return;
      }
      // Media setup failing on a live socket is rare; a clean rejoin fixes most causes.
      console.warn('Could not start the show’s media; rejoining', error);
      this.restart(attempt);
    }
  }

  private async openTransport(attempt: Attempt): Promise<void> {
    const { device, transport } = await openRecvTransport(attempt.socket.requests);
    attempt.device = device;
    this.watchIce(attempt, transport);
    attempt.transport = transport;
  }

  private async consume(attempt: Attempt, producer: AnnouncedProducer): Promise<void> {
    const { device, transport } = attempt;
    const { producerId } = producer;
    if (!device || !transport || attempt.consumers.has(producerId) || attempt.consuming.has(producerId)) return;
    attempt.consuming.add(producerId);
    const { requests } = attempt.socket;
    let consumer: types.Consumer;
    try {
      const reply = await requests.request({
        type: 'consume',
        transportId: transport.id,
        producerId,
        rtpCapabilities: device.rtpCapabilities,
      });
      consumer = await transport.consume({
        id: reply.consumerId,
        producerId: reply.producerId,
        kind: reply.kind,
        rtpParameters: reply.rtpParameters as unknown as types.RtpParameters,
      });
    } finally {
      attempt.consuming.delete(producerId);
    }
    if (attempt !== this.attempt) {
      consumer.close();
      return;
    }
    attempt.consumers.set(producerId, consumer);
    // Replace any older track of the same kind (a host who re-produced after a network blip).
    for (const old of this.events.stream.getTracks()) if (old.kind === consumer.kind) this.events.stream.removeTrack(old);
    this.events.stream.addTrack(consumer.track);
    this.events.onTracksChanged();
    // The track is attached: now the server may start sending (and sends a keyframe first).
    await requests.request({ type: 'resume', consumerId: consumer.id });
    // Marks let the page's own timeline show where join-to-first-frame goes.
    performance.mark(`lss:${consumer.kind}-resumed`);
  }

  private dropConsumerOf(attempt: Attempt, producerId: string): void {
    const consumer = attempt.consumers.get(producerId);
    if (!consumer) return;
    attempt.consumers.delete(producerId);
    this.events.stream.removeTrack(consumer.track);
    this.events.onTracksChanged();
    consumer.close();
  }

  private watchIce(attempt: Attempt, transport: types.Transport): void {
    let graceTimer: ReturnType<typeof setTimeout> | null = null;
    const restartIce = async () => {
      if (attempt !== this.attempt || transport.closed) return;
      try {
        const { iceParameters } = await attempt.socket.requests.request({ type: 'restartIce', transportId: transport.id });
        await transport.restartIce({ iceParameters: iceParameters as unknown as types.IceParameters });
      } catch {
        this.restart(attempt);
      }
    };
    transport.on('connectionstatechange', (state) => {
      if (graceTimer) clearTimeout(graceTimer);
      graceTimer = null;
      if (state === 'failed') void restartIce();
      else if (state === 'disconnected') graceTimer = setTimeout(() => void restartIce(), ICE_DISCONNECTED_GRACE_MS);
    });
  }

  /** Gives up on this attempt and rejoins (backoff applies). */
  private restart(attempt: Attempt): void {
    if (attempt !== this.attempt) return;
    this.dropAttempt();
    this.scheduleRetry();
  }

  private onSocketClosed(attempt: Attempt, code: number): void {
    if (attempt !== this.attempt || this.stopped) return;
    if (code === SignalCloseCode.tooManyFromAddress) {
      this.waitAndRetry(attempt, 'crowded', RETRY_CROWDED_MS);
      return;
    }
    this.dropAttempt();
    if (code === SignalCloseCode.serviceRestart) this.reconnect.reset();
    // 1012: the SFU replaced its media worker and has the show ready again: rejoin at once.
    this.scheduleRetry(code === SignalCloseCode.serviceRestart);
  }

  private scheduleRetry(atOnce = false): void {
    if (this.stopped || this.retryTimer || this.status.phase === 'unsupported') return;
    const ended = this.status.phase === 'ended';
    if (!ended) this.update({ phase: 'reconnecting' });
    // Jitter spreads a crowd of viewers reconnecting after the same outage.
    const delay = ended ? new Backoff(AFTER_SHOW_ENDED).next() : atOnce ? 0 : this.reconnect.next();
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private dropAttempt(): void {
    const attempt = this.attempt;
    this.attempt = null;
    if (!attempt) return;
    for (const consumer of attempt.consumers.values()) consumer.close();
    attempt.transport?.close();
    attempt.socket.close();
    for (const track of this.events.stream.getTracks()) this.events.stream.removeTrack(track);
    this.events.onTracksChanged();
  }

  private update(patch: Partial<WatchStatus>): void {
    this.status = { ...this.status, ...patch };
    this.events.onStatus(this.status);
  }
}

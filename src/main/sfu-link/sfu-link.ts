import WebSocket from 'ws';
import type { ProductCardInput } from '../../shared/sfu/product-card.js';
import { SignalCloseCode } from '../../shared/sfu/protocol-constants.js';
import type { SellNotice, ShowSellState } from '../../shared/sfu/protocol-selling.js';
import type { ChatHostRequest, EgressRequestType, SfuLinkOptions } from './sfu-link-options.js';
import type { SignalPush, SignalReplyData } from '../../shared/sfu/protocol.js';
import { SignalRequestError, SignalRequests, type SignalRequestBody } from '../../shared/sfu/signal-requests.js';
import { Backoff } from '../../shared/time/backoff.js';
import { PinVersions, type PinDelivery } from './pin-versions.js';
import { joinAsHost } from './host-join.js';
import { describeLoss } from './socket-errors.js';
import { PictureSender } from './picture-upload.js';

export type SfuLinkState = 'connecting' | 'connected' | 'reconnecting' | 'error';

/** Chat requests kept while the link is away; beyond this the oldest go (the rejoin republishes recent chat anyway). */
const MAX_CHAT_OUTBOX = 500;
export type { PinDelivery } from './pin-versions.js';

export interface SfuLinkStatus {
  readonly state: SfuLinkState;
  readonly live: boolean;
  readonly viewerCount: number;
  /** In host words; set while not connected (and kept while retrying). */
  readonly error: string | null;
}

export type { ChatHostRequest, EgressRequestType, SfuLinkExtension, SfuLinkOptions } from './sfu-link-options.js';

interface Connection {
  readonly ws: WebSocket;
  readonly requests: SignalRequests;
  joined: boolean;
  /** Joined with `confirmsChat` (an SFU older than that refuses it; the link then joins without). */
  confirmsChat: boolean;
}

/**
 * Main's own host connection to the show's SFU room, used for pins (the
 * renderer publishes media on its own connection). The same code serves the
 * built-in SFU and a remote one: everything goes over the protocol. It never
 * sends `leave` (that would end the show for every viewer); to go, it just
 * closes its socket. The SFU drops the connection, the show stays.
 * The studio is the source of truth for what is pinned: the link remembers
 * the last pin asked for and sends it again whenever it (re)joins and when
 * the show goes live again, so a pin made while the SFU was away, or lost
 * when a show ended and restarted, catches up by itself.
 */
export class SfuLink {
  private connection: Connection | null = null;
  private state: SfuLinkState = 'connecting';
  private error: string | null = null;
  private live = false;
  private viewerCount = 0;
  private everConnected = false;
  private closed = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private silenceTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly backoff: Backoff;
  private readonly pictures: PictureSender; // a pin's picture goes first (picture-upload.ts); a newer pin asked meanwhile sends itself
  private readonly pins = new PinVersions();
  private readonly chatOutbox: ChatHostRequest[] = [];
  /** The show's selling state for viewers: the latest is sent again whenever the link (re)joins. */
  private sellState: ShowSellState | null = null;

  constructor(private readonly options: SfuLinkOptions) {
    this.backoff = new Backoff({ firstMs: options.backoff?.initialMs ?? 500, maxMs: options.backoff?.maxMs ?? 10_000, jitter: 0.2 });
    this.pictures = new PictureSender(options);
    this.connect();
  }

  status(): SfuLinkStatus {
    return { state: this.state, live: this.live, viewerCount: this.viewerCount, error: this.error };
  }

  pinDelivery(): PinDelivery {
    return this.pins.delivery();
  }

  /** Why the SFU refused the last pin (when pinDelivery() is 'failed'). */
  pinFailure(): string | null {
    return this.pins.failureText();
  }

  /**
   * Asks for this pin (null: none) and resolves with its delivery once the
   * SFU answered, or 'pending' after `waitMs` (it is still sent when the
   * link comes back).
   */
  async setPin(card: ProductCardInput | null, waitMs = 2000): Promise<PinDelivery> {
    this.pins.want(card);
    this.sendPin();
    return this.pins.wait(waitMs, () => !this.closed && this.connection?.joined === true);
  }

  /**
   * A token that admits one host join to this room until it expires, for the
   * renderer's publisher (the link's own secret never leaves main). Waits up
   * to `waitMs` for the link to be joined.
   */
  async mintPublishToken(
    ttlSeconds: number,
    publisher: { readonly publisherId: string; readonly takeOver: boolean } | null = null,
    waitMs = 5000,
  ): Promise<{ token: string; expiresAt: number }> {
    const connection = await this.joinedConnection(waitMs);
    return connection.requests.request({ type: 'mintPublishToken', ttlSeconds, ...(publisher ?? {}) });
  }

  /**
   * A multistream request (start, stop, reconnect or list destinations).
   * Waits up to `waitMs` for the link to be joined; never kept for later
   * (the egress service compares with `egressList` when the link joins again).
   */
  async egress<T extends EgressRequestType>(request: SignalRequestBody<T> & { readonly type: T }, waitMs = 5000): Promise<SignalReplyData[T]> {
    const connection = await this.joinedConnection(waitMs);
    return connection.requests.request(request);
  }

  /** The joined connection, waiting up to `waitMs` for one. */
  private async joinedConnection(waitMs: number): Promise<Connection> {
    const deadline = Date.now() + waitMs;
    while (!this.connection?.joined) {
      if (this.closed || Date.now() >= deadline) {
        throw new SignalRequestError('disconnected', this.error ?? 'The studio is not connected to the SFU.');
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return this.connection;
  }

  /**
   * Sends a chat request now, or when the link is joined again. Requests on
   * one connection are handled in order, so a publish followed by a delete
   * arrives in that order; failures are logged, not retried (chatPublish is
   * idempotent, and the next rejoin republishes recent chat).
   */
  sendChat(request: ChatHostRequest): void {
    const connection = this.connection;
    if (!connection?.joined) {
      this.chatOutbox.push(request);
      if (this.chatOutbox.length > MAX_CHAT_OUTBOX) this.chatOutbox.shift();
      return;
    }
    connection.requests.request(request).catch((error: unknown) => {
      if (this.closed) return; // the studio is closing: unanswered requests are expected
      this.options.log?.(`chat request "${request.type}" failed: ${(error as Error).message}`);
    });
  }

  /** The show's selling state (auction, giveaway, practice) for every viewer; remembered and sent again on every (re)join. */
  sendSellState(state: ShowSellState): void {
    this.sellState = state;
    this.pushSellState();
  }

  /** A private line to one viewer about their bid or entry: now or never (it is about this moment). */
  sendSellNotice(viewerId: string, notice: SellNotice): void {
    const connection = this.connection;
    if (connection?.joined) this.quietly(connection.requests.request({ type: 'sellNotice', viewerId, notice }), 'sellNotice');
  }

  private pushSellState(): void {
    const connection = this.connection;
    if (!connection?.joined || !this.sellState) return;
    // hostNow at send time, as with a pin: the SFU moves the auction's times onto its own clock.
    this.quietly(connection.requests.request({ type: 'sellState', state: this.sellState, hostNow: Date.now() }), 'sellState');
  }

  private quietly(sent: Promise<unknown>, type: string): void {
    sent.catch((error: unknown) => {
      if (!this.closed) this.options.log?.(`request "${type}" failed: ${(error as Error).message}`);
    });
  }

  /**
   * Tells the SFU the studio stored this viewer message (`chatStored`); the
   * SFU then answers the viewer. Sent only on a connection joined with
   * `confirmsChat`, and never kept for later: if the connection the message
   * came on is gone, the SFU has already told the viewer to send it again.
   */
  confirmStored(messageId: string): void {
    const connection = this.connection;
    if (!connection?.joined || !connection.confirmsChat) return;
    connection.requests.request({ type: 'chatStored', messageId }).catch((error: unknown) => {
      if (this.closed) return;
      this.options.log?.(`chat request "chatStored" failed: ${(error as Error).message}`);
    });
  }

  /** Closes the socket without `leave`: the show goes on for viewers. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.dropConnection();
    this.pins.wake();
  }

  private connect(): void {
    if (this.closed) return;
    const ws = new WebSocket(this.options.signalUrl, { handshakeTimeout: 5000, maxPayload: 1024 * 1024 });
    const requests = new SignalRequests({
      send: (text) => ws.send(text),
      schedule: (callback, ms) => {
        const timer = setTimeout(callback, ms);
        return () => clearTimeout(timer);
      },
      timeoutMs: this.options.requestTimeoutMs ?? 5000,
    });
    const connection: Connection = { ws, requests, joined: false, confirmsChat: false };
    this.connection = connection;
    let socketError: Error | null = null;

    ws.on('open', () => {
      this.heardFromServer(connection);
      void this.join(connection);
    });
    ws.on('ping', () => this.heardFromServer(connection));
    ws.on('message', (data) => {
      if (this.closed) return;
      this.heardFromServer(connection);
      const push = requests.receive(data.toString());
      if (push) this.onPush(push);
    });
    ws.on('error', (error) => (socketError ??= error));
    ws.on('unexpected-response', (_req, res) => {
      socketError ??= new Error(`HTTP ${res.statusCode ?? '?'}`);
      ws.terminate();
    });
    ws.on('close', (code) => {
      requests.failAll();
      for (const extension of this.options.extensions ?? []) extension.lost(requests);
      if (this.connection !== connection) return;
      this.connection = null;
      this.clearSilenceTimer();
      if (this.closed) return;
      this.lost(code, socketError, connection.joined);
    });
  }

  private async join(connection: Connection): Promise<void> {
    try {
      const { reply, confirmsChat } = await joinAsHost(connection.requests, this.options);
      if (this.connection !== connection) return;
      connection.confirmsChat = confirmsChat;
      connection.joined = true;
      this.backoff.reset();
      this.everConnected = true;
      this.state = 'connected';
      this.error = null;
      this.live = reply.room.live;
      this.viewerCount = reply.room.viewerCount;
      // A new connection knows nothing of what the room shows: send the pin again.
      this.pins.forgetDelivered();
      this.options.onChange();
      this.sendPin();
      this.pushSellState();
      this.options.onJoined?.();
      for (const extension of this.options.extensions ?? []) extension.joined(reply, connection.requests);
      for (const request of this.chatOutbox.splice(0)) this.sendChat(request);
    } catch (error) {
      if (this.connection !== connection) return;
      const code = error instanceof SignalRequestError ? error.code : 'internal';
      // A wrong token will not fix itself quickly, but the SFU's operator may
      // change it: keep trying, slowly, and say why.
      if (code === 'unauthorized') {
        this.state = 'error';
        this.error = 'The SFU refused the host token. Check the host token in Settings (it is printed by "studio sfu").';
        this.backoff.exhaust();
        this.options.onChange();
      } else {
        this.error = `The SFU did not let the studio join: ${(error as Error).message}`;
      }
      connection.ws.close();
    }
  }

  private lost(code: number, socketError: Error | null, wasJoined: boolean): void {
    this.live = false;
    if (this.state !== 'error' || wasJoined) {
      this.state = this.everConnected ? 'reconnecting' : 'error';
      if (wasJoined || !this.error) this.error = describeLoss(code, socketError, this.options.signalUrl);
    }
    this.options.onChange();
    this.pins.wake();
    // The worker behind the room restarted: a new one is ready, rejoin at once.
    const delay = code === SignalCloseCode.serviceRestart ? 0 : this.backoff.next();
    // Logged once per outage, not on every retry of a long one.
    if (wasJoined) this.options.log?.(`link to ${this.options.signalUrl} lost (close ${code}); reconnecting`);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.state !== 'error') this.state = this.everConnected ? 'reconnecting' : 'connecting';
      this.connect();
    }, delay);
  }

  private onPush(push: SignalPush): void {
    switch (push.type) {
      case 'viewerCount':
        this.viewerCount = push.count;
        break;
      case 'liveChanged':
        this.live = push.live;
        // A show that ended (host `leave`) lost its pin on the SFU; when it
        // goes live again, put the studio's current pin back.
        if (push.live) {
          this.pins.forgetDelivered();
          this.sendPin();
          this.pushSellState();
        }
        break;
      case 'showEnded':
        this.live = false;
        break;
      case 'rejoin':
        // The socket closes with 1012 next; `lost` reconnects at once.
        return;
      case 'chatIncoming':
        this.options.onChatIncoming?.(push.message);
        return;
      case 'viewerJoined':
      case 'contactIncoming':
        this.options.onClaimPush?.(push);
        return;
      case 'egressStatus':
        this.options.onEgressStatus?.(push.status);
        return;
      case 'sellIncoming':
        this.options.onSellIncoming?.(push.action);
        return;
      default:
        for (const extension of this.options.extensions ?? []) if (extension.push(push)) return;
        return;
    }
    this.options.onChange();
  }

  private sendPin(): void {
    const wanted = this.pins.toSend();
    const connection = this.connection;
    const picture = connection?.joined && wanted ? this.pictures.send(connection, wanted.card?.imageId) : null;
    if (!picture) return this.sendPinNow();
    void picture.then(() => this.connection === connection && this.pins.toSend()?.version === wanted?.version && this.sendPinNow());
  }

  private sendPinNow(): void {
    const connection = this.connection;
    const wanted = this.pins.toSend();
    if (!connection?.joined || !wanted) return;
    const { card, version } = wanted;
    // Requests on one connection are handled in order, so a newer pin sent
    // before an older one is answered still ends up on screen.
    const sent = card
      ? // hostNow is read at send time (a re-send after a reconnect too): the SFU rebases the deal with it.
        connection.requests.request({ type: 'setPin', card, hostNow: Date.now() })
      : connection.requests.request({ type: 'clearPin' });
    sent.then(
      () => {
        if (this.connection === connection && this.pins.delivered(version)) this.options.onChange();
      },
      (error: unknown) => {
        if (this.connection !== connection) return;
        const code = error instanceof SignalRequestError ? error.code : 'internal';
        if (code === 'timeout') {
          // The SFU stopped answering: start over on a fresh connection (which re-sends the pin).
          connection.ws.terminate();
          return;
        }
        if (code === 'disconnected') return;
        if (this.pins.failed(version, (error as Error).message)) this.options.onChange();
      },
    );
  }

  /** The SFU pings every 20 s; a long silence means a dead path that TCP has not noticed yet. */
  private heardFromServer(connection: Connection): void {
    this.clearSilenceTimer();
    this.silenceTimer = setTimeout(() => {
      if (this.connection === connection) connection.ws.terminate();
    }, this.options.silenceTimeoutMs ?? 45_000);
  }

  private clearSilenceTimer(): void {
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    this.silenceTimer = null;
  }

  private dropConnection(): void {
    const connection = this.connection;
    this.connection = null;
    this.clearSilenceTimer();
    if (!connection) return;
    connection.requests.failAll();
    for (const extension of this.options.extensions ?? []) extension.lost(connection.requests);
    // Close, never `leave`: leaving would end the show for every viewer.
    if (connection.ws.readyState === WebSocket.CONNECTING) connection.ws.terminate();
    else connection.ws.close();
  }
}

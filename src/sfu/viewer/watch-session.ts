import { ServerClock } from '../../shared/sfu/deal-clock.js';
import { SIGNAL_PATH, SignalCloseCode } from '../../shared/sfu/protocol-constants.js';
import type { ProductCard } from '../../shared/sfu/product-card.js';
import type { ChatIdentity, ChatPush, ChatReplyData } from '../../shared/sfu/protocol-chat.js';
import type { RoomState, SignalPush, SignalReplyData } from '../../shared/sfu/protocol.js';
import type { SellAction, SellPush } from '../../shared/sfu/protocol-selling.js';
import { SignalRequestError } from '../../shared/sfu/signal-requests.js';
import { openBrowserSignalSocket, type SignalSocket } from '../../shared/sfu/signal-socket.js';
import { Backoff } from '../../shared/time/backoff.js';
import { AFTER_SHOW_ENDED, RECONNECT } from './reconnect-delay.js';
import type { VideoFeed, ViewportSize } from './feed-choice.js';
import { WatchMedia } from './watch-media.js';

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
  /** The video feed shown changed: 16:9 `main` or 9:16 `vertical` (feed-choice.ts). */
  readonly onVideoFeed: (feed: VideoFeed) => void;
  /** Resolves once a track paints frames off screen (a feed switch waits for it: no black flash). */
  readonly whenPlaying: (track: MediaStreamTrack) => Promise<void>;
  /** The page's size now (innerWidth × innerHeight). */
  readonly viewport: () => ViewportSize;
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

/** Per connection attempt: everything here is thrown away when the socket drops. */
interface Attempt {
  readonly socket: SignalSocket;
  /** In the show (false while the socket waits for it to open). */
  joined: boolean;
  /** The device, transport and consumers (made once the show is live). */
  media: WatchMedia | null;
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
      media: null,
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
      this.mediaOf(attempt).add(room.producers);
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
        this.mediaOf(attempt).add([{ producerId: push.producerId, kind: push.kind, feed: push.feed }]);
        break;
      case 'producerClosed':
        attempt.media?.remove(push.producerId);
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

  /** The screen turned or the window was resized (main.ts calls this, debounced). */
  viewportChanged(): void {
    this.attempt?.media?.viewportChanged();
  }

  /** This attempt's media: the device and transport are made with the first feed (once per attempt). */
  private mediaOf(attempt: Attempt): WatchMedia {
    attempt.media ??= new WatchMedia(attempt.socket.requests, {
      stream: this.events.stream,
      onTracksChanged: () => this.events.onTracksChanged(),
      onVideoFeed: (feed) => this.events.onVideoFeed(feed),
      whenPlaying: (track) => this.events.whenPlaying(track),
      viewport: () => this.events.viewport(),
      onUnsupported: () => {
        if (attempt !== this.attempt) return;
        this.update({ phase: 'unsupported' });
        this.dropAttempt();
      },
      onBroken: (error) => {
        if (attempt !== this.attempt) return;
        // Media setup failing on a live socket is rare; a clean rejoin fixes most causes.
        console.warn('Could not start the show’s media; rejoining', error);
        this.restart(attempt);
      },
    });
    return attempt.media;
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
    attempt.media?.close();
    attempt.socket.close();
    for (const track of this.events.stream.getTracks()) this.events.stream.removeTrack(track);
    this.events.onTracksChanged();
  }

  private update(patch: Partial<WatchStatus>): void {
    this.status = { ...this.status, ...patch };
    this.events.onStatus(this.status);
  }
}

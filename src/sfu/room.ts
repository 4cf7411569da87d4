import type { types } from 'mediasoup';
import type { ProductCard } from '../shared/sfu/product-card.js';
import type { ChatIncomingMessage } from '../shared/sfu/protocol-chat.js';
import type { ShowSellState } from '../shared/sfu/protocol-selling.js';
import type { EgressStatus } from '../shared/sfu/protocol-egress.js';
import type { AnnouncedProducer, MediaFeed, RoomState, ShowEndedReason, SignalPush } from '../shared/sfu/protocol.js';
import { feedOf } from './peer-media.js';
import { ChatReceipts } from './chat-receipts.js';
import { ShowEgress, type EgressProcess } from './egress/show-egress.js';
import { RoomChat } from './room-chat.js';
import { RoomGuests } from './room-guests.js';
import { RoomSelling } from './room-selling.js';
import { SignalFailure } from './signal-failure.js';
import type { SfuLog } from './sfu-log.js';

/** A joined connection as the room sees it (implemented by PeerSession). */
export interface RoomMember {
  /** Sends an already serialized push (serialized once per broadcast, not per viewer). */
  sendFrame(frame: string): void;
  /** The room's media is gone (worker died): tell the client to rejoin, then disconnect. */
  mustRejoin(): void;
  /** Too many host connections: this, the oldest, is disconnected. */
  replacedAsHost(): void;
  /** The publisher whose minted token this host connection joined with; null: the long-lived token (main's link, `studio sfu` clients). */
  readonly publisherId: string | null;
  /** Another publisher took the show over: this connection's media goes and it is disconnected. */
  replacedAsPublisher(): void;
  /** A host connection that confirms each viewer message it stored (`chatStored`); false for viewers. */
  readonly confirmsChat: boolean;
  /** The studio's own link (the long-lived token, confirmsChat): it controls multistream and hears `egressStatus`. */
  readonly controlsEgress: boolean;
}

export interface RoomDeps {
  readonly createRouter: () => Promise<types.Router>;
  readonly viewerCountIntervalMs: number;
  /** How long a viewer's chatSend reply waits for the studio's `chatStored`. */
  readonly chatStoredWaitMs: number;
  readonly log: SfuLog;
  /** The ffmpeg multistream runs (SfuOptions.ffmpegPath). */
  readonly ffmpegPath: string;
  /** Called when the room has no members left (the registry decides when to drop it). */
  readonly onEmpty: (room: Room) => void;
}

/**
 * One show: its mediasoup router, its host connections, viewers and guests,
 * what is pinned, and whether it is live. Everything a late joiner needs is
 * here (`state()`). Media objects belong to the members' sessions; the room
 * only announces the host's producers. A show may have a few host
 * connections at once (the studio's main process and renderer; a
 * reconnecting studio's new connection before the old one is found dead).
 * One feed per kind: the newest producer of a kind replaces the older one.
 */
export const MAX_HOST_CONNECTIONS = 4;

export class Room {
  private router: types.Router | null = null;
  private routerCreation: Promise<types.Router> | null = null;
  /** In join order: the first is the oldest. */
  private readonly hosts = new Set<RoomMember>();
  private readonly viewers = new Set<RoomMember>();
  private readonly producers = new Map<string, types.Producer>();
  private pin: ProductCard | null = null;
  /** The show's one publisher (set by the newest publish token minted for one); null: none named yet. */
  private publisherId: string | null = null;
  private ended = false;
  private viewerCountSent = 0;
  private viewerCountTimer: ReturnType<typeof setTimeout> | null = null;
  private viewerCountSentAt = 0;
  private closed = false;
  /** Names, recent published messages and the pinned one; moderation itself is the studio's. */
  readonly chat = new RoomChat<RoomMember>();
  readonly selling = new RoomSelling(); // auctions, giveaways, practice: latest state, watch times
  /** Viewer messages waiting for the studio to say it stored them. */
  private readonly chatReceipts: ChatReceipts<RoomMember>;
  /** Multistream (src/sfu/egress): made at the studio's first egressStart, ended with the show. */
  private egress: ShowEgress | null = null;
  /** Guests on air (room-guests.ts): their producers are never the room's, viewers never hear of them. */
  readonly guests: RoomGuests = new RoomGuests({
    hostProducerOf: (kind, feed) => this.producerOf(kind, feed),
    live: () => this.live,
    pushToHosts: (frame) => this.hosts.forEach((host) => host.sendFrame(frame)),
  });

  constructor(
    readonly show: string,
    private readonly deps: RoomDeps,
    /** The show ended recently (remembered by the registry after its room was dropped). */
    endedBefore = false,
  ) {
    this.ended = endedBefore;
    this.chatReceipts = new ChatReceipts(deps.chatStoredWaitMs);
  }

  /** Live: the host sends its main program (a vertical or return feed alone is not a show). */
  get live(): boolean {
    for (const producer of this.producers.values()) if (feedOf(producer) === 'main') return true;
    return false;
  }

  /** Distinct viewers (a viewer's id, kept by its watch page), not sockets: two tabs are one viewer. */
  get viewerCount(): number {
    return this.chat.viewerCount;
  }

  get hasRouter(): boolean {
    return this.router !== null;
  }

  get hasEnded(): boolean {
    return this.ended;
  }

  get hasHost(): boolean {
    return this.hosts.size > 0;
  }

  get isEmpty(): boolean {
    return this.hosts.size === 0 && this.viewers.size === 0 && this.guests.connectionCount === 0;
  }

  state(): RoomState {
    return {
      show: this.show,
      live: this.live,
      ended: this.ended,
      viewerCount: this.viewerCount,
      pin: this.pin,
      serverTime: Date.now(),
      producers: [...this.producers.values()]
        .filter((p) => feedOf(p) !== 'return')
        .map((p): AnnouncedProducer => ({ producerId: p.id, kind: p.kind, feed: feedOf(p) })),
      sell: this.selling.state,
      ...this.chat.state(),
    };
  }

  /** The router, or null before a host has opened the show. */
  currentRouter(): types.Router | null {
    return this.router;
  }

  /** Creates the router on first use; concurrent callers share one creation. */
  async openRouter(): Promise<types.Router> {
    if (this.router) return this.router;
    this.routerCreation ??= this.deps.createRouter().then(
      (router) => {
        this.routerCreation = null;
        if (this.closed) {
          router.close();
          throw new Error('The show closed while its router was starting.');
        }
        this.router = router;
        router.on('workerclose', () => this.mediaLost(router));
        return router;
      },
      (error: unknown) => {
        this.routerCreation = null;
        throw error;
      },
    );
    return this.routerCreation;
  }

  /** Adds a host connection (the oldest goes when there are too many). A host joining un-ends the show. */
  addHost(member: RoomMember): void {
    if (this.hosts.size >= MAX_HOST_CONNECTIONS) {
      const oldest = this.hosts.values().next().value;
      if (oldest) {
        this.forgetHost(oldest);
        oldest.replacedAsHost();
      }
    }
    this.hosts.add(member);
    this.reopen();
    this.scheduleViewerCount();
  }

  /**
   * Makes `publisherId` the show's publisher (a token is minted for it). Refused while another publisher is
   * live, unless `takeOver`; its connections are then closed, so two never send at once (they are told why).
   */
  setPublisher(publisherId: string, takeOver: boolean): void {
    if (this.publisherId === publisherId) return;
    const otherIsLive = this.publisherId !== null && this.live;
    if (otherIsLive && !takeOver) throw new SignalFailure('conflict', 'Another studio is live on this show.');
    this.publisherId = publisherId;
    for (const host of [...this.hosts]) {
      if (host.publisherId === null || host.publisherId === publisherId) continue;
      this.forgetHost(host);
      host.replacedAsPublisher();
    }
  }

  /** May a host connection of this publisher send media? The long-lived token (null) always may. */
  mayProduce(publisherId: string | null): boolean {
    return publisherId === null || this.publisherId === null || this.publisherId === publisherId;
  }

  addViewer(member: RoomMember): void {
    this.viewers.add(member);
    this.scheduleViewerCount();
  }

  /** A member disconnected or left. A host leaving this way is not an ended show: it may come back. */
  removeMember(member: RoomMember, left = false): void {
    // A host connection dropping is not the show ending: it may come back.
    if (this.viewers.delete(member)) this.scheduleViewerCount();
    else if (!this.forgetHost(member)) this.guests.disconnect(member, left);
    if (this.isEmpty) this.deps.onEmpty(this);
  }

  /** A host connection goes (dropped, left, replaced): a viewer message only it could confirm fails now. */
  private forgetHost(member: RoomMember): boolean {
    if (!this.hosts.delete(member)) return false;
    this.chatReceipts.hostGone(member);
    return true;
  }

  isHost(member: RoomMember): boolean {
    return this.hosts.has(member);
  }

  addProducer(producer: types.Producer): void {
    const wasLive = this.live;
    this.reopen(); // a feed after the end starts the show again (viewers here count their watch time from now)
    this.producers.set(producer.id, producer);
    // However the producer goes (closeProducer, transport closed, host gone), viewers hear of it.
    const feed = feedOf(producer);
    producer.observer.once('close', () => {
      const liveBefore = this.live;
      if (!this.producers.delete(producer.id)) return;
      if (feed !== 'return') this.broadcast({ type: 'producerClosed', producerId: producer.id });
      if (liveBefore && !this.live) this.broadcast({ type: 'liveChanged', live: false });
      this.egress?.feedsChanged();
      this.guests.changed();
    });
    // The return feed is for guests only (the program without them); viewers never hear of it.
    if (feed !== 'return') this.broadcast({ type: 'newProducer', producerId: producer.id, kind: producer.kind, feed });
    if (!wasLive && this.live) this.broadcast({ type: 'liveChanged', live: true });
    this.egress?.feedsChanged();
    this.guests.changed();
  }

  /** The current producer of a kind and feed, if any (a new producer of that kind and feed replaces it). */
  producerOf(kind: types.MediaKind, feed: MediaFeed = 'main'): types.Producer | undefined {
    for (const producer of this.producers.values()) if (producer.kind === kind && feedOf(producer) === feed) return producer;
    return undefined;
  }

  hostProducer(producerId: string): types.Producer | undefined {
    return this.producers.get(producerId);
  }

  private reopen(): void {
    if (!this.ended) return;
    this.ended = false;
    this.selling.showRestarted(this.chat.viewerIds(), Date.now());
  }

  /** The studio's selling state (on this server's clock) to every connection; late joiners get it in `state().sell`. */
  setSellState(state: ShowSellState): void {
    this.selling.setState(state);
    this.broadcast({ type: 'sellState', state, serverTime: Date.now() });
  }

  setPin(card: ProductCard | null): void {
    this.pin = card;
    this.broadcast({ type: 'pin', card, serverTime: Date.now() });
  }

  /** The host ended the show (or the server is stopping): viewers are told; a late joiner sees "ended". */
  endShow(reason: ShowEndedReason): void {
    this.ended = true;
    void this.endEgress(reason === 'host-ended' ? 'The show ended.' : 'The media server is shutting down.');
    this.pin = null;
    this.chat.clearMessages();
    this.selling.showEnded();
    for (const producer of [...this.producers.values()]) producer.close();
    this.broadcast({ type: 'showEnded', reason }, { host: false, guests: true });
  }

  /** Closes the router; members must already be gone or be told separately. */
  close(): void {
    this.closed = true;
    void this.endEgress('The show closed.');
    this.chatReceipts.failAll();
    this.guests.close();
    if (this.viewerCountTimer) clearTimeout(this.viewerCountTimer);
    this.viewerCountTimer = null;
    this.router?.close();
    this.router = null;
  }

  /** The show's multistream, made on first use (a show that ended starts a new one). */
  egressControl(): ShowEgress {
    if (this.closed) throw new SignalFailure('unavailable', 'The show has closed.');
    if (!this.egress || this.egress.isClosed) {
      this.egress = new ShowEgress({
        show: this.show,
        ffmpegPath: this.deps.ffmpegPath,
        log: this.deps.log,
        source: { router: () => this.router, producer: (kind, feed) => this.producerOf(kind, feed) },
        // To the studio's own link alone (egressStatus).
        onStatus: (status) => this.pushToHosts({ type: 'egressStatus', status }, (host) => host.controlsEgress),
      });
    }
    return this.egress;
  }

  /** The multistream status now: empty when there is none (or it ended with the show). */
  egressStatus(): EgressStatus {
    if (this.egress && !this.egress.isClosed) return this.egress.status();
    return { encoder: { state: 'idle', reason: null, width: null, height: null, fps: null }, destinations: [], serverTime: Date.now() };
  }

  /** The multistream of an open show, if any (egressStop, egressReconnect). */
  currentEgress(): ShowEgress | null {
    return this.egress && !this.egress.isClosed ? this.egress : null;
  }

  /** Stops every destination and ffmpeg of this show; resolves when they are gone. */
  endEgress(reason: string): Promise<void> {
    return this.egress?.end(reason) ?? Promise.resolve();
  }

  egressProcesses(): EgressProcess[] {
    return this.currentEgress()?.processes() ?? [];
  }

  private pushToHosts(push: SignalPush, to: (host: RoomMember) => boolean): void {
    const frame = JSON.stringify(push);
    for (const host of this.hosts) if (to(host)) host.sendFrame(frame);
  }

  private mediaLost(router: types.Router): void {
    if (this.router !== router) return;
    const members = [...this.viewers, ...this.hosts, ...this.guests.members()];
    this.deps.log.warn(`show ${this.show}: media worker lost; asking ${members.length} client(s) to rejoin`);
    this.router = null;
    this.producers.clear();
    for (const member of members) member.mustRejoin();
  }

  /** Chat goes to viewers only: the studio already knows what it published. */
  pushToViewers(push: SignalPush): void {
    this.broadcast(push, { host: false });
  }

  /**
   * A viewer's message goes to every host connection for moderation. Resolves
   * true once a connection that confirms (`confirmsChat`) stored it; false
   * when none did in time or all went (the viewer is asked to send it again).
   * With no such connection (an older studio) true at once: "forwarded".
   */
  forwardChat(message: ChatIncomingMessage): Promise<boolean> {
    const confirming = [...this.hosts].filter((host) => host.confirmsChat);
    const stored = confirming.length > 0 ? this.chatReceipts.expect(message.id, confirming) : Promise.resolve(true);
    const frame = JSON.stringify({ type: 'chatIncoming', message } satisfies SignalPush);
    for (const host of this.hosts) host.sendFrame(frame);
    return stored.then((received) => {
      if (!received) this.deps.log.warn(`show ${this.show}: the studio did not confirm a viewer's message; the viewer was asked to send it again`);
      return received;
    });
  }

  /** To the studio's own link only (confirmsChat), never viewers nor a publishing page; returns how many got it. */
  pushToStudio(push: SignalPush): number {
    this.pushToHosts(push, (host) => host.confirmsChat);
    return [...this.hosts].filter((host) => host.confirmsChat).length;
  }

  /** `chatStored`: the studio has the message; its viewer gets the reply now. */
  chatStored(messageId: string): void {
    this.chatReceipts.confirm(messageId);
  }

  /** Guests hear only what is theirs (`guests: true`): their views come from room-guests.ts. */
  private broadcast(push: SignalPush, to: { host?: boolean; guests?: boolean } = {}): void {
    const frame = JSON.stringify(push);
    for (const viewer of this.viewers) viewer.sendFrame(frame);
    if (to.host !== false) for (const host of this.hosts) host.sendFrame(frame);
    if (to.guests === true) for (const guest of this.guests.members()) guest.sendFrame(frame);
  }

  /** Viewer counts change in bursts (a show going live): send at most one per interval, always the latest. */
  private scheduleViewerCount(): void {
    if (this.viewerCountTimer || this.closed) return;
    const wait = Math.max(0, this.viewerCountSentAt + this.deps.viewerCountIntervalMs - Date.now());
    this.viewerCountTimer = setTimeout(() => {
      this.viewerCountTimer = null;
      const count = this.viewerCount;
      if (count === this.viewerCountSent) return;
      this.viewerCountSent = count;
      this.viewerCountSentAt = Date.now();
      this.broadcast({ type: 'viewerCount', count });
    }, wait);
  }
}

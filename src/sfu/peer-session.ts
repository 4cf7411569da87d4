import type { types } from 'mediasoup';
import { rebaseDeal } from '../shared/sfu/deal-clock.js';
import { SFU_PROTOCOL_VERSION, SignalCloseCode } from '../shared/sfu/protocol-constants.js';
import type {
  MediasoupObject,
  SignalPush,
  SignalReplyData,
  SignalRequest,
  SignalRequestType,
  SignalRole,
} from '../shared/sfu/protocol.js';
import type { HostTokens } from './host-tokens.js';
import { handleHostChat, PeerChat } from './peer-chat.js';
import { consumableFor, guestProduce, handleGuestHost, joinAsGuest } from './peer-guest.js';
import { PeerMedia } from './peer-media.js';
import { ALLOWED_ROLES, RECEIVE_ONLY_REQUESTS, refusalFor } from './peer-roles.js';
import { handleHostSelling, noteWatcher, PeerSelling } from './peer-selling.js';
import type { Room, RoomMember } from './room.js';
import type { GuestMember } from './room-guests.js';
import type { RoomRegistry } from './room-registry.js';
import { SignalFailure } from './signal-failure.js';
import type { SfuLog } from './sfu-log.js';
import type { SfuOptions } from './sfu-options.js';
import type { ViewerIds } from './viewer-ids.js';

/** What a session needs from its socket (a `ws` WebSocket in production). */
export interface SessionSocket {
  send(frame: string): void;
  close(code: number, reason: string): void;
}

export interface SessionDeps {
  readonly rooms: RoomRegistry;
  readonly hostTokens: HostTokens;
  readonly listenIps: SfuOptions['listenIps'];
  readonly log: SfuLog;
  readonly viewerIds: ViewerIds;
  /**
   * Compares a host token for this connection's address, under the lockout
   * after wrong tokens (src/shared/net/token-lockout.ts); throws the refusal.
   */
  readonly admitHostToken: (show: string, token: string) => void;
  /** One chat message's worth of this connection's address budget (all its connections share it); false: over it. */
  readonly takeAddressChatToken: () => boolean;
  /** One bid's or entry's worth of this address's selling budget (apart from chat's); false: over it. */
  readonly takeAddressSellToken: () => boolean;
  /** False while the server shuts down: joins are refused. */
  readonly acceptingJoins: () => boolean;
}

type Reply = SignalReplyData[SignalRequestType];

/**
 * One signaling connection: its role in one room and its media. Requests
 * arrive already validated (signaling-server.ts) and one at a time; each
 * handler checks permissions and state before changing anything, so a
 * refused request leaves everything as it was.
 */
export class PeerSession implements RoomMember, GuestMember {
  private joined: { room: Room; role: SignalRole } | null = null;
  /** The publisher whose minted token this host joined with (null: the long-lived token, or a viewer). */
  publisherId: string | null = null;
  /** A host that joined with `confirmsChat`: viewers' chatSend replies wait for its `chatStored`. */
  confirmsChat = false;
  /** A host that joined with the show's long-lived token (not one minted by `mintPublishToken`). */
  private longLivedToken = false;
  /** Joined with a receive-only token (a backstage preview): media in, nothing out. */
  private receiveOnly = false;
  private readonly media: PeerMedia;
  private readonly chat: PeerChat;
  private readonly selling: PeerSelling;
  private closed = false;

  constructor(
    readonly id: string,
    private readonly socket: SessionSocket,
    private readonly deps: SessionDeps,
    /** Why this connection may not host (its page or address is not the studio's); null: it may, with the token. */
    private readonly hostRefusal: string | null = null,
  ) {
    this.media = new PeerMedia(deps.listenIps);
    this.chat = new PeerChat(this, deps.viewerIds, deps.takeAddressChatToken);
    this.selling = new PeerSelling(deps.takeAddressSellToken);
  }

  /** The role once joined; null before. */
  get role(): SignalRole | null {
    return this.joined?.role ?? null;
  }

  get hasJoined(): boolean {
    return this.joined !== null;
  }

  /** Waiting for a show that has no room yet (`waitForShow`). */
  get isWaiting(): boolean {
    return this.deps.rooms.waiters.isWaiting(this);
  }

  async handle(request: SignalRequest): Promise<Reply> {
    if (request.type === 'join') return this.join(request);
    if (request.type === 'waitForShow') return this.waitForShow(request.show);
    const joined = this.joined;
    if (!joined) throw new SignalFailure('not-joined', 'Join a show first.');
    if (!ALLOWED_ROLES[request.type].includes(joined.role)) throw new SignalFailure('forbidden', refusalFor(joined.role, request.type));
    if (this.receiveOnly && !RECEIVE_ONLY_REQUESTS.has(request.type)) {
      throw new SignalFailure('forbidden', `A receive-only connection may not send "${request.type}".`);
    }
    const { room, role } = joined;
    switch (request.type) {
      case 'routerRtpCapabilities':
        return { rtpCapabilities: this.routerOf(room).rtpCapabilities as unknown as MediasoupObject };
      case 'createTransport':
        // Hosts send (and receive their guests), guests both, viewers only receive.
        if ((role === 'viewer' || this.receiveOnly) && request.direction !== 'recv') throw new SignalFailure('forbidden', 'A viewer may only create a recv transport.');
        return this.media.createTransport(this.routerOf(room), request.direction);
      case 'connectTransport':
        await this.media.connectTransport(request.transportId, request.dtlsParameters);
        return {};
      case 'restartIce':
        return this.media.restartIce(request.transportId);
      case 'produce': {
        if (role === 'guest') return guestProduce(room, this, this.media, request);
        if (!room.mayProduce(this.publisherId)) {
          throw new SignalFailure('conflict', 'Another publisher took this show over; this connection may not send media.');
        }
        if ((request.feed === 'vertical' && request.kind !== 'video') || (request.feed === 'return' && request.kind !== 'audio')) {
          throw new SignalFailure('invalid-message', request.feed === 'vertical' ? 'The vertical feed is video only.' : 'The return feed is audio only.');
        }
        // The newest feed of a kind wins: usually the same studio, reconnected, while its old socket lingers.
        const current = room.producerOf(request.kind, request.feed);
        if (current && !this.media.ownsProducer(current.id)) current.close();
        const producerId = await this.media.produce(request.transportId, request.kind, request.rtpParameters, request.feed, (p) =>
          room.addProducer(p),
        );
        return { producerId };
      }
      case 'closeProducer':
        this.media.closeProducer(request.producerId);
        return {};
      case 'consume': {
        const producer = consumableFor(room, role, this, request.producerId);
        return this.media.consume(this.routerOf(room), request.transportId, producer, request.rtpCapabilities, request.replace);
      }
      case 'resume':
        await this.media.resume(request.consumerId);
        return {};
      case 'setPin': {
        // The deal's times arrive on the host's clock; viewers count on this server's (it stamps serverTime).
        const card = request.hostNow === undefined ? request.card : rebaseDeal(request.card, request.hostNow, Date.now());
        room.setPin(card);
        return { pin: card };
      }
      case 'clearPin':
        room.setPin(null);
        return {};
      case 'mintPublishToken':
        if (request.receiveOnly) return this.deps.hostTokens.mint(room.show, request.ttlSeconds * 1000, null, true);
        if (request.publisherId !== undefined) room.setPublisher(request.publisherId, request.takeOver);
        return this.deps.hostTokens.mint(room.show, request.ttlSeconds * 1000, request.publisherId ?? null);
      case 'chatSend':
        // Checked and forwarded before this returns; the reply waits for the studio (signaling-server.ts does not hold the queue for it).
        return this.chat.send(room, request.text);
      case 'chatSetName':
        return this.chat.setName(room, request.name);
      case 'chatPublish':
      case 'chatDelete':
      case 'chatPinMessage':
      case 'chatNotice':
      case 'chatReserveNames':
        return handleHostChat(room, request);
      case 'viewerClaims':
        // A buyer's list and contact come from the studio's own link alone, never from a publishing page or an older studio's.
        if (!this.confirmsChat) throw new SignalFailure('forbidden', 'Only the studio’s own link (joined with confirmsChat) may send "viewerClaims".');
        return handleHostChat(room, request);
      case 'claimContact':
        return this.chat.shareContact(room, request.contact);
      case 'egressStart':
        this.assertControlsEgress(request.type);
        await room.egressControl().start(request.destination);
        return {};
      case 'egressStop':
        this.assertControlsEgress(request.type);
        await room.currentEgress()?.stop(request.id);
        return {};
      case 'egressReconnect': {
        this.assertControlsEgress(request.type);
        const egress = room.currentEgress();
        if (!egress) throw new SignalFailure('not-found', 'No such destination in this show.');
        egress.reconnect(request.id);
        return {};
      }
      case 'egressList':
        this.assertControlsEgress(request.type);
        return room.egressStatus();
      case 'sellAction':
        return this.selling.act(room, this.chat.current, request.action);
      case 'sellState':
      case 'sellNotice':
        return handleHostSelling(room, this.confirmsChat, request);
      case 'chatStored':
        room.chatStored(request.messageId);
        return {};
      case 'leave':
        this.leave();
        return {};
      case 'guestInvites':
      case 'guestControl':
        return handleGuestHost(room, this.controlsEgress, request);
    }
  }

  private async join(request: Extract<SignalRequest, { type: 'join' }>): Promise<SignalReplyData['join']> {
    if (this.joined) throw new SignalFailure('already-joined', 'This connection has already joined a show.');
    if (!this.deps.acceptingJoins()) throw new SignalFailure('unavailable', 'The SFU is shutting down.');
    const { rooms } = this.deps;
    if (request.role === 'host') {
      // Before the token is even looked at: a page of another site may not try tokens.
      if (this.hostRefusal !== null) {
        this.deps.log.warn(`refused a host join for show ${request.show}: ${this.hostRefusal}`);
        throw new SignalFailure('forbidden', this.hostRefusal);
      }
      this.deps.admitHostToken(request.show, request.hostToken);
      // Only the studio's own link (the long-lived token) keeps chat, claims and contacts; a publishing page never does.
      if (request.confirmsChat === true && this.deps.hostTokens.isMinted(request.show, request.hostToken)) {
        throw new SignalFailure('forbidden', 'A publishing page joins without confirmsChat: only the studio’s own link keeps chat and buyers’ contacts.');
      }
      const existing = rooms.get(request.show);
      if (!existing?.hasRouter && !rooms.canOpenAnotherShow()) {
        throw new SignalFailure('unavailable', 'This SFU is running as many shows as it may; try again later.');
      }
      const room = rooms.getOrCreate(request.show);
      try {
        await room.openRouter();
      } catch (error) {
        this.deps.log.error(`show ${request.show}: could not open a router`, error);
        if (room.isEmpty) room.removeMember(this); // lets the registry drop the unused room
        throw new SignalFailure('unavailable', 'The SFU cannot open the show right now; try again in a moment.');
      }
      if (this.closed) {
        if (room.isEmpty) room.removeMember(this);
        throw new SignalFailure('unavailable', 'The connection closed while joining.');
      }
      this.publisherId = this.deps.hostTokens.publisherOf(request.show, request.hostToken);
      this.longLivedToken = !this.deps.hostTokens.isMinted(request.show, request.hostToken);
      this.receiveOnly = this.deps.hostTokens.isReceiveOnly(request.show, request.hostToken);
      this.confirmsChat = request.confirmsChat === true;
      // A receive-only connection (a backstage preview) only hears and receives guests: it opens, re-opens (after
      // End show) or takes a host's place in nothing.
      if (this.receiveOnly) room.guests.watch(this);
      else room.addHost(this);
      this.joined = { room, role: 'host' };
      rooms.waiters.stop(this);
      if (!this.receiveOnly) rooms.waiters.opened(request.show);
      this.deps.log.info(`show ${request.show}: host joined (${this.id})`);
      return { protocolVersion: SFU_PROTOCOL_VERSION, role: 'host', room: room.state(), guests: room.guests.hostView() };
    }
    // Only a host opens a show: a viewer of an unknown show id creates nothing (the watch page asks again later).
    const room = rooms.get(request.show);
    if (!room) {
      if (rooms.endedRecently(request.show)) throw new SignalFailure('show-ended', 'The show has ended.');
      throw new SignalFailure('not-started', 'This show hasn’t started yet.');
    }
    if (request.role === 'guest') {
      if (this.closed) throw new SignalFailure('unavailable', 'The connection closed while joining.');
      const reply = joinAsGuest(room, this, request);
      this.joined = { room, role: 'guest' };
      rooms.waiters.stop(this);
      return reply;
    }
    const chat = this.chat.join(room, request.viewerKey, request.name);
    room.addViewer(this);
    noteWatcher(room, chat.viewerId);
    this.joined = { room, role: 'viewer' };
    rooms.waiters.stop(this);
    // A returning viewer (same viewerKey: same id) gets their claims from the studio again ("My claims" survives a reload).
    if (request.viewerKey !== undefined) room.pushToStudio({ type: 'viewerJoined', viewerId: chat.viewerId });
    return { protocolVersion: SFU_PROTOCOL_VERSION, role: 'viewer', room: room.state(), chat };
  }

  /**
   * Before joining: a show without a room keeps this connection waiting (it
   * is told `showOpened` when a host opens the show); nothing is created.
   * An open show: join now.
   */
  private waitForShow(show: string): SignalReplyData['waitForShow'] {
    if (this.joined) throw new SignalFailure('already-joined', 'This connection has already joined a show.');
    if (!this.deps.acceptingJoins()) throw new SignalFailure('unavailable', 'The SFU is shutting down.');
    const { waiters } = this.deps.rooms;
    if (this.deps.rooms.get(show)) {
      waiters.stop(this);
      return { waiting: false };
    }
    waiters.wait(show, this);
    return { waiting: true };
  }

  /** `leave`: a host ends the show for everyone; a viewer just goes. The socket stays open. */
  private leave(): void {
    const joined = this.joined;
    if (!joined) return;
    if (joined.role === 'host') {
      joined.room.endShow('host-ended');
      this.deps.log.info(`show ${joined.room.show}: ended by the host`);
    }
    this.detach(true);
  }

  /**
   * The studio's own link: joined with the show's long-lived token (never a
   * minted publish token, so never a publishing page or a producer console)
   * and with confirmsChat (what the studio's main process joins with). Stream
   * keys go only between it and this server.
   */
  get controlsEgress(): boolean {
    return this.joined?.role === 'host' && this.longLivedToken && this.publisherId === null && this.confirmsChat;
  }

  private assertControlsEgress(type: SignalRequestType): void {
    if (!this.controlsEgress) {
      throw new SignalFailure('forbidden', `Only the studio’s own link (the show’s host token, joined with confirmsChat) may send "${type}".`);
    }
  }

  private routerOf(room: Room): types.Router {
    const router = room.currentRouter();
    if (!router) throw new SignalFailure('conflict', 'The show has not started yet.');
    return router;
  }

  sendFrame(frame: string): void {
    if (!this.closed) this.socket.send(frame);
  }

  push(message: SignalPush): void {
    this.sendFrame(JSON.stringify(message));
  }

  mustRejoin(): void {
    this.push({ type: 'rejoin', reason: 'media-server-restarted' });
    this.disconnect(SignalCloseCode.serviceRestart, 'Media server restarted; join again.');
  }

  replacedAsHost(): void {
    // The room has already let go of this connection; only its media is left to close.
    this.media.closeAll();
    this.joined = null;
    this.disconnect(SignalCloseCode.hostReplaced, 'Too many host connections for this show; this, the oldest, was closed.');
  }

  /** The host removed this guest or withdrew its invite. */
  removedAsGuest(reason: string): void {
    this.disconnect(SignalCloseCode.guestRemoved, reason);
  }

  keepConsumersOf(allowed: ReadonlySet<string>): void {
    this.media.keepConsumersOf(allowed);
  }

  replacedAsPublisher(): void {
    this.media.closeAll();
    this.joined = null;
    this.disconnect(SignalCloseCode.publisherReplaced, 'Another publisher took this show over.');
  }

  /** Server shutdown: the room already broadcast `showEnded`. */
  shutdown(): void {
    this.disconnect(SignalCloseCode.goingAway, 'The SFU is shutting down.');
  }

  /** The socket closed (for any reason): release media and leave the room. */
  onSocketClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.deps.rooms.waiters.stop(this);
    this.detach();
  }

  private disconnect(code: number, reason: string): void {
    if (this.closed) return;
    this.socket.close(code, reason);
    this.onSocketClosed();
  }

  /** `left`: the member said `leave` (a guest is forgotten at once, not kept for a reconnect). */
  private detach(left = false): void {
    this.media.closeAll();
    const joined = this.joined;
    this.joined = null;
    if (joined) this.chat.leave(joined.room);
    joined?.room.removeMember(this, left);
  }
}

import crypto from 'node:crypto';
import type { types } from 'mediasoup';
import {
  MAX_GUESTS_ON_AIR,
  MAX_GUESTS_PER_SHOW,
  type GuestControlAction,
  type GuestInviteEntry,
  type GuestPeer,
  type GuestView,
} from '../shared/sfu/protocol-guests.js';
import type { SignalPush } from '../shared/sfu/protocol.js';
import { SignalFailure } from './signal-failure.js';

/** A guest on air who dropped keeps their place this long, so a reload brings them back. */
export const GUEST_RECONNECT_GRACE_MS = 60_000;
/** The guestId's length: 22 base64url characters of SHA-256 (132 bits). */
const GUEST_ID_LENGTH = 22;

export const INVITE_REFUSED = 'This invite link has expired or was withdrawn. Ask the host for a new one.';
const INVITE_TAKEN = 'Someone else has already joined with this invite link. Ask the host for a link of your own.';
const SHOW_FULL = `This show already has ${MAX_GUESTS_PER_SHOW} guests, the most it can take. Ask the host to make room.`;
const INVITE_WITHDRAWN = 'The host withdrew your invite. Ask the host for a new link if you should be here.';
const REMOVED = 'The host removed you from the show.';
/** A reusable link admits this many guests at once (so one shared link cannot fill the show). */
export const MAX_GUESTS_PER_REUSABLE_INVITE = 4;
const INVITE_FULL = `${MAX_GUESTS_PER_REUSABLE_INVITE} guests are here with this invite link already, the most one link may bring. Ask the host for a link of your own.`;

/** A guest's connection as the room sees it (implemented by PeerSession). */
export interface GuestMember {
  sendFrame(frame: string): void;
  /** The guest was removed or its invite withdrawn: close the socket (guestRemoved) with this reason. */
  removedAsGuest(reason: string): void;
  /** The room's media worker died: tell the client to rejoin, then disconnect. */
  mustRejoin(): void;
  /** Closes this connection's consumers of producers not in `allowed` (its play list shrank). */
  keepConsumersOf(allowed: ReadonlySet<string>): void;
}

/** What the guests need from their room: the host's feeds, and who to tell. */
export interface GuestRoomSide {
  hostProducerOf(kind: types.MediaKind, feed: 'main' | 'return'): types.Producer | undefined;
  live(): boolean;
  pushToHosts(frame: string): void;
}

interface Invite {
  readonly entry: GuestInviteEntry;
  /** expiresAt on this server's clock; null: until withdrawn. */
  readonly expiresAt: number | null;
}

interface Guest {
  readonly guestId: string;
  readonly inviteId: string;
  name: string;
  onAir: boolean;
  audioMuted: boolean;
  videoHidden: boolean;
  readonly joinedAt: number;
  readonly connections: Set<GuestMember>;
  readonly producers: Map<types.MediaKind, types.Producer>;
  forgetTimer: ReturnType<typeof setTimeout> | null;
  /** The pauses and resumes under way (applyPause). */
  pausing: Promise<void>;
  /** The last guestView sent (skips pushes that change nothing). */
  lastView: string;
}

/** The guestId of (invite, guestKey): the same page reloading is the same guest. */
export function guestIdOf(inviteId: string, guestKey: string): string {
  return crypto.createHash('sha256').update(`${inviteId}\n${guestKey}`).digest('base64url').slice(0, GUEST_ID_LENGTH);
}

/**
 * One show's guests (protocol-guests.ts, docs/sfu-protocol.md "Guests"): the
 * studio's invite list, who came in with which invite, who is on air in
 * which slot, muted or hidden, and their producers. Guest producers are never
 * the room's (viewers never hear of them); host connections learn of them in
 * `guests` pushes, each guest its own `guestView`.
 */
export class RoomGuests {
  private invites = new Map<string, Invite>();
  /** A single-use invite's first guestKey (kept while the invite is listed). */
  private readonly bindings = new Map<string, string>();
  private readonly guests = new Map<string, Guest>();
  private onAirOrder: string[] = [];
  private memberGuest = new Map<GuestMember, Guest>();
  /** guestIds the host removed: refused if they come back, even while their (reusable) invite stays listed. */
  private readonly removed = new Set<string>();
  private lastHostPush = '';
  /** Receive-only host connections (the studio's backstage before Go live): told of guests, never a host of the room. */
  private readonly watchers = new Set<{ sendFrame(frame: string): void }>();

  constructor(private readonly room: GuestRoomSide) {}

  /** Connections of guests (an empty room has none). */
  get connectionCount(): number {
    return this.memberGuest.size + this.watchers.size;
  }

  /** A receive-only host connection: it hears the guests (and may consume them); it opens, ends or re-opens nothing. */
  watch(member: { sendFrame(frame: string): void }): void {
    this.watchers.add(member);
  }

  members(): GuestMember[] {
    return [...this.memberGuest.keys()];
  }

  /**
   * The studio's whole list (replacing the last); guests whose invite is gone
   * (revoked) are disconnected and forgotten. An expired invite stays listed:
   * it admits no one new, but its guests stay (and may reconnect).
   */
  setInvites(entries: readonly GuestInviteEntry[], hostNow: number): { active: number } {
    const shift = Date.now() - hostNow;
    this.invites = new Map(entries.map((entry) => [entry.inviteId, { entry, expiresAt: entry.expiresAt === null ? null : entry.expiresAt + shift }]));
    for (const inviteId of [...this.bindings.keys()]) {
      const invite = this.invites.get(inviteId);
      if (!invite?.entry.singleUse) this.bindings.delete(inviteId);
    }
    for (const guest of [...this.guests.values()]) {
      if (!this.invites.has(guest.inviteId)) this.forget(guest, INVITE_WITHDRAWN);
    }
    this.changed();
    return { active: this.invites.size };
  }

  /**
   * Admits a guest's connection with its invite token, or throws a refusal
   * the guest can act on. A known guest (same invite and key) comes back to
   * its place.
   */
  admit(member: GuestMember, token: string, guestKey: string, name: string): GuestView {
    const tokenHash = crypto.createHash('sha256').update(token).digest('hex');
    const invite = [...this.invites.values()].find((i) => timingSafeEqualHex(i.entry.tokenHash, tokenHash));
    if (!invite) throw new SignalFailure('forbidden', INVITE_REFUSED);
    const { inviteId } = invite.entry;
    const guestId = guestIdOf(inviteId, guestKey);
    if (this.removed.has(guestId)) throw new SignalFailure('forbidden', REMOVED);
    let guest = this.guests.get(guestId);
    // Past its expiry an invite admits no one new; a guest already here (a reload, a dropped network) comes back.
    if (!guest && invite.expiresAt !== null && invite.expiresAt <= Date.now()) throw new SignalFailure('forbidden', INVITE_REFUSED);
    const bound = this.bindings.get(inviteId);
    if (invite.entry.singleUse && bound !== undefined && bound !== guestKey) throw new SignalFailure('forbidden', INVITE_TAKEN);
    if (!guest) {
      if (this.guests.size >= MAX_GUESTS_PER_SHOW) throw new SignalFailure('conflict', SHOW_FULL);
      if ([...this.guests.values()].filter((g) => g.inviteId === inviteId).length >= MAX_GUESTS_PER_REUSABLE_INVITE) {
        throw new SignalFailure('conflict', INVITE_FULL);
      }
      guest = {
        guestId,
        inviteId,
        name,
        onAir: false,
        audioMuted: false,
        videoHidden: false,
        joinedAt: Date.now(),
        connections: new Set(),
        producers: new Map(),
        forgetTimer: null,
        pausing: Promise.resolve(),
        lastView: '',
      };
      this.guests.set(guestId, guest);
    }
    if (invite.entry.singleUse) this.bindings.set(inviteId, guestKey);
    if (guest.forgetTimer) clearTimeout(guest.forgetTimer);
    guest.forgetTimer = null;
    guest.name = name;
    guest.connections.add(member);
    this.memberGuest.set(member, guest);
    const view = this.viewOf(guest);
    guest.lastView = JSON.stringify(view);
    this.changed();
    return view;
  }

  /**
   * A guest connection went (page closed, dropped, or `left`). A guest on air
   * whose last connection dropped stays listed, disconnected, for a minute;
   * one who left, or was never on air, is forgotten at once.
   */
  disconnect(member: object, left = false): boolean {
    if (this.watchers.delete(member as { sendFrame(frame: string): void })) return true;
    const guest = this.memberGuest.get(member as GuestMember);
    if (!guest) return false;
    this.memberGuest.delete(member as GuestMember);
    guest.connections.delete(member as GuestMember);
    if (guest.connections.size === 0 && this.guests.get(guest.guestId) === guest && (left || !guest.onAir)) {
      this.forget(guest, null);
    } else if (guest.connections.size === 0 && this.guests.get(guest.guestId) === guest) {
      guest.forgetTimer = setTimeout(() => {
        guest.forgetTimer = null;
        if (guest.connections.size === 0) this.forget(guest, null);
        this.changed();
      }, GUEST_RECONNECT_GRACE_MS);
      guest.forgetTimer.unref();
    }
    this.changed();
    return true;
  }

  /** The guest this connection is (null: not a guest connection, or forgotten). */
  guestOf(member: GuestMember): Guest | null {
    return this.memberGuest.get(member) ?? null;
  }

  /** The studio's `guestControl`; resolves once a mute or hide has paused the producer. */
  async control(guestId: string, action: GuestControlAction): Promise<GuestPeer | null> {
    const guest = this.guests.get(guestId);
    if (!guest) throw new SignalFailure('not-found', 'That guest is not in this show (any more).');
    switch (action) {
      case 'onAir':
        if (!guest.onAir && this.onAirOrder.length >= MAX_GUESTS_ON_AIR) {
          throw new SignalFailure('conflict', `${MAX_GUESTS_ON_AIR} guests are on air already, the most a show may have. Send one backstage first.`);
        }
        if (!guest.onAir) this.onAirOrder.push(guestId);
        guest.onAir = true;
        break;
      case 'backstage':
        guest.onAir = false;
        this.onAirOrder = this.onAirOrder.filter((id) => id !== guestId);
        break;
      case 'mute':
      case 'unmute':
        guest.audioMuted = action === 'mute';
        this.changed();
        await this.applyPause(guest);
        break;
      case 'hideCamera':
      case 'showCamera':
        guest.videoHidden = action === 'hideCamera';
        this.changed();
        await this.applyPause(guest);
        break;
      case 'remove':
        this.removed.add(guestId);
        this.forget(guest, REMOVED);
        this.changed();
        return null;
    }
    this.changed();
    return this.peerOf(guest);
  }

  /** A guest's new producer: the newest of a kind replaces an older one (a reload's). Starts paused while muted or hidden. */
  startsPaused(member: GuestMember, kind: types.MediaKind): boolean {
    const guest = this.memberGuest.get(member);
    return guest ? (kind === 'audio' ? guest.audioMuted : guest.videoHidden) : false;
  }

  addProducer(member: GuestMember, producer: types.Producer): void {
    const guest = this.memberGuest.get(member);
    if (!guest) {
      producer.close();
      return;
    }
    const older = guest.producers.get(producer.kind);
    guest.producers.set(producer.kind, producer);
    if (older && older !== producer) older.close();
    void this.applyPause(guest); // muted while the producer was being made: it is paused all the same
    producer.observer.once('close', () => {
      if (guest.producers.get(producer.kind) === producer) guest.producers.delete(producer.kind);
      this.changed();
    });
    this.changed();
  }

  /** The guest's producer (for a host connection to consume), or undefined. */
  guestProducer(producerId: string): types.Producer | undefined {
    for (const guest of this.guests.values()) for (const p of guest.producers.values()) if (p.id === producerId) return p;
    return undefined;
  }

  /** A producer on this guest connection's play list now, or undefined. */
  playable(member: GuestMember, producerId: string): types.Producer | undefined {
    const guest = this.memberGuest.get(member);
    if (!guest || !this.viewOf(guest).play.some((p) => p.producerId === producerId)) return undefined;
    return this.guestProducer(producerId) ?? this.programProducers().find((p) => p.id === producerId);
  }

  hostView(): { guests: GuestPeer[]; onAirOrder: string[] } {
    return { guests: [...this.guests.values()].map((g) => this.peerOf(g)), onAirOrder: [...this.onAirOrder] };
  }

  /** Something changed (guests, the host's feeds, live): hosts and guests hear what differs. */
  changed(): void {
    const hostPush = JSON.stringify({ type: 'guests', ...this.hostView() } satisfies SignalPush);
    if (hostPush !== this.lastHostPush) {
      this.lastHostPush = hostPush;
      this.room.pushToHosts(hostPush);
      for (const watcher of this.watchers) watcher.sendFrame(hostPush);
    }
    for (const guest of this.guests.values()) {
      const view = this.viewOf(guest);
      const text = JSON.stringify(view);
      if (text === guest.lastView) continue;
      guest.lastView = text;
      const frame = JSON.stringify({ type: 'guestView', view } satisfies SignalPush);
      const allowed = new Set(view.play.map((p) => p.producerId));
      for (const member of guest.connections) {
        member.keepConsumersOf(allowed);
        member.sendFrame(frame);
      }
    }
  }

  /** The room closes: no timers left behind. */
  close(): void {
    for (const guest of this.guests.values()) if (guest.forgetTimer) clearTimeout(guest.forgetTimer);
  }

  private forget(guest: Guest, reason: string | null): void {
    if (guest.forgetTimer) clearTimeout(guest.forgetTimer);
    guest.forgetTimer = null;
    this.guests.delete(guest.guestId);
    this.onAirOrder = this.onAirOrder.filter((id) => id !== guest.guestId);
    for (const producer of [...guest.producers.values()]) producer.close();
    for (const member of [...guest.connections]) {
      this.memberGuest.delete(member);
      if (reason !== null) member.removedAsGuest(reason);
    }
    guest.connections.clear();
  }

  /** Pauses or resumes the guest's producers as muted/hidden say; one at a time, so quick toggles end as the last said. */
  private applyPause(guest: Guest): Promise<void> {
    guest.pausing = guest.pausing.then(async () => {
      for (const producer of [...guest.producers.values()]) {
        const paused = producer.kind === 'audio' ? guest.audioMuted : guest.videoHidden;
        if (paused === producer.paused || producer.closed) continue;
        // A producer closed meanwhile rejects: nothing is left to pause then.
        await (paused ? producer.pause() : producer.resume()).catch(() => undefined);
      }
    });
    return guest.pausing;
  }

  private programProducers(): types.Producer[] {
    return [this.room.hostProducerOf('video', 'main'), this.room.hostProducerOf('audio', 'return')].filter((p): p is types.Producer => p !== undefined);
  }

  private viewOf(guest: Guest): GuestView {
    const play: { producerId: string; kind: 'audio' | 'video'; from: 'program' | 'guest' }[] = this.programProducers().map((p) => ({
      producerId: p.id,
      kind: p.kind,
      from: 'program',
    }));
    if (guest.onAir) {
      for (const id of this.onAirOrder) {
        const other = this.guests.get(id);
        const audio = other?.producers.get('audio');
        if (other && other !== guest && audio) play.push({ producerId: audio.id, kind: 'audio', from: 'guest' });
      }
    }
    return {
      guestId: guest.guestId,
      name: guest.name,
      onAir: guest.onAir,
      audioMuted: guest.audioMuted,
      videoHidden: guest.videoHidden,
      play,
      live: this.room.live(),
    };
  }

  private peerOf(guest: Guest): GuestPeer {
    return {
      guestId: guest.guestId,
      inviteId: guest.inviteId,
      name: guest.name,
      onAir: guest.onAir,
      audioMuted: guest.audioMuted,
      videoHidden: guest.videoHidden,
      connected: guest.connections.size > 0,
      producers: [...guest.producers.values()].map((p) => ({ producerId: p.id, kind: p.kind })),
      joinedAt: guest.joinedAt,
    };
  }
}

function timingSafeEqualHex(a: string, b: string): boolean {
  return a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

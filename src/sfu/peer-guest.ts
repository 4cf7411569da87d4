import type { types } from 'mediasoup';
import { SFU_PROTOCOL_VERSION } from '../shared/sfu/protocol-constants.js';
import type { GuestReplyData } from '../shared/sfu/protocol-guests.js';
import type { SignalReplyData, SignalRequest, SignalRole } from '../shared/sfu/protocol.js';
import { feedOf, type PeerMedia } from './peer-media.js';
import type { Room } from './room.js';
import type { GuestMember } from './room-guests.js';
import { SignalFailure } from './signal-failure.js';

/**
 * A connection's guest side (docs/sfu-protocol.md, "Guests"): a guest's join,
 * its produce, what each role may consume, and the studio's guest requests.
 * The per-show state is the room's (room-guests.ts).
 */

type GuestJoin = Extract<SignalRequest, { type: 'join'; role: 'guest' }>;
type GuestHostRequest = Extract<SignalRequest, { type: 'guestInvites' | 'guestControl' }>;
type Produce = Extract<SignalRequest, { type: 'produce' }>;

/** A guest's join: its invite admits it, or it hears plainly why not. The room exists (viewers' not-started rules ran first). */
export function joinAsGuest(room: Room, member: GuestMember, request: GuestJoin): SignalReplyData['join'] {
  const guest = room.guests.admit(member, request.guestToken, request.guestKey, request.name);
  return { protocolVersion: SFU_PROTOCOL_VERSION, role: 'guest', room: room.state(), guest };
}

/**
 * A guest's camera or mic: feed `main` only, one per kind (a newer one, from
 * a reloaded page, replaces the older). Never the room's producer: viewers
 * never hear of it, and the host's one-publisher rule does not apply.
 */
export async function guestProduce(room: Room, member: GuestMember, media: PeerMedia, request: Produce): Promise<SignalReplyData['produce']> {
  if (request.feed !== 'main') throw new SignalFailure('forbidden', 'A guest sends only their own camera and microphone.');
  if (!room.guests.guestOf(member)) throw new SignalFailure('forbidden', 'You are no longer a guest of this show.');
  const paused = room.guests.startsPaused(member, request.kind);
  const producerId = await media.produce(
    request.transportId,
    request.kind,
    request.rtpParameters,
    'main',
    (producer) => room.guests.addProducer(member, producer),
    { paused },
  );
  return { producerId };
}

/**
 * The producer a connection may consume: a viewer the host's `main` and
 * `vertical` feeds, a host connection its guests' feeds, a guest what its
 * play list holds. Anything else is "not found", whoever asks.
 */
export function consumableFor(room: Room, role: SignalRole, member: GuestMember, producerId: string): types.Producer {
  let producer: types.Producer | undefined;
  if (role === 'viewer') {
    producer = room.hostProducer(producerId);
    // The return feed (the program without guests) is for guests, never viewers.
    if (producer && feedOf(producer) === 'return') producer = undefined;
  } else if (role === 'host') producer = room.guests.guestProducer(producerId);
  else producer = room.guests.playable(member, producerId);
  if (!producer) throw new SignalFailure('not-found', 'That feed is not part of this show (any more).');
  return producer;
}

/** The studio's own link's guest requests. */
export async function handleGuestHost<T extends GuestHostRequest>(room: Room, studioLink: boolean, request: T): Promise<GuestReplyData[T['type']]> {
  if (!studioLink) {
    throw new SignalFailure('forbidden', `Only the studio’s own link (the show’s host token, joined with confirmsChat) may send "${request.type}".`);
  }
  if (request.type === 'guestInvites') return room.guests.setInvites(request.invites, request.hostNow) as GuestReplyData[T['type']];
  return { guest: await room.guests.control(request.guestId, request.action) } as GuestReplyData[T['type']];
}

import crypto from 'node:crypto';
import { sanitizeChatText } from '../shared/moderation/sanitize.js';
import { CHAT_SEND_RATE_LIMIT, CHAT_TEXT_MAX_CHARS, type ChatIdentity, type ChatReplyData } from '../shared/sfu/protocol-chat.js';
import type { ClaimReplyData } from '../shared/sfu/protocol-claims.js';
import type { SignalRequest } from '../shared/sfu/protocol.js';
import { TokenBucket } from './rate-limit.js';
import type { Room, RoomMember } from './room.js';
import { SignalFailure } from './signal-failure.js';
import type { ViewerIds } from './viewer-ids.js';

/** Generous for anything a person types; the room's name rules decide after sanitizing. */
const NAME_SANITIZE_CAP = 100;

type HostChatRequest = Extract<SignalRequest, { type: 'chatPublish' | 'chatDelete' | 'chatPinMessage' | 'chatNotice' | 'chatReserveNames' | 'viewerClaims' }>;
type HostChatReply = (ChatReplyData & ClaimReplyData)[HostChatRequest['type']];

/**
 * One viewer connection's chat: its identity (anonymous id and display
 * name) and its send rate. Everything is checked here, before a message can
 * reach the studio: rate, name, sanitized text, and whether any studio is
 * listening at all.
 */
export class PeerChat {
  private identity: { viewerId: string; name: string | null } | null = null;
  private readonly bucket = new TokenBucket(CHAT_SEND_RATE_LIMIT);

  constructor(
    private readonly member: RoomMember,
    private readonly viewerIds: ViewerIds,
    /** One message's worth of the address's shared chat budget; false: the address is over it. */
    private readonly takeAddressChatToken: () => boolean,
  ) {}

  /**
   * Joins the room's chat as a viewer. Called before the room admits the
   * viewer; throws (changing nothing) when the name is not acceptable.
   */
  join(room: Room, viewerKey: string | undefined, rawName: string | undefined): ChatIdentity {
    const viewerId = this.viewerIds.derive(viewerKey);
    const name = rawName === undefined ? null : this.claim(room, viewerId, rawName);
    this.identity = { viewerId, name };
    room.chat.connect(viewerId, this.member);
    return { viewerId, name };
  }

  setName(room: Room, rawName: string): ChatReplyData['chatSetName'] {
    const identity = this.joinedIdentity();
    const name = this.claim(room, identity.viewerId, rawName);
    identity.name = name;
    return { viewerId: identity.viewerId, name };
  }

  /**
   * Checks a viewer's message and forwards it to the studio. A refusal is
   * thrown at once, before anything is forwarded; otherwise the message is
   * forwarded before this returns, and the returned reply waits until the
   * studio says it stored it (see Room.forwardChat).
   */
  send(room: Room, rawText: string): Promise<ChatReplyData['chatSend']> {
    const identity = this.joinedIdentity();
    if (identity.name === null) throw new SignalFailure('name-required', 'Choose a display name before chatting.');
    if (!this.bucket.take()) throw new SignalFailure('rate-limited', 'Slow down a little — try again in a second.');
    if (!this.takeAddressChatToken()) {
      throw new SignalFailure('rate-limited', 'Too many messages from your network right now; wait a moment.');
    }
    const text = sanitizeChatText(rawText, CHAT_TEXT_MAX_CHARS);
    if (text === '') throw new SignalFailure('invalid-message', 'The message is empty.');
    // No studio connected: nobody could moderate it, so it must not be accepted as "sent".
    if (!room.hasHost) throw new SignalFailure('unavailable', 'Chat is paused: the studio is not connected.');
    const watchingSince = room.selling.watchingSince(identity.viewerId);
    const message = { id: crypto.randomUUID(), viewerId: identity.viewerId, name: identity.name, text, ts: Date.now(), watchingSince };
    return room.forwardChat(message).then((received) => {
      // Never "sent" for a message the studio may not have: the viewer still has the text and sends it again.
      if (!received) throw new SignalFailure('unavailable', 'The studio did not receive your message. Send it again.');
      return { messageId: message.id, text };
    });
  }

  /**
   * A viewer's contact for the seller goes to the studio alone (never to
   * other viewers), under the same rate as chat; the studio checks and
   * stores it, then answers with the viewer's claims (`myClaims`).
   */
  shareContact(room: Room, contact: string): ClaimReplyData['claimContact'] {
    const identity = this.joinedIdentity();
    if (!this.bucket.take() || !this.takeAddressChatToken()) throw new SignalFailure('rate-limited', 'Slow down a little — try again in a second.');
    const sent = room.pushToStudio({ type: 'contactIncoming', viewerId: identity.viewerId, contact });
    if (sent === 0) throw new SignalFailure('unavailable', 'The seller is not connected right now. Try again in a moment.');
    return { forwarded: true };
  }

  /** Who this viewer connection is now (null before joining). */
  get current(): { readonly viewerId: string; readonly name: string | null } | null {
    return this.identity;
  }

  leave(room: Room): void {
    if (this.identity) room.chat.disconnect(this.identity.viewerId, this.member);
    this.identity = null;
  }

  private joinedIdentity(): { viewerId: string; name: string | null } {
    if (!this.identity) throw new SignalFailure('not-joined', 'Join a show first.');
    return this.identity;
  }

  private claim(room: Room, viewerId: string, rawName: string): string {
    const claim = room.chat.claimName(viewerId, sanitizeChatText(rawName, NAME_SANITIZE_CAP).trim());
    if (!claim.ok) throw new SignalFailure('invalid-message', claim.reason);
    return claim.name;
  }
}

/** The host's chat requests: the studio has moderated; the SFU relays. */
export function handleHostChat(room: Room, request: HostChatRequest): HostChatReply {
  switch (request.type) {
    case 'chatPublish':
      if (room.chat.publish(request.message)) room.pushToViewers({ type: 'chatMessage', message: request.message });
      return {};
    case 'chatDelete':
      // Broadcast even when the room no longer holds it: viewers may still show an older message.
      if (room.chat.delete(request.messageId)) room.pushToViewers({ type: 'chatPinned', message: null });
      room.pushToViewers({ type: 'chatDeleted', messageId: request.messageId });
      return {};
    case 'chatPinMessage':
      room.chat.pin(request.message);
      room.pushToViewers({ type: 'chatPinned', message: request.message });
      return {};
    case 'chatNotice': {
      const frame = JSON.stringify({ type: 'chatNotice', text: request.text });
      const targets = room.chat.connectionsOf(request.viewerId);
      for (const member of targets) member.sendFrame(frame);
      return { delivered: targets.length };
    }
    case 'chatReserveNames':
      room.chat.reserveNames(request.names);
      return {};
    case 'viewerClaims': {
      // That viewer's connections only: claims and contact are theirs.
      const { claims, contact, checkouts } = request;
      const frame = JSON.stringify({ type: 'myClaims', claims, contact, ...(checkouts && checkouts.length > 0 ? { checkouts } : {}) });
      const targets = room.chat.connectionsOf(request.viewerId);
      for (const member of targets) member.sendFrame(frame);
      return { delivered: targets.length };
    }
  }
}

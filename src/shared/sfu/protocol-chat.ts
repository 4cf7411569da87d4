import { z } from 'zod';
import type { MyClaimsPush } from './protocol-claims.js';

/**
 * The chat part of the SFU signaling protocol (docs/sfu-protocol.md, "Chat").
 *
 * Path: a viewer's `chatSend` is sanitized and rate-limited by the SFU, then
 * pushed to the show's host connections as `chatIncoming`. The studio
 * moderates it and, when approved, sends `chatPublish`; only then do viewers
 * get it (`chatMessage`). Viewers never see anything the studio did not
 * publish. Every string here is plain text: clients render it as text, never
 * HTML.
 */

/** After sanitizing: 1–30 characters (code points: an emoji is one). */
export const CHAT_NAME_MAX_CHARS = 30;
/** The SFU cuts chat text to this after sanitizing (the studio's rules may block shorter). */
export const CHAT_TEXT_MAX_CHARS = 1000;
/** Published messages the room keeps for late joiners (`room.chat`). */
export const CHAT_HISTORY_SIZE = 50;
/** Per viewer connection, checked before anything reaches the studio. */
export const CHAT_SEND_RATE_LIMIT = { burst: 3, perSecond: 1 } as const;
/** Names a studio may reserve per show (`chatReserveNames`). */
export const MAX_RESERVED_NAMES = 50;
/**
 * How long the SFU holds a viewer's `chatSend` reply for the studio's
 * `chatStored` (studios that joined with `confirmsChat`); then the viewer is
 * told to send it again. Below the watch page's own 10 s request timeout.
 */
export const CHAT_STORED_WAIT_MS = 5000;

/** What the watch page keeps in localStorage (e.g. crypto.randomUUID()). Never shown to anyone. */
export const viewerKeySchema = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'A viewer key is 16-128 of A-Z a-z 0-9 _ -.');
/** Raw as typed; the SFU sanitizes it and checks 1–30 characters afterwards. */
export const chatNameInputSchema = z.string().max(200);
const messageId = z.string().min(1).max(64);
const viewerId = z.string().min(1).max(64);

export const chatRoleSchema = z.enum(['viewer', 'moderator', 'host']);

/** A message as the studio publishes it and viewers receive it. */
export const chatWireMessageSchema = z
  .object({
    id: messageId,
    /** The author's anonymous id; null for the host. */
    viewerId: viewerId.nullable(),
    // Limits in UTF-16 units (zod's count): twice the code-point caps, so emoji fit.
    name: z.string().min(1).max(CHAT_NAME_MAX_CHARS * 2),
    role: chatRoleSchema,
    text: z.string().min(1).max(CHAT_TEXT_MAX_CHARS * 2),
    /** Epoch ms: when the SFU received it (the host's own messages: when the studio sent them). */
    ts: z.number().int().nonnegative(),
  })
  .strict();

export type ChatWireMessage = z.infer<typeof chatWireMessageSchema>;

/** A viewer's message on its way to the studio (`chatIncoming`). Not yet moderated. */
export interface ChatIncomingMessage {
  readonly id: string;
  readonly viewerId: string;
  readonly name: string;
  readonly text: string;
  /** Epoch ms, the SFU's clock. */
  readonly ts: number;
  /**
   * When this viewer id first joined the show's room, the SFU's clock
   * (a giveaway entered by keyword checks its minimum watch time); null:
   * unknown. Absent from SFUs older than the selling protocol.
   */
  readonly watchingSince?: number | null;
}

/** Who a viewer connection is in chat (join and chatSetName replies). */
export interface ChatIdentity {
  /** Stable for the same viewerKey on this SFU (a salted hash of it); per connection without a key. */
  readonly viewerId: string;
  /** null: may watch, may not chat until `chatSetName`. */
  readonly name: string | null;
}

/** Request shapes (without type/requestId); protocol.ts puts them in the request union. */
export const chatRequestShapes = {
  /** Viewer: a message for the studio to moderate. */
  chatSend: { text: z.string().min(1).max(4000) },
  /** Viewer: choose (or change) the display name, e.g. before the first message. */
  chatSetName: { name: chatNameInputSchema },
  /** Host: show an approved (or the host's own) message to every viewer. */
  chatPublish: { message: chatWireMessageSchema },
  /** Host: remove a message from every viewer's screen. */
  chatDelete: { messageId },
  /** Host: pin one message over the video for every viewer (null unpins). */
  chatPinMessage: { message: chatWireMessageSchema.nullable() },
  /** Host: a private line to one viewer (all of its connections), e.g. "You are timed out for 10 minutes". */
  chatNotice: { viewerId, text: z.string().min(1).max(500) },
  /**
   * Host: the names of the host, moderators and store; a viewer name that
   * looks like one is refused (src/shared/moderation/name-skeleton.ts).
   * Replaces the previous list; "Host", "Admin" and the like always apply.
   */
  chatReserveNames: {
    names: z
      .array(
        z
          .object({
            name: z.string().min(1).max(100),
            owner: z.enum(['host', 'moderator', 'store']),
            // A moderator's own viewer id: they keep using their name.
            viewerId: viewerId.optional(),
          })
          .strict(),
      )
      .max(MAX_RESERVED_NAMES),
  },
  /**
   * Host (joined with `confirmsChat`): the studio stored this viewer message
   * (`chatIncoming`), whatever its moderation decided; the SFU now answers
   * the viewer's `chatSend`. Ids the SFU no longer waits for are ignored.
   */
  chatStored: { messageId },
} as const;

export interface ChatReplyData {
  /**
   * `text` is what the SFU forwarded (after sanitizing): show it as "sent,
   * awaiting moderation" if you like. With a studio that confirms (all
   * current ones), the reply comes once the studio has stored the message.
   */
  chatSend: { readonly messageId: string; readonly text: string };
  chatSetName: ChatIdentity & { readonly name: string };
  chatPublish: Record<string, never>;
  chatDelete: Record<string, never>;
  chatPinMessage: Record<string, never>;
  /** How many of that viewer's connections got it (0: not connected now). */
  chatNotice: { readonly delivered: number };
  chatReserveNames: Record<string, never>;
  chatStored: Record<string, never>;
}

export type ChatPush =
  /** To host connections only: a viewer's message awaiting moderation. */
  | { readonly type: 'chatIncoming'; readonly message: ChatIncomingMessage }
  /** To viewers: a published message. */
  | { readonly type: 'chatMessage'; readonly message: ChatWireMessage }
  /** To viewers: take this message off the screen (it may be older than what you hold; ignore unknown ids). */
  | { readonly type: 'chatDeleted'; readonly messageId: string }
  /** To viewers: the pinned chat message (null: none). */
  | { readonly type: 'chatPinned'; readonly message: ChatWireMessage | null }
  /** To one viewer's connections only. */
  | { readonly type: 'chatNotice'; readonly text: string }
  /** To one viewer's connections only: their claims (protocol-claims.ts). */
  | MyClaimsPush;

/** Added to RoomState: what a late joiner needs to show the chat at once. */
export interface RoomChatState {
  /** The last published messages (≤ CHAT_HISTORY_SIZE), oldest first, deleted ones gone. */
  readonly chat: readonly ChatWireMessage[];
  readonly chatPinned: ChatWireMessage | null;
}

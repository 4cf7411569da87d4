import { z } from 'zod';
import { SHOW_ID_PATTERN, type SignalErrorCode } from './protocol-constants.js';
import { productCardSchema, type ProductCard } from './product-card.js';
import { claimRequestShapes, type ClaimReplyData, type StudioClaimPush } from './protocol-claims.js';
import { egressRequestShapes, type EgressPush, type EgressReplyData } from './protocol-egress.js';
import { sellRequestShapes, type SellPush, type SellReplyData, type ShowSellState } from './protocol-selling.js';
import {
  guestKeySchema,
  guestNameSchema,
  guestRequestShapes,
  guestTokenSchema,
  type GuestPeer,
  type GuestPush,
  type GuestReplyData,
  type GuestView,
} from './protocol-guests.js';
import {
  chatNameInputSchema,
  chatRequestShapes,
  viewerKeySchema,
  type ChatIdentity,
  type ChatPush,
  type ChatReplyData,
  type RoomChatState,
} from './protocol-chat.js';

/**
 * The SFU signaling protocol: JSON text frames over a WebSocket at
 * SIGNAL_PATH. docs/sfu-protocol.md is the prose version of this file.
 *
 * Every client frame is a request with a client-chosen `requestId`; the
 * server answers each with exactly one `reply` or `error` carrying the same
 * id. Besides replies, the server pushes room events (no requestId).
 *
 * mediasoup's own parameter objects (RTP capabilities and parameters, DTLS
 * and ICE parameters) travel as they are. Here they are checked for shape and
 * size only; mediasoup validates their content on the server, and an
 * invalid one becomes a `media-rejected` error.
 */

/** A JSON object whose fields mediasoup defines (see the note above). */
export type MediasoupObject = { readonly [key: string]: unknown };

const requestId = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const mediasoupId = z.string().min(1).max(64);
const showId = z.string().regex(SHOW_ID_PATTERN, 'A show id is 1-64 letters, digits, "-" or "_".');

const dtlsParameters = z.looseObject({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z.array(z.looseObject({ algorithm: z.string().max(32), value: z.string().max(256) })).min(1).max(8),
});

const rtpCodec = z.looseObject({ mimeType: z.string().max(64), clockRate: z.number() });
const headerExtensions = z.array(z.looseObject({ uri: z.string().max(256) })).max(32);

const rtpParameters = z.looseObject({
  mid: z.string().max(32).optional(),
  codecs: z.array(rtpCodec.extend({ payloadType: z.number() })).min(1).max(16),
  headerExtensions: headerExtensions.optional(),
  /** One entry, or up to four simulcast layers. */
  encodings: z.array(z.looseObject({})).max(4).optional(),
  rtcp: z.looseObject({}).optional(),
});

const rtpCapabilities = z.looseObject({
  codecs: z.array(rtpCodec).max(64).optional(),
  headerExtensions: headerExtensions.optional(),
});

const request = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), requestId, ...shape }).strict();

export const signalRequestSchema = z.discriminatedUnion('type', [
  // Nested union on `role`: a host must bring its token, a viewer must not send one.
  z.discriminatedUnion('role', [
    // `name` (the chat display name) and `viewerKey` (kept by the watch page) are optional: a viewer without a name watches but cannot chat.
    request('join', {
      show: showId,
      role: z.literal('viewer'),
      name: chatNameInputSchema.optional(),
      viewerKey: viewerKeySchema.optional(),
    }),
    /**
     * `confirmsChat`: this connection stores viewers' messages and confirms
     * each with `chatStored`; the SFU then holds a viewer's `chatSend` reply
     * until it does. Without it (an older studio) the reply means "forwarded".
     */
    request('join', { show: showId, role: z.literal('host'), hostToken: z.string().min(1).max(256), confirmsChat: z.boolean().optional() }),
    /** A guest from an invite link (protocol-guests.ts): its token, the name it typed and its page's own key. */
    request('join', { show: showId, role: z.literal('guest'), guestToken: guestTokenSchema, name: guestNameSchema, guestKey: guestKeySchema }),
  ]),
  /**
   * Before `join`, for a show without a room (`not-started`, `show-ended`):
   * the connection stays open and hears `showOpened` when a host opens the
   * show, instead of asking again. Creates nothing on the server.
   */
  request('waitForShow', { show: showId }),
  request('routerRtpCapabilities', {}),
  /**
   * Hosts send (and receive their guests' feeds), viewers receive, guests both;
   * one transport per direction (a new one replaces the old).
   */
  request('createTransport', { direction: z.enum(['send', 'recv']) }),
  request('connectTransport', { transportId: mediasoupId, dtlsParameters }),
  request('restartIce', { transportId: mediasoupId }),
  /**
   * Host: one producer per (kind, feed) per show — a newer one replaces the
   * older (a reconnected studio). `feed`: `main` (the 16:9 program, video and
   * audio), `vertical` (video only: the 9:16 program), `return` (audio only:
   * the program mix without guests, which guests hear). Guest: its own camera
   * and mic, `feed` absent or `main`.
   */
  request('produce', { transportId: mediasoupId, kind: z.enum(['audio', 'video']), rtpParameters, feed: z.enum(['main', 'vertical', 'return']).default('main') }),
  request('closeProducer', { producerId: mediasoupId }),
  /**
   * Viewer: the host's `main` and `vertical` feeds. Host: its guests' feeds.
   * Guest: what its GuestView.play lists. The consumer starts paused; send
   * `resume` once its track is attached.
   */
  /**
   * `replace`: this connection may already receive the producer (an earlier answer came too late for the
   * client): the earlier consumer is closed and a new one made. Without it, a second consume is `conflict`.
   */
  request('consume', { transportId: mediasoupId, producerId: mediasoupId, rtpCapabilities, replace: z.boolean().default(false) }),
  request('resume', { consumerId: mediasoupId }),
  /** Host only. */
  /**
   * `hostNow`: the host's clock (epoch ms) when it sent this; with it the
   * SFU moves the card's deal times onto its own clock (see product-card.ts).
   */
  request('setPin', { card: productCardSchema, hostNow: z.number().int().nonnegative().optional() }),
  request('clearPin', {}),
  /**
   * Host only: a token that lets another connection join as host of this
   * show until it expires (the studio's publisher gets one; the long-lived
   * secret stays in the studio's main process).
   */
  request('mintPublishToken', {
    ttlSeconds: z.number().int().min(60).max(24 * 3600).default(3600),
    /**
     * One publisher per show: a token minted for a publisher makes it the
     * show's publisher; connections joined with another publisher's token
     * may not produce and are closed (publisherReplaced). Refused
     * (`conflict`) while another publisher is live, unless `takeOver`.
     */
    publisherId: z.string().min(1).max(64).optional(),
    takeOver: z.boolean().default(false),
    /**
     * A token that only receives (the studio's backstage before Go live
     * previews its guests with it): its connection may open a recv
     * transport and consume, never produce, pin, chat, end the show or mint.
     */
    receiveOnly: z.boolean().default(false),
  }),
  /** A host's leave ends the show for every viewer; a viewer's leave is just goodbye. */
  request('leave', {}),
  // Chat (protocol-chat.ts): chatSend and chatSetName are for viewers, the rest for hosts.
  request('chatSend', chatRequestShapes.chatSend),
  request('chatSetName', chatRequestShapes.chatSetName),
  request('chatPublish', chatRequestShapes.chatPublish),
  request('chatDelete', chatRequestShapes.chatDelete),
  request('chatPinMessage', chatRequestShapes.chatPinMessage),
  request('chatNotice', chatRequestShapes.chatNotice),
  request('chatReserveNames', chatRequestShapes.chatReserveNames),
  request('chatStored', chatRequestShapes.chatStored),
  // My claims (protocol-claims.ts): claimContact is for viewers, viewerClaims for hosts.
  request('claimContact', claimRequestShapes.claimContact),
  request('viewerClaims', claimRequestShapes.viewerClaims),
  // Multistream (protocol-egress.ts): the studio's link only (the long-lived host token).
  request('egressStart', egressRequestShapes.egressStart),
  request('egressStop', egressRequestShapes.egressStop),
  request('egressReconnect', egressRequestShapes.egressReconnect),
  request('egressList', egressRequestShapes.egressList),
  // Auctions, giveaways, practice (protocol-selling.ts): sellAction is for viewers, the rest for hosts.
  request('sellAction', sellRequestShapes.sellAction),
  request('sellState', sellRequestShapes.sellState),
  request('sellNotice', sellRequestShapes.sellNotice),
  // Guests (protocol-guests.ts): the studio's link only.
  request('guestInvites', guestRequestShapes.guestInvites),
  request('guestControl', guestRequestShapes.guestControl),
]);

export type SignalRequest = z.infer<typeof signalRequestSchema>;
export type SignalRequestType = SignalRequest['type'];
/** A request as a client writes it (before defaults are applied). */
export type SignalRequestInput = z.input<typeof signalRequestSchema>;

export type MediaKind = 'audio' | 'video';
export type SignalRole = 'host' | 'viewer' | 'guest';
/** Which of the host's outputs a producer carries (see `produce`). */
export type MediaFeed = 'main' | 'vertical' | 'return';

export interface AnnouncedProducer {
  readonly producerId: string;
  readonly kind: MediaKind;
  /** `main` for a producer of an older SFU that did not say. Viewers are told only of `main` and `vertical`. */
  readonly feed: MediaFeed;
}

/** What a client learns on join; a late joiner gets the current pin and recent chat here at once. */
export interface RoomState extends RoomChatState {
  readonly show: string;
  /** The host is producing media right now. */
  readonly live: boolean;
  /** The host ended the show (live is false). A host joining again starts it anew. */
  readonly ended: boolean;
  readonly viewerCount: number;
  readonly pin: ProductCard | null;
  /** The SFU's clock (epoch ms) when this state was made: viewers count deals down on it. */
  readonly serverTime: number;
  /**
   * The host's current producers a viewer may consume (`main`, and `vertical`
   * while the host sends a vertical output): a viewer consumes the audio and
   * the video feed that fits its screen.
   */
  readonly producers: readonly AnnouncedProducer[];
  /** The show's auction, giveaway and practice flag (protocol-selling.ts), times on the SFU's clock; EMPTY_SELL_STATE when none. */
  readonly sell: ShowSellState;
}

export interface TransportInfo {
  readonly transportId: string;
  readonly iceParameters: MediasoupObject;
  readonly iceCandidates: readonly MediasoupObject[];
  readonly dtlsParameters: MediasoupObject;
}

/** The `data` of a successful reply, per request type. */
export interface SignalReplyData extends ChatReplyData, ClaimReplyData, EgressReplyData, SellReplyData, GuestReplyData {
  join: {
    readonly protocolVersion: number;
    readonly role: SignalRole;
    readonly room: RoomState;
    /** Viewers only: their anonymous id and the name they got (a taken name gets a suffix: "Anna 2"). */
    readonly chat?: ChatIdentity;
    /** Hosts only: the show's guests now (then `guests` pushes). */
    readonly guests?: { readonly guests: readonly GuestPeer[]; readonly onAirOrder: readonly string[] };
    /** Guests only: who they are, whether on air, what to play (then `guestView` pushes). */
    readonly guest?: GuestView;
  };
  /** `waiting: false`: the show is open now, join at once; true: wait for `showOpened`. */
  waitForShow: { readonly waiting: boolean };
  routerRtpCapabilities: { readonly rtpCapabilities: MediasoupObject };
  createTransport: TransportInfo;
  connectTransport: Record<string, never>;
  restartIce: { readonly iceParameters: MediasoupObject };
  produce: { readonly producerId: string };
  closeProducer: Record<string, never>;
  consume: {
    readonly consumerId: string;
    readonly producerId: string;
    readonly kind: MediaKind;
    readonly rtpParameters: MediasoupObject;
  };
  resume: Record<string, never>;
  setPin: { readonly pin: ProductCard };
  clearPin: Record<string, never>;
  /** `expiresAt` in epoch ms (the SFU's clock); the token admits joins until then. */
  mintPublishToken: { readonly token: string; readonly expiresAt: number };
  leave: Record<string, never>;
}

export type ShowEndedReason = 'host-ended' | 'server-shutdown';

/** Room events the server sends without being asked. */
export type SignalPush =
  | { readonly type: 'viewerCount'; readonly count: number }
  | { readonly type: 'liveChanged'; readonly live: boolean }
  /** Viewers: a `main` or `vertical` feed of the host (guests learn theirs from `guestView`, hosts from `guests`). */
  | { readonly type: 'newProducer'; readonly producerId: string; readonly kind: MediaKind; readonly feed: MediaFeed }
  | { readonly type: 'producerClosed'; readonly producerId: string }
  /** `serverTime`: the SFU's clock when sent (deal countdowns use it, not the viewer's clock). */
  | { readonly type: 'pin'; readonly card: ProductCard | null; readonly serverTime: number }
  | { readonly type: 'showEnded'; readonly reason: ShowEndedReason }
  /** The room's media worker restarted: the server closes the socket next; join again. */
  | { readonly type: 'rejoin'; readonly reason: 'media-server-restarted' }
  /** To a connection that sent `waitForShow`: a host opened the show; send `join` now. Sent once; the connection waits no more. */
  | { readonly type: 'showOpened'; readonly show: string }
  | ChatPush
  | StudioClaimPush
  | EgressPush
  | SellPush
  | GuestPush;

export interface SignalReply<T extends SignalRequestType = SignalRequestType> {
  readonly type: 'reply';
  readonly requestId: number;
  readonly data: SignalReplyData[T];
}

export interface SignalError {
  readonly type: 'error';
  /** Absent when the frame was too broken to carry one. */
  readonly requestId?: number;
  readonly code: SignalErrorCode;
  readonly message: string;
}

export type SignalServerMessage = SignalReply | SignalError | SignalPush;

/** Reads the requestId out of a frame that failed validation, so the error can still be matched. */
export function salvageRequestId(frame: unknown): number | undefined {
  if (typeof frame !== 'object' || frame === null) return undefined;
  const id = (frame as { requestId?: unknown }).requestId;
  return requestId.safeParse(id).success ? (id as number) : undefined;
}

import type { ChatIncomingMessage } from '../../shared/sfu/protocol-chat.js';
import type { StudioClaimPush } from '../../shared/sfu/protocol-claims.js';
import type { EgressStatus } from '../../shared/sfu/protocol-egress.js';
import type { SellIncoming } from '../../shared/sfu/protocol-selling.js';
import type { SignalPush, SignalReplyData } from '../../shared/sfu/protocol.js';
import type { SignalRequestBody, SignalRequests } from '../../shared/sfu/signal-requests.js';

/**
 * A feature that speaks its own part of the protocol over main's link (the
 * guests: src/main/sfu-link/guest-link.ts), without growing SfuLink.
 */
export interface SfuLinkExtension {
  /** The link (re)joined: the join reply, and the requests of this connection (answered in order). */
  joined(reply: SignalReplyData['join'], requests: SignalRequests): void;
  /** A push SfuLink does not handle itself; true when this extension took it. */
  push(push: SignalPush): boolean;
  /** The connection `requests` belonged to is gone (lost, or the link closed). */
  lost(requests: SignalRequests): void;
}

/** The chat requests main sends as host (the studio has moderated; the SFU relays). */
export type ChatHostRequest =
  | SignalRequestBody<'chatPublish'>
  | SignalRequestBody<'chatDelete'>
  | SignalRequestBody<'chatPinMessage'>
  | SignalRequestBody<'chatNotice'>
  | SignalRequestBody<'chatReserveNames'>
  | SignalRequestBody<'viewerClaims'>;

/** The multistream requests (protocol-egress.ts): only this link, joined with the long-lived host token, may send them. */
export type EgressRequestType = 'egressStart' | 'egressStop' | 'egressReconnect' | 'egressList';

export interface SfuLinkOptions {
  /** A kept picture's bytes (src/main/media): sent to the SFU before a pin that names it (`imageId`). */
  readonly pictureBytes?: (id: string) => Promise<Buffer | null>;
  /** ws(s)://host:port/signal */
  readonly signalUrl: string;
  readonly room: string;
  readonly hostToken: string;
  /** Status, live/viewer count or pin delivery changed. */
  readonly onChange: () => void;
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  readonly requestTimeoutMs?: number;
  /** The SFU pings every 20 s; this long without one means the connection is dead. */
  readonly silenceTimeoutMs?: number;
  readonly log?: (message: string) => void;
  /** A viewer's message arrived for moderation (a `chatIncoming` push). */
  readonly onChatIncoming?: (message: ChatIncomingMessage) => void;
  /** A viewer joined, or sent their contact for the seller (pushed to links that confirm chat). */
  readonly onClaimPush?: (push: StudioClaimPush) => void;
  /**
   * The studio stores every viewer message it hears and confirms each with
   * `confirmStored`: the link joins saying so (`confirmsChat`), and the SFU
   * answers a viewer's message only once it is confirmed.
   */
  readonly confirmsChat?: boolean;
  /** The link (re)joined the room: a fresh room knows no chat, so the studio may republish it. */
  readonly onJoined?: () => void;
  /** Where the multistream destinations stand (an `egressStatus` push: on every change, every 2 s while one is live). */
  readonly onEgressStatus?: (status: EgressStatus) => void;
  /** A viewer's bid, maximum bid or giveaway entry (a `sellIncoming` push), stamped with the SFU's clock. */
  readonly onSellIncoming?: (action: SellIncoming) => void;
  /** Features with their own requests and pushes on this link (guests). */
  readonly extensions?: readonly SfuLinkExtension[];
}


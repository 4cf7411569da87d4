/**
 * Constants of the SFU signaling protocol (docs/sfu-protocol.md). Kept apart
 * from the zod schemas so the viewer page and the studio's publisher can use
 * them without bundling zod.
 */

/** The WebSocket path on the SFU's HTTP port. */
export const SIGNAL_PATH = '/signal';
/**
 * The upgrade request's header that carries a practice show's simulated
 * audience key (the built-in SFU's per-run secret, SfuOptions.audienceKey):
 * those connections skip the per-address limits. Sent only by the studio's
 * main process; a browser page cannot set it.
 */
export const AUDIENCE_KEY_HEADER = 'x-lss-audience-key';

/** Bumped on incompatible changes; sent in the join reply so clients can tell. */
export const SFU_PROTOCOL_VERSION = 1;

/** A show id is part of the watch URL: short, URL-safe, no case tricks needed. */
export const SHOW_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** WebSocket close codes the SFU uses (4000-4999 are free for applications). */
export const SignalCloseCode = {
  /** Normal end: the client sent `leave` or the server shut down. */
  goingAway: 1001,
  /** The media worker behind this room died; rejoin at once (a new one is ready). */
  serviceRestart: 1012,
  /** No `join` arrived in time. */
  joinTimeout: 4408,
  /** Far too many messages; the client is misbehaving. */
  rateLimited: 4429,
  /** The show has too many host connections; the oldest is closed. */
  hostReplaced: 4409,
  /** This address already has the most connections one address may open (a household or office shares one). */
  tooManyFromAddress: 4430,
  /** Another publisher took the show over (`mintPublishToken` with `takeOver`); this publisher's media is gone. */
  publisherReplaced: 4410,
  /** A guest the host removed, or whose invite was revoked or expired: the invite link no longer admits them. */
  guestRemoved: 4403,
} as const;

export const SIGNAL_ERROR_CODES = [
  /** Not JSON, unknown type, or fields that fail validation. */
  'invalid-message',
  /** Wrong or missing host token. */
  'unauthorized',
  /** Allowed for another role only (a viewer producing or pinning). */
  'forbidden',
  /** The request needs a joined session (send `join` first). */
  'not-joined',
  'already-joined',
  /** The transport, producer or consumer is not this session's. */
  'not-found',
  /** The request clashes with the room's state (a second video producer, consuming before the show is live). */
  'conflict',
  'rate-limited',
  /** `chatSend` from a viewer that has no display name yet: send `chatSetName` (or join with `name`) first. */
  'name-required',
  /** The server cannot take it now (shutting down, too many rooms, worker restarting). */
  'unavailable',
  /** A viewer's `join` for a show no studio has opened (yet): nothing is created; try again later. */
  'not-started',
  /** A viewer's `join` for a show that ended (its room is gone): the show may start again later. */
  'show-ended',
  /** mediasoup refused the parameters (codecs the router cannot consume, bad DTLS). */
  'media-rejected',
  'internal',
] as const;

export type SignalErrorCode = (typeof SIGNAL_ERROR_CODES)[number];

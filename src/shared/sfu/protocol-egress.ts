import { z } from 'zod';

/**
 * Multistream in the SFU signaling protocol (docs/sfu-protocol.md,
 * "Multistream"): the SFU that forwards the show to its viewers also pushes
 * it to RTMP/RTMPS destinations (YouTube, Facebook, Twitch, Instagram,
 * TikTok, any ingest URL). The host's laptop uploads one stream; the SFU's
 * machine encodes it once (H.264 + AAC, a keyframe every 2 s) and sends that
 * one encode to every destination, each on its own connection: one
 * destination failing or reconnecting never touches another.
 *
 * Only the studio's own link may control egress (a host joined with the
 * show's long-lived host token, not a minted publish token): stream keys go
 * from the studio's main process to the SFU and nowhere else. The SFU keeps
 * them in memory only and never sends them back: status carries no key and
 * no URL.
 *
 * Orientation: each destination takes the 16:9 program (`horizontal`, the
 * host's `main` video) or the 9:16 one (`vertical`, the host's `vertical`
 * video feed); both carry the main audio. Destinations of one orientation
 * share one encoder; the other orientation has its own, so one orientation's
 * failure, restart or reconnect never stops the other.
 */

/** Destinations one show may push to at once. */
export const EGRESS_MAX_DESTINATIONS = 8;

/** Which program a destination takes: the 16:9 one or the 9:16 one. */
export const egressOrientationSchema = z.enum(['horizontal', 'vertical']);
export type EgressOrientation = z.infer<typeof egressOrientationSchema>;
export const EGRESS_ORIENTATIONS: readonly EgressOrientation[] = ['horizontal', 'vertical'];

const destinationId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'A destination id is 1-64 of A-Z a-z 0-9 _ -.');

/** rtmp:// or rtmps:// with a host; the key is separate (`streamKey`). */
export const rtmpUrlSchema = z
  .string()
  .max(2048)
  .regex(
    /^rtmps?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[\x21-\x7e]*)?$/i,
    'A server URL starts with rtmp:// or rtmps:// and names a server, e.g. rtmps://live-api-s.facebook.com:443/rtmp/.',
  );

/** Printable, no spaces: platforms' keys are letters, digits and a few signs (Facebook's carry "?s_bl=1&..."). */
export const streamKeySchema = z.string().min(1).max(512).regex(/^[\x21-\x7e]+$/, 'A stream key has no spaces or special characters.');

export const egressDestinationSchema = z
  .object({
    id: destinationId,
    /** What the host calls it ("YouTube", "Shop's Facebook page"): shown in status and logs. */
    name: z.string().trim().min(1).max(60),
    url: rtmpUrlSchema,
    streamKey: streamKeySchema,
    /** Absent from an older studio: horizontal. */
    orientation: egressOrientationSchema.default('horizontal'),
  })
  .strict();
export type EgressDestination = z.output<typeof egressDestinationSchema>;
/** A destination as the studio sends it (orientation may be left out). */
export type EgressDestinationInput = z.input<typeof egressDestinationSchema>;

/** Request shapes (without type/requestId); protocol.ts puts them in the request union. */
export const egressRequestShapes = {
  /**
   * Start pushing the show to this destination (a destination with the same
   * id is replaced: stopped, then started with the new address). When the
   * show has no video yet it waits (`waiting`) and starts when the feed comes
   * (a vertical one waits for the host's vertical feed, with a reason that
   * says how to turn it on).
   */
  egressStart: { destination: egressDestinationSchema },
  /** Stop one destination; the others go on. Unknown ids are ignored. */
  egressStop: { id: destinationId },
  /** A destination that is `reconnecting` or `failed`: try again now, without waiting for its backoff. */
  egressReconnect: { id: destinationId },
  /** The current status of every destination (also pushed as `egressStatus`). */
  egressList: {},
} as const;

export type EgressState =
  /** Started, the show has no video feed yet (or the encoder is starting). */
  | 'waiting'
  /** Connecting to the platform's server. */
  | 'connecting'
  /** The platform is receiving the show. */
  | 'live'
  /** The connection dropped or could not be made; retrying after `retryAt`. */
  | 'reconnecting'
  /** The server refused the stream (a wrong key, a banned account) or the address is wrong: not retried until `egressReconnect` or a new `egressStart`. */
  | 'failed'
  /** Stopped by the host (kept in the list until the show ends so the host sees its last figures). */
  | 'stopped';

export interface EgressDestinationStatus {
  readonly id: string;
  readonly name: string;
  readonly orientation: EgressOrientation;
  readonly state: EgressState;
  /** Why it is reconnecting or failed, in words a host understands (the server's own reason where it gave one). */
  readonly reason: string | null;
  /** Measured over the last few seconds while live; null otherwise. */
  readonly bitrateKbps: number | null;
  readonly fps: number | null;
  /** Frames this destination's connection dropped since it started. */
  readonly droppedFrames: number;
  /** When it went live this time (the SFU's clock, epoch ms); null when not live. */
  readonly liveSince: number | null;
  /** Times it reconnected after having been live or after a failure. */
  readonly reconnects: number;
  /** When the next attempt is due (the SFU's clock, epoch ms), while reconnecting. */
  readonly retryAt: number | null;
}

export type EgressEncoderState = 'idle' | 'starting' | 'running' | 'restarting' | 'failed';

/** One orientation's shared encode (RTP from the show's producers → H.264 + AAC). */
export interface EgressEncoderStatus {
  readonly state: EgressEncoderState;
  readonly reason: string | null;
  /** The program's size as encoded, when known. */
  readonly width: number | null;
  readonly height: number | null;
  readonly fps: number | null;
}

export interface EgressStatus {
  /** The horizontal (16:9) destinations' encoder. */
  readonly encoder: EgressEncoderStatus;
  /** The vertical (9:16) destinations' encoder; absent from an SFU without vertical output. */
  readonly verticalEncoder?: EgressEncoderStatus;
  readonly destinations: readonly EgressDestinationStatus[];
  /** The SFU's clock when this status was made. */
  readonly serverTime: number;
}

export interface EgressReplyData {
  egressStart: Record<string, never>;
  egressStop: Record<string, never>;
  egressReconnect: Record<string, never>;
  egressList: EgressStatus;
}

/**
 * To the studio's link only (hosts joined with the long-lived token): sent
 * when any destination or the encoder changes state, and every 2 s while a
 * destination is live (fresh figures).
 */
export type EgressPush = { readonly type: 'egressStatus'; readonly status: EgressStatus };

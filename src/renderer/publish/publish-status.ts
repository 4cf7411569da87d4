/**
 * The plain shape React sees of the publisher (runs in the renderer, no
 * mediasoup types leak out). PublishClient owns every WebRTC object and
 * hands out a new frozen PublishStatus whenever something a host could see
 * changes.
 */

/**
 * Where the show's media stands:
 * - `offline`: not sending (never started, or the host pressed Stop: viewers
 *   see "the host will be right back" and the show stays open);
 * - `connecting`: first join, transport and producers on their way;
 * - `live`: media is flowing to the SFU;
 * - `reconnecting`: the link dropped; the client is rejoining by itself;
 * - `ended`: the host pressed End show (viewers were told);
 * - `error`: it gave up; `error` says why in host words.
 */
export type PublishPhase = 'offline' | 'connecting' | 'live' | 'reconnecting' | 'ended' | 'error';

/** Chrome's reason for sending less than asked (`RTCOutboundRtpStreamStats.qualityLimitationReason`). */
export type QualityLimitation = 'none' | 'cpu' | 'bandwidth' | 'other';

/** One 2-second window of send statistics. Null fields: not known yet (the first window, or no RTCP back yet). */
export interface StreamHealth {
  /** When the window closed (this computer's clock, ms). */
  readonly measuredAt: number;
  /** Audio + every video layer, RTP headers included. */
  readonly bitrateKbps: number | null;
  /** Packets the SFU reported lost in this window, as a share of those sent (0-100). */
  readonly packetLossPercent: number | null;
  /** Round trip to the SFU (ICE candidate pair, else RTCP). */
  readonly roundTripMs: number | null;
  /** Frames per second of the best layer being sent. */
  readonly framesPerSecond: number | null;
  /** Size of the best layer being sent, e.g. 1280x720. */
  readonly frameWidth: number | null;
  readonly frameHeight: number | null;
  /** Simulcast layers that sent bytes in this window (3 when all is well on a 720p camera). */
  readonly videoLayers: number;
  readonly qualityLimitation: QualityLimitation | null;
  /** The browser's estimate of the uplink (kbps). */
  readonly availableKbps: number | null;
}

export interface PublishStatus {
  readonly phase: PublishPhase;
  /** Why the phase is `error`, or what went wrong in the last failed attempt while `reconnecting`. */
  readonly error: string | null;
  /** Reconnect attempts in the current outage (0 when connected). */
  readonly reconnectAttempt: number;
  /** When the next reconnect attempt starts (this computer's clock, ms), if one is scheduled. */
  readonly nextAttemptAt: number | null;
  /** When the show went live in this session (survives reconnects; cleared by Stop and End show). */
  readonly liveSince: number | null;
  readonly room: string | null;
  readonly viewerUrls: readonly string[];
  /** From the SFU's pushes while connected; null when not known. */
  readonly viewerCount: number | null;
  /** Latest stats window; null when not sending. */
  readonly health: StreamHealth | null;
  readonly sending: { readonly video: boolean; readonly audio: boolean };
  /**
   * This window put the show on air and has not ended it. After Stop the
   * viewers wait ("right back"), so End show stays on offer.
   */
  readonly showOpen: boolean;
}

export const INITIAL_PUBLISH_STATUS: PublishStatus = Object.freeze({
  phase: 'offline',
  error: null,
  reconnectAttempt: 0,
  nextAttemptAt: null,
  liveSince: null,
  room: null,
  viewerUrls: [],
  viewerCount: null,
  health: null,
  sending: { video: false, audio: false },
  showOpen: false,
});

/** Phases in which the client holds (or is getting) a connection: Go live is not offered. */
export const isOnAir = (phase: PublishPhase): boolean => phase === 'connecting' || phase === 'live' || phase === 'reconnecting';

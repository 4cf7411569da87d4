import type { Destination, DestinationStatus, EgressOverview } from '../../shared/domain/destinations.js';
import type { EgressDestinationStatus, EgressEncoderStatus, EgressState } from '../../shared/sfu/protocol-egress.js';

/**
 * The pure half of the egress service: what every window is shown, made
 * from the saved destinations, what the SFU last reported and main's own
 * word where the SFU could not be asked. Never a key, never a server address.
 */

/** A destination's id on the SFU (the protocol's id rule: letters, digits, _ and -). */
export const sfuIdOf = (id: number): string => `d${id}`;

export function destinationIdOf(sfuId: string): number | null {
  const match = /^d([1-9]\d{0,15})$/.exec(sfuId);
  return match ? Number(match[1]) : null;
}

/** Main's own word on a destination, over what the SFU last said. */
export interface LocalState {
  readonly state: EgressState;
  readonly reason: string | null;
  /** A request for it is on its way: the SFU's pushes do not replace this until it is answered. */
  readonly pending: boolean;
}

export interface OverviewInput {
  readonly destinations: readonly Destination[];
  /** Should be running on the SFU now (started with the show, or by the host). */
  readonly wanted: ReadonlySet<number>;
  readonly sfu: ReadonlyMap<number, EgressDestinationStatus>;
  readonly local: ReadonlyMap<number, LocalState>;
  readonly encoder: EgressEncoderStatus | null;
  readonly verticalEncoder: EgressEncoderStatus | null;
  readonly showRunning: boolean;
  /** Main's clock minus the SFU's (the SFU's times are moved onto main's clock). */
  readonly offsetMs: number;
  /** Every saved stream key: a reason that quotes one is cut. */
  readonly keys: readonly string[];
  readonly now: number;
}

/**
 * A reason as the SFU (or ffmpeg behind it) worded it, made safe for every
 * window: a stream key anywhere in it becomes "•••", and a server address
 * (which may carry the key) "the server".
 */
export function safeReason(reason: string | null, keys: readonly string[]): string | null {
  if (reason === null) return null;
  let text = reason;
  for (const key of [...keys].sort((a, b) => b.length - a.length)) {
    if (key.length >= 4) text = text.split(key).join('•••');
  }
  return text.replace(/rtmps?:\/\/\S+/gi, 'the server').slice(0, 300);
}

const IDLE_FIGURES = { bitrateKbps: null, fps: null, droppedFrames: 0, liveSince: null, reconnects: 0, retryAt: null } as const;

export function buildOverview(input: OverviewInput): EgressOverview {
  const shift = (t: number | null) => (t === null ? null : t + input.offsetMs);
  const rows = input.destinations.map((d): DestinationStatus => {
    const base = { id: d.id, name: d.name, platform: d.platform, orientation: d.orientation, enabled: d.enabled };
    const reported = input.sfu.get(d.id);
    const figures = reported
      ? {
          bitrateKbps: reported.bitrateKbps,
          fps: reported.fps,
          droppedFrames: reported.droppedFrames,
          liveSince: shift(reported.liveSince),
          reconnects: reported.reconnects,
          retryAt: shift(reported.retryAt),
        }
      : IDLE_FIGURES;
    const local = input.local.get(d.id);
    if (local) {
      const live = local.state === 'live';
      return {
        ...base,
        ...figures,
        ...(live ? {} : { bitrateKbps: null, fps: null, liveSince: null }),
        ...(local.state === 'reconnecting' ? {} : { retryAt: null }),
        state: local.state,
        reason: safeReason(local.reason, input.keys),
      };
    }
    if (reported) return { ...base, ...figures, state: reported.state, reason: safeReason(reported.reason, input.keys) };
    // Asked for and not reported yet: starting.
    return { ...base, ...IDLE_FIGURES, state: input.wanted.has(d.id) ? 'waiting' : 'off', reason: null };
  });
  return {
    showRunning: input.showRunning,
    destinations: rows,
    encoder: input.encoder ? { ...input.encoder, reason: safeReason(input.encoder.reason, input.keys) } : null,
    verticalEncoder: input.verticalEncoder ? { ...input.verticalEncoder, reason: safeReason(input.verticalEncoder.reason, input.keys) } : null,
    now: input.now,
  };
}

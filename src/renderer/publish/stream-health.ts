import type { QualityLimitation, StreamHealth } from './publish-status.js';

/**
 * Turns two snapshots of the send transport's RTCStatsReport into a
 * StreamHealth window. Pure (no DOM objects are touched beyond reading
 * fields), so it is tested in Node with recorded-looking stats.
 *
 * Counters in WebRTC stats are cumulative: rates and loss come from the
 * difference between this snapshot and the previous one.
 */

/** The fields read from RTCStats entries; everything optional because browsers differ. */
export interface SendStatsEntry {
  readonly type: string;
  readonly id: string;
  readonly timestamp: number;
  readonly kind?: string;
  readonly bytesSent?: number;
  readonly headerBytesSent?: number;
  readonly packetsSent?: number;
  readonly framesPerSecond?: number;
  readonly frameWidth?: number;
  readonly frameHeight?: number;
  readonly qualityLimitationReason?: string;
  /** remote-inbound-rtp: cumulative packets the SFU reported lost. */
  readonly packetsLost?: number;
  readonly roundTripTime?: number;
  /** remote-inbound-rtp -> its outbound-rtp. */
  readonly localId?: string;
  /** candidate-pair */
  readonly state?: string;
  readonly nominated?: boolean;
  readonly currentRoundTripTime?: number;
  readonly availableOutgoingBitrate?: number;
  /** transport */
  readonly selectedCandidatePairId?: string;
}

/** Counters kept between windows. */
export interface SendCounters {
  readonly at: number;
  readonly bytes: number;
  /** By outbound-rtp id. */
  readonly packetsSent: ReadonlyMap<string, number>;
  readonly packetsLost: ReadonlyMap<string, number>;
  readonly videoBytes: ReadonlyMap<string, number>;
}

const QUALITY_LIMITATIONS: readonly QualityLimitation[] = ['none', 'cpu', 'bandwidth', 'other'];

export function measureStreamHealth(
  entries: Iterable<SendStatsEntry>,
  previous: SendCounters | null,
  now: number,
): { health: StreamHealth; counters: SendCounters } {
  const all = [...entries];
  const outbound = all.filter((s) => s.type === 'outbound-rtp');
  const remoteInbound = all.filter((s) => s.type === 'remote-inbound-rtp');

  const at = Math.max(0, ...all.map((s) => s.timestamp ?? 0)) || now;
  const bytes = outbound.reduce((sum, s) => sum + (s.bytesSent ?? 0) + (s.headerBytesSent ?? 0), 0);
  const packetsSent = new Map(outbound.map((s) => [s.id, s.packetsSent ?? 0]));
  const packetsLost = new Map(remoteInbound.filter((s) => s.localId).map((s) => [s.localId!, s.packetsLost ?? 0]));
  const video = outbound.filter((s) => s.kind === 'video');
  const videoBytes = new Map(video.map((s) => [s.id, s.bytesSent ?? 0]));
  const counters: SendCounters = { at, bytes, packetsSent, packetsLost, videoBytes };

  const seconds = previous ? (at - previous.at) / 1000 : 0;
  const bitrateKbps = previous && seconds > 0 ? Math.max(0, ((bytes - previous.bytes) * 8) / seconds / 1000) : null;

  // Layers that moved bytes in this window; on the first window, layers that ever sent.
  const activeVideo = video.filter((s) => (s.bytesSent ?? 0) > (previous?.videoBytes.get(s.id) ?? 0));
  const best = [...activeVideo].sort((a, b) => (b.frameWidth ?? 0) - (a.frameWidth ?? 0))[0];
  const limitation = best?.qualityLimitationReason;

  return {
    counters,
    health: {
      measuredAt: now,
      bitrateKbps: bitrateKbps === null ? null : Math.round(bitrateKbps),
      packetLossPercent: previous ? lossPercent(previous, packetsSent, packetsLost) : null,
      roundTripMs: roundTripMs(all, remoteInbound),
      framesPerSecond: best?.framesPerSecond ?? null,
      frameWidth: best?.frameWidth ?? null,
      frameHeight: best?.frameHeight ?? null,
      videoLayers: activeVideo.length,
      qualityLimitation: QUALITY_LIMITATIONS.includes(limitation as QualityLimitation) ? (limitation as QualityLimitation) : null,
      availableKbps: availableKbps(all),
    },
  };
}

/** Lost in the window / (sent + lost in the window), over every stream the SFU reports on. */
function lossPercent(previous: SendCounters, sent: ReadonlyMap<string, number>, lost: ReadonlyMap<string, number>): number | null {
  if (lost.size === 0) return null; // no RTCP receiver report yet
  let sentDelta = 0;
  let lostDelta = 0;
  for (const [id, total] of lost) {
    lostDelta += Math.max(0, total - (previous.packetsLost.get(id) ?? 0));
    sentDelta += Math.max(0, (sent.get(id) ?? 0) - (previous.packetsSent.get(id) ?? 0));
  }
  const expected = sentDelta + lostDelta;
  return expected === 0 ? 0 : Math.round((lostDelta / expected) * 1000) / 10;
}

function selectedPair(all: readonly SendStatsEntry[]): SendStatsEntry | undefined {
  const pairId = all.find((s) => s.type === 'transport')?.selectedCandidatePairId;
  return (
    all.find((s) => s.type === 'candidate-pair' && s.id === pairId) ??
    all.find((s) => s.type === 'candidate-pair' && s.state === 'succeeded' && s.nominated)
  );
}

/** The ICE pair's RTT covers the whole path; RTCP's is the fallback before the pair has one. */
function roundTripMs(all: readonly SendStatsEntry[], remoteInbound: readonly SendStatsEntry[]): number | null {
  const pairRtt = selectedPair(all)?.currentRoundTripTime;
  if (pairRtt !== undefined) return Math.round(pairRtt * 1000);
  const rtcp = remoteInbound.map((s) => s.roundTripTime).filter((v): v is number => v !== undefined);
  return rtcp.length > 0 ? Math.round(Math.max(...rtcp) * 1000) : null;
}

function availableKbps(all: readonly SendStatsEntry[]): number | null {
  const bps = selectedPair(all)?.availableOutgoingBitrate;
  return bps === undefined ? null : Math.round(bps / 1000);
}

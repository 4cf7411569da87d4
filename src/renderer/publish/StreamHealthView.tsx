import type { QualityLimitation, StreamHealth } from './publish-status.js';

type Level = 'ok' | 'warn' | 'bad' | 'none';

interface Tile {
  readonly key: string;
  readonly label: string;
  readonly value: string;
  readonly level: Level;
  readonly hint?: string;
}

/** Shown under the label "Limited by". */
const LIMITATION_TEXT: Record<QualityLimitation, string> = {
  none: 'Nothing',
  cpu: 'CPU',
  bandwidth: 'Network',
  other: 'Other',
};

const LIMITATION_HINT: Record<QualityLimitation, string> = {
  none: 'The browser sends the quality asked for.',
  cpu: 'This computer is too busy to encode at full quality: close other apps.',
  bandwidth: 'The upload is too slow for full quality: move closer to the Wi-Fi or use a cable.',
  other: 'The browser lowered the quality for another reason.',
};

/** Thresholds where a host should start to worry (interactive video on a consumer uplink). */
function levelOf(value: number | null, warn: number, bad: number): Level {
  if (value === null) return 'none';
  return value >= bad ? 'bad' : value >= warn ? 'warn' : 'ok';
}

export function healthTiles(health: StreamHealth | null, viewerCount: number | null): Tile[] {
  const h = health;
  const fps = h?.framesPerSecond ?? null;
  return [
    {
      key: 'bitrate',
      label: 'Bitrate',
      value: h?.bitrateKbps == null ? '—' : h.bitrateKbps >= 1000 ? `${(h.bitrateKbps / 1000).toFixed(1)} Mbps` : `${h.bitrateKbps} kbps`,
      level: h?.bitrateKbps == null ? 'none' : h.bitrateKbps < 300 ? 'warn' : 'ok',
      ...(h?.availableKbps != null ? { hint: `Uplink estimate ${(h.availableKbps / 1000).toFixed(1)} Mbps` } : {}),
    },
    {
      key: 'loss',
      label: 'Packet loss',
      value: h?.packetLossPercent == null ? '—' : `${h.packetLossPercent.toFixed(1)} %`,
      level: levelOf(h?.packetLossPercent ?? null, 2, 5),
    },
    { key: 'rtt', label: 'Round trip', value: h?.roundTripMs == null ? '—' : `${h.roundTripMs} ms`, level: levelOf(h?.roundTripMs ?? null, 150, 300) },
    {
      key: 'fps',
      label: 'Frame rate',
      value: fps === null ? '—' : `${Math.round(fps)} fps`,
      level: fps === null ? 'none' : fps < 15 ? 'bad' : fps < 24 ? 'warn' : 'ok',
      ...(h?.frameWidth ? { hint: `${h.frameWidth}×${h.frameHeight} · ${h.videoLayers} of 3 quality layers` } : {}),
    },
    {
      key: 'quality',
      label: 'Limited by',
      value: h?.qualityLimitation ? LIMITATION_TEXT[h.qualityLimitation] : '—',
      level: !h?.qualityLimitation ? 'none' : h.qualityLimitation === 'none' ? 'ok' : 'warn',
      ...(h?.qualityLimitation ? { hint: LIMITATION_HINT[h.qualityLimitation] } : {}),
    },
    { key: 'viewers', label: 'Viewers', value: viewerCount === null ? '—' : viewerCount.toLocaleString(), level: 'none' },
  ];
}

/** Updated every 2 s while sending: the numbers a host (or producer) watches to catch trouble before viewers do. */
export function StreamHealthView({ health, viewerCount }: { health: StreamHealth | null; viewerCount: number | null }) {
  return (
    <ul className="health-tiles" aria-label="Stream health" data-testid="stream-health">
      {healthTiles(health, viewerCount).map((t) => (
        <li key={t.key} className={`health-tile health-${t.level}`} data-testid={`health-${t.key}`} title={t.hint}>
          <span className="health-value">{t.value}</span>
          <span className="health-label">{t.label}</span>
        </li>
      ))}
    </ul>
  );
}

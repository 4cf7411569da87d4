import { describe, expect, it } from 'vitest';
import { measureStreamHealth, type SendStatsEntry } from './stream-health.js';

/** A send transport's stats as Chrome reports them: three VP8 layers, Opus, RTCP back from the SFU. */
function snapshot(t: number, scale: number, lost: number): SendStatsEntry[] {
  const layer = (id: string, width: number, bytesPerSecond: number, fps: number): SendStatsEntry => ({
    type: 'outbound-rtp',
    id,
    timestamp: t,
    kind: 'video',
    bytesSent: bytesPerSecond * scale,
    headerBytesSent: 0,
    packetsSent: 100 * scale,
    framesPerSecond: fps,
    frameWidth: width,
    frameHeight: (width * 9) / 16,
    qualityLimitationReason: 'none',
  });
  return [
    layer('v0', 320, 2_000, 30),
    layer('v1', 640, 6_000, 30),
    layer('v2', 1280, 17_000, 29),
    { type: 'outbound-rtp', id: 'a0', timestamp: t, kind: 'audio', bytesSent: 4_000 * scale, packetsSent: 50 * scale },
    { type: 'remote-inbound-rtp', id: 'r2', timestamp: t, localId: 'v2', packetsLost: lost, roundTripTime: 0.004 },
    { type: 'transport', id: 't', timestamp: t, selectedCandidatePairId: 'cp' },
    { type: 'candidate-pair', id: 'cp', timestamp: t, currentRoundTripTime: 0.002, availableOutgoingBitrate: 2_500_000 },
  ];
}

describe('measureStreamHealth', () => {
  it('reports rates from the difference between two windows', () => {
    const first = measureStreamHealth(snapshot(10_000, 10, 0), null, 1);
    expect(first.health.bitrateKbps).toBeNull();
    expect(first.health.packetLossPercent).toBeNull();
    expect(first.health.videoLayers).toBe(3);

    // 2 s later: 29,000 bytes/s more per second elapsed → (29,000 × 2 s × 8) / 2 s = 232 kbps.
    const second = measureStreamHealth(snapshot(12_000, 12, 2), first.counters, 2);
    expect(second.health).toMatchObject({
      bitrateKbps: 232,
      framesPerSecond: 29,
      frameWidth: 1280,
      frameHeight: 720,
      roundTripMs: 2,
      videoLayers: 3,
      qualityLimitation: 'none',
      availableKbps: 2500,
    });
    // Top layer: 200 packets sent, 2 lost → 2 / 202.
    expect(second.health.packetLossPercent).toBeCloseTo(1, 1);
  });

  it('counts only the layers that moved bytes, and reads the best one', () => {
    const first = measureStreamHealth(snapshot(0, 10, 0), null, 0);
    const stalled = snapshot(2_000, 12, 0).map((s) =>
      s.id === 'v2' ? { ...s, bytesSent: 17_000 * 10, qualityLimitationReason: 'bandwidth' } : s,
    );
    const { health } = measureStreamHealth(stalled, first.counters, 1);
    expect(health.videoLayers).toBe(2);
    expect(health.frameWidth).toBe(640);
  });

  it('falls back to RTCP round trip and reports no loss before any receiver report', () => {
    const bare = snapshot(0, 1, 0).filter((s) => s.type === 'outbound-rtp');
    const first = measureStreamHealth(bare, null, 0);
    const { health } = measureStreamHealth(snapshot(2_000, 2, 0).filter((s) => s.type !== 'candidate-pair'), first.counters, 1);
    expect(health.roundTripMs).toBe(4);
    expect(health.packetLossPercent).toBe(0);
  });
});

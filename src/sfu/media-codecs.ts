import type { types } from 'mediasoup';

/**
 * The codecs every show's router offers. Order matters: clients pick the
 * first codec they share with the router, so VP8 (decodable by every
 * browser viewers use, including Safari) comes before H264.
 */
export function showMediaCodecs(enableH264: boolean): types.RtpCodecCapability[] {
  const codecs: types.RtpCodecCapability[] = [
    { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
    {
      kind: 'video',
      mimeType: 'video/VP8',
      clockRate: 90000,
      // Start viewers at a usable bitrate instead of ramping up from 300 kbps.
      parameters: { 'x-google-start-bitrate': 1000 },
    },
  ];
  if (enableH264) {
    codecs.push({
      kind: 'video',
      mimeType: 'video/H264',
      clockRate: 90000,
      parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1 },
    });
  }
  return codecs;
}

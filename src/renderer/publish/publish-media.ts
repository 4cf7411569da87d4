import type { types } from 'mediasoup-client';

/**
 * What the studio sends (runs in the renderer). Numbers are for a 1280x720
 * camera or composed canvas at 30 fps; Chrome only sends all three layers
 * when the source is at least 960x540.
 */

/**
 * Three simulcast layers, smallest first (mediasoup's order): phones on a
 * weak network get 320x180, most viewers 640x360, good connections 720p.
 * L1T3 adds temporal layers so the SFU can also drop frame rate per viewer.
 */
export const VIDEO_LAYERS: readonly types.RtpEncodingParameters[] = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 2, maxBitrate: 600_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 1, maxBitrate: 1_800_000, scalabilityMode: 'L1T3' },
];

/** Start near the middle layer's rate so 720p arrives within a second or two, not after a slow ramp. */
export const VIDEO_CODEC_OPTIONS: types.ProducerCodecOptions = { videoGoogleStartBitrate: 1000 };

/**
 * Opus: in-band FEC hides lost packets; no DTX, because a product demo often
 * has quiet music or room sound that DTX would chop.
 */
export const AUDIO_CODEC_OPTIONS: types.ProducerCodecOptions = { opusFec: true, opusDtx: false, opusStereo: false };

/** Camera capture asked for: 720p30 (enough for three layers); the browser picks the nearest the camera has. */
export function cameraConstraints(deviceId: string | null): MediaTrackConstraints {
  return {
    ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
    width: { ideal: 1280 },
    height: { ideal: 720 },
    frameRate: { ideal: 30 },
  };
}

/** Voice on a laptop mic: the browser's clean-up on, mono. */
export function microphoneConstraints(deviceId: string | null): MediaTrackConstraints {
  return {
    ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
    echoCancellation: true,
    noiseSuppression: true,
    autoGainControl: true,
    channelCount: 1,
  };
}

/**
 * Turns what the browser and the SFU say into sentences a host can act on
 * (runs in the renderer). Technical detail stays in the console.
 */

import type { SignalFailureCode } from '../../shared/sfu/signal-requests.js';

export type CaptureDevice = 'camera' | 'microphone';

const DEVICE_WORD: Record<CaptureDevice, string> = { camera: 'Camera', microphone: 'Microphone' };

/** getUserMedia failures (DOMException names are stable across browsers). */
export function captureErrorMessage(device: CaptureDevice, error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  const word = DEVICE_WORD[device];
  switch (name) {
    case 'NotReadableError':
    case 'TrackStartError':
      return `${word} is in use by another app. Close Zoom, Teams, OBS or other apps using it, then pick it again.`;
    case 'NotAllowedError':
    case 'SecurityError':
      return `${word} access is blocked. Allow ${device} access for Live Seller Studio (system settings or the browser's address bar), then pick it again.`;
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return `No ${device} found. Plug one in, then pick it from the list.`;
    case 'OverconstrainedError':
      return `This ${device} is no longer available. Pick another one.`;
    case 'AbortError':
      return `${word} could not start. Unplug it and plug it in again, or pick another one.`;
    default:
      return `${word} could not start (${(error as Error)?.message || 'unknown error'}).`;
  }
}

/** "127.0.0.1:4781" out of a signaling URL, for messages. */
export function serverLabel(signalUrl: string): string {
  try {
    return new URL(signalUrl).host;
  } catch {
    return signalUrl;
  }
}

/** Said once, when the first connection fails (while reconnecting the banner stays short). */
export const UNREACHABLE_HINT = 'Check your internet connection, or the server address in Settings.';

/** Why a join or publish attempt failed, from the SFU's error code. */
export function sfuFailureMessage(code: SignalFailureCode | 'socket', signalUrl: string, detail: string): string {
  const where = serverLabel(signalUrl);
  switch (code) {
    case 'socket':
    case 'disconnected':
      return `Can't reach the streaming server at ${where}.`;
    case 'timeout':
      return `The streaming server at ${where} is not answering.`;
    case 'unauthorized':
      return `The streaming server at ${where} did not accept the studio's host token. Check the SFU settings.`;
    case 'unavailable':
      return `The streaming server at ${where} is busy or restarting.`;
    case 'media-rejected':
      return `The streaming server refused this camera's video format (${detail}).`;
    default:
      return `The streaming server at ${where} refused to start the show: ${detail}`;
  }
}

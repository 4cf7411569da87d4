/**
 * Runs in the guest's browser (and in unit tests): what went wrong with the
 * camera or microphone, in words a guest can act on. Pure.
 */

/** One device's state after asking the browser for it. */
export type DeviceState = 'ok' | 'denied' | 'missing' | 'busy' | 'insecure';

/** getUserMedia's error names (the same in Chromium, Firefox and Safari) as a device state. */
export function deviceStateOf(error: unknown): DeviceState {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return 'missing';
  return 'busy';
}

export interface DeviceProblem {
  readonly text: string;
  /** Joining is possible with what works (audio-only or camera-only). */
  readonly canJoin: boolean;
}

const HOW_TO_ALLOW =
  'To allow it, click the camera or lock icon in the address bar, choose Allow for this site, then press Try again. On an iPhone or iPad: Settings › Safari › Camera and Microphone › Allow.';

/** null: both work. */
export function deviceProblem(camera: DeviceState, mic: DeviceState): DeviceProblem | null {
  if (camera === 'ok' && mic === 'ok') return null;
  if (camera === 'insecure' || mic === 'insecure') {
    return { text: 'This page can only use your camera and microphone over a secure (https) link. Ask the host for an https invite link.', canJoin: false };
  }
  if (camera === 'denied' && mic === 'denied') {
    return { text: `Your browser is blocking the camera and microphone for this page. ${HOW_TO_ALLOW}`, canJoin: false };
  }
  if (camera !== 'ok' && mic !== 'ok') {
    return {
      text: `We can’t use your camera or your microphone. ${what('camera', camera)} ${what('microphone', mic)}`,
      canJoin: false,
    };
  }
  if (camera !== 'ok') {
    return { text: `${what('camera', camera)} You can join with your microphone only: the host will hear you but not see you.`, canJoin: true };
  }
  return { text: `${what('microphone', mic)} You can join with your camera only: the host will see you but not hear you.`, canJoin: true };
}

function what(device: 'camera' | 'microphone', state: DeviceState): string {
  switch (state) {
    case 'denied':
      return `Your browser is blocking the ${device} for this page. ${HOW_TO_ALLOW}`;
    case 'missing':
      return `No ${device} was found. Plug one in, then press Try again.`;
    case 'busy':
      return `Your ${device} is in use by another app or can’t start. Close other apps that use it, then press Try again.`;
    default:
      return '';
  }
}

import { describe, expect, it } from 'vitest';
import { SignalRequestError } from '../../shared/sfu/signal-requests.js';
import { captureErrorMessage } from './host-messages.js';
import { failureOf, HostFacingError } from './publish-failure.js';

const SIGNAL = 'ws://127.0.0.1:4781/signal';

describe('what the host reads when publishing fails', () => {
  it('names the server and keeps retrying when it cannot be reached', () => {
    const failure = failureOf(new SignalRequestError('disconnected', 'closed'), SIGNAL);
    expect(failure).toEqual({
      message: "Can't reach the streaming server at 127.0.0.1:4781.",
      fatal: false,
      hint: 'Check your internet connection, or the server address in Settings.',
    });
  });

  it('stops on setup problems that a retry cannot fix', () => {
    expect(failureOf(new SignalRequestError('unauthorized', 'Wrong host token.'), SIGNAL)).toMatchObject({
      message: "The streaming server at 127.0.0.1:4781 did not accept the studio's host token. Check the SFU settings.",
      fatal: true,
    });
    expect(failureOf(new SignalRequestError('unavailable', 'worker restarting'), SIGNAL).fatal).toBe(false);
    expect(failureOf(Object.assign(new Error('no WebRTC'), { name: 'UnsupportedError' }), SIGNAL).fatal).toBe(true);
  });

  it('passes main’s own sentences through unchanged', () => {
    expect(failureOf(new HostFacingError('The SFU is not ready yet. Try again in a moment.'), SIGNAL)).toEqual({
      message: 'The SFU is not ready yet. Try again in a moment.',
      fatal: false,
    });
  });

  it('explains camera and microphone errors by their DOMException name', () => {
    expect(captureErrorMessage('camera', new DOMException('Could not start video source', 'NotReadableError'))).toMatch(
      /^Camera is in use by another app\./,
    );
    expect(captureErrorMessage('microphone', new DOMException('Permission denied', 'NotAllowedError'))).toMatch(
      /^Microphone access is blocked\./,
    );
    expect(captureErrorMessage('camera', new DOMException('', 'NotFoundError'))).toBe('No camera found. Plug one in, then pick it from the list.');
  });
});

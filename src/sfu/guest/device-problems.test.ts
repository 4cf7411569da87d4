import { describe, expect, it } from 'vitest';
import { deviceProblem, deviceStateOf } from './device-problems.js';

const named = (name: string) => Object.assign(new Error(name), { name });

describe('camera and microphone trouble in words a guest can act on', () => {
  it('reads the browsers’ error names', () => {
    expect(deviceStateOf(named('NotAllowedError'))).toBe('denied');
    expect(deviceStateOf(named('NotFoundError'))).toBe('missing');
    expect(deviceStateOf(named('OverconstrainedError'))).toBe('missing');
    expect(deviceStateOf(named('NotReadableError'))).toBe('busy');
    expect(deviceStateOf(null)).toBe('busy');
  });

  it('says nothing when both work', () => {
    expect(deviceProblem('ok', 'ok')).toBeNull();
  });

  it('says how to allow a blocked camera and mic, and does not let the guest join with neither', () => {
    const problem = deviceProblem('denied', 'denied')!;
    expect(problem.canJoin).toBe(false);
    expect(problem.text).toContain('blocking the camera and microphone');
    expect(problem.text).toContain('Allow');
    expect(problem.text).toContain('Try again');
  });

  it('lets a guest without a camera join with the mic only, and the other way round', () => {
    const noCamera = deviceProblem('missing', 'ok')!;
    expect(noCamera).toMatchObject({ canJoin: true });
    expect(noCamera.text).toContain('No camera was found');
    expect(noCamera.text).toContain('microphone only');
    const blockedMic = deviceProblem('ok', 'denied')!;
    expect(blockedMic).toMatchObject({ canJoin: true });
    expect(blockedMic.text).toContain('blocking the microphone');
    expect(blockedMic.text).toContain('camera only');
  });

  it('explains a page opened over plain http (no camera API there)', () => {
    expect(deviceProblem('insecure', 'insecure')).toMatchObject({ canJoin: false, text: expect.stringContaining('https') });
  });
});

import { describe, expect, it } from 'vitest';
import type { AirState } from '../../shared/domain/live.js';
import { airSummary } from './air-summary.js';

const air = (fields: Partial<AirState>): AirState => ({ phase: 'offline', since: null, where: null, viewers: 0, now: 0, ...fields });

describe('what a console that does not publish says about the show', () => {
  it('live: from where, and how many watch', () => {
    expect(airSummary(air({ phase: 'live', since: 1, where: 'a browser on this computer', viewers: 1 }), false)).toEqual({
      headline: 'On air',
      detail: 'From a browser on this computer · 1 viewer watching.',
      timed: true,
    });
    expect(airSummary(air({ phase: 'live', since: 1, where: 'the desktop window', viewers: 1200 }), false).detail).toBe(
      `From the desktop window · ${(1200).toLocaleString()} viewers watching.`,
    );
  });

  it('paused and offline tell a producer who acts, and a host page what it can do', () => {
    expect(airSummary(air({ phase: 'paused', since: 1, where: 'the desktop window' }), false).detail).toContain('The host resumes from the studio.');
    expect(airSummary(air({ phase: 'paused', since: 1, where: 'the desktop window' }), true).detail).toContain('go live here');
    expect(airSummary(air({}), false)).toMatchObject({ headline: 'Not live yet', timed: false });
    expect(airSummary(air({}), false).detail).toContain('this console follows the show');
  });

  it('connecting, reconnecting and ended name the window and what viewers see', () => {
    expect(airSummary(air({ phase: 'connecting', where: 'a browser at 192.168.1.20' }), false).detail).toBe(
      'A browser at 192.168.1.20 is connecting to the streaming server…',
    );
    expect(airSummary(air({ phase: 'reconnecting', since: 1, where: 'the desktop window' }), false)).toMatchObject({
      headline: 'Reconnecting',
      timed: true,
    });
    expect(airSummary(air({ phase: 'ended', since: 1 }), false)).toEqual({ headline: 'Show ended', detail: 'Viewers were told the show is over.', timed: false });
  });
});

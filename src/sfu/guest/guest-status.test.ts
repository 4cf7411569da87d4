import { describe, expect, it } from 'vitest';
import { SignalCloseCode } from '../../shared/sfu/protocol-constants.js';
import type { GuestView } from '../../shared/sfu/protocol-guests.js';
import {
  BACKSTAGE_TEXT,
  closeOutcome,
  FINAL_PHASES,
  HOST_HID_CAMERA_TEXT,
  HOST_MUTED_TEXT,
  inShowText,
  INVITE_DEAD_TEXT,
  INVITE_GRACE_TRIES,
  joinRefusalOutcome,
  ON_AIR_TEXT,
  phaseText,
  playChanges,
} from './guest-status.js';

const view = (patch: Partial<GuestView> = {}): GuestView => ({
  guestId: 'guest-0001',
  name: 'Dana',
  onAir: false,
  audioMuted: false,
  videoHidden: false,
  play: [],
  live: true,
  ...patch,
});

describe('the guest page’s status line', () => {
  it('says backstage or on air from the GuestView', () => {
    expect(inShowText(view())).toEqual({ title: BACKSTAGE_TEXT, notes: [] });
    expect(inShowText(view({ onAir: true }))).toEqual({ title: ON_AIR_TEXT, notes: [] });
    expect(BACKSTAGE_TEXT).toBe('Backstage — the host can see and hear you; you’re not on air yet');
  });

  it('adds what the host switched off', () => {
    expect(inShowText(view({ onAir: true, audioMuted: true })).notes).toEqual([HOST_MUTED_TEXT]);
    expect(inShowText(view({ videoHidden: true })).notes).toEqual([HOST_HID_CAMERA_TEXT]);
    expect(inShowText(view({ audioMuted: true, videoHidden: true })).notes).toEqual([HOST_MUTED_TEXT, HOST_HID_CAMERA_TEXT]);
  });

  it('has the final messages the guest must see', () => {
    expect(phaseText('invite-dead').title).toBe(INVITE_DEAD_TEXT);
    expect(INVITE_DEAD_TEXT).toBe('This invite link no longer works. Ask the host for a new one.');
    expect(phaseText('removed').title).toBe('The host removed you from the show.');
    expect(phaseText('ended').title).toBe('The show has ended. Thank you for joining!');
    expect(phaseText('waiting').title).toBe('The show hasn’t opened yet — you’ll join as soon as the host opens it');
  });
});

describe('what the guest page does when refused or cut off', () => {
  it('waits for a show not opened yet, and stops for an ended show or a dead invite (no retry loop)', () => {
    expect(joinRefusalOutcome('not-started')).toEqual({ next: 'wait' });
    expect(joinRefusalOutcome('show-ended')).toEqual({ next: 'stop', phase: 'ended' });
    expect(joinRefusalOutcome('unauthorized')).toEqual({ next: 'stop', phase: 'invite-dead' });
    expect(joinRefusalOutcome('forbidden')).toEqual({ next: 'stop', phase: 'invite-dead' });
    expect(joinRefusalOutcome('conflict')).toEqual({ next: 'stop', phase: 'full' });
  });

  it('asks again a few times when the show just (re)opened: the studio may not have re-sent its invites yet', () => {
    expect(joinRefusalOutcome('forbidden', INVITE_GRACE_TRIES)).toEqual({ next: 'retry' });
    expect(joinRefusalOutcome('forbidden', 1)).toEqual({ next: 'retry' });
    expect(joinRefusalOutcome('forbidden', 0)).toEqual({ next: 'stop', phase: 'invite-dead' });
    // Only the invite's refusal gets grace: an ended show stays ended.
    expect(joinRefusalOutcome('show-ended', INVITE_GRACE_TRIES)).toEqual({ next: 'stop', phase: 'ended' });
  });

  it('tries again for passing trouble', () => {
    for (const code of ['rate-limited', 'unavailable', 'internal', undefined] as const) expect(joinRefusalOutcome(code)).toEqual({ next: 'retry' });
  });

  it('never reconnects after the host removed the guest; rejoins at once after a media-server restart; else backs off', () => {
    expect(closeOutcome(SignalCloseCode.guestRemoved)).toEqual({ next: 'stop', phase: 'removed' });
    expect(closeOutcome(SignalCloseCode.serviceRestart)).toEqual({ next: 'reconnect', atOnce: true });
    expect(closeOutcome(1006)).toEqual({ next: 'reconnect', atOnce: false });
    expect(closeOutcome(SignalCloseCode.goingAway)).toEqual({ next: 'reconnect', atOnce: false });
  });

  it('treats every stop as final', () => {
    for (const code of ['show-ended', 'unauthorized', 'conflict'] as const) {
      const outcome = joinRefusalOutcome(code);
      expect(outcome.next === 'stop' && FINAL_PHASES.has(outcome.phase)).toBe(true);
    }
    const removed = closeOutcome(SignalCloseCode.guestRemoved);
    expect(removed.next === 'stop' && FINAL_PHASES.has(removed.phase)).toBe(true);
    expect(FINAL_PHASES.has('reconnecting')).toBe(false);
    expect(FINAL_PHASES.has('waiting')).toBe(false);
  });
});

describe('the feeds a guest plays follow GuestView.play', () => {
  const program = { producerId: 'p-video', kind: 'video', from: 'program' } as const;
  const ret = { producerId: 'p-return', kind: 'audio', from: 'program' } as const;
  const other = { producerId: 'g2-audio', kind: 'audio', from: 'guest' } as const;

  it('adds what is new and drops what is no longer listed', () => {
    expect(playChanges([], [program, ret])).toEqual({ add: [program, ret], drop: [] });
    expect(playChanges(['p-video', 'p-return'], [program, ret, other])).toEqual({ add: [other], drop: [] });
    expect(playChanges(['p-video', 'p-return', 'g2-audio'], [program, ret])).toEqual({ add: [], drop: ['g2-audio'] });
    expect(playChanges(['p-video'], [])).toEqual({ add: [], drop: ['p-video'] });
  });

  it('consumes a producer listed twice once', () => {
    expect(playChanges([], [ret, ret])).toEqual({ add: [ret], drop: [] });
  });
});

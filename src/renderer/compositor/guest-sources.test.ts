import { describe, expect, it } from 'vitest';
import type { GuestPeer } from '../../shared/sfu/protocol-guests.js';
import { guestInSlot, planConsumers, type GuestMedia } from '../publish/guest-feeds.js';
import { guestAudioOf, guestPicturesOf } from './guest-sources.js';

const peer = (guestId: string, patch: Partial<GuestPeer> = {}): GuestPeer => ({
  guestId,
  inviteId: `invite-${guestId}`,
  name: `Name ${guestId}`,
  onAir: false,
  audioMuted: false,
  videoHidden: false,
  connected: true,
  producers: [
    { producerId: `${guestId}-v`, kind: 'video' },
    { producerId: `${guestId}-a`, kind: 'audio' },
  ],
  joinedAt: 1,
  ...patch,
});
/** Stand-ins for received tracks: only their identity matters here. */
const track = (id: string) => ({ id }) as unknown as MediaStreamTrack;

function media(guests: GuestPeer[], onAirOrder: string[]): GuestMedia {
  const tracks = new Map(guests.map((g) => [g.guestId, { video: track(`${g.guestId}-video`), audio: track(`${g.guestId}-audio`) }]));
  return { guests, onAirOrder, tracks };
}

describe('guest slots', () => {
  it('slot n is the n-th guest brought on air; an empty slot or a guest gone backstage is nobody', () => {
    const m = media([peer('anna', { onAir: true }), peer('ben', { onAir: true }), peer('cleo')], ['ben', 'anna']);
    expect(guestInSlot(m, 0)?.guestId).toBe('ben');
    expect(guestInSlot(m, 1)?.guestId).toBe('anna');
    expect(guestInSlot(m, 2)).toBeNull();
    expect(guestInSlot({ ...m, onAirOrder: ['cleo'] }, 0)).toBeNull();
  });

  it('the compositor gets the on-air guests in slot order with their received video, hidden cameras marked', () => {
    const m = media([peer('anna', { onAir: true, videoHidden: true }), peer('ben', { onAir: true }), peer('cleo')], ['ben', 'anna']);
    expect(guestPicturesOf(m)).toEqual([
      { guestId: 'ben', name: 'Name ben', video: track('ben-video'), hidden: false },
      { guestId: 'anna', name: 'Name anna', video: track('anna-video'), hidden: true },
    ]);
  });

  it('the program mix hears on-air guests the host has not muted; backstage and muted guests stay silent', () => {
    const m = media([peer('anna', { onAir: true }), peer('ben', { onAir: true, audioMuted: true }), peer('cleo')], ['anna', 'ben']);
    expect(guestAudioOf(m).map((g) => [g.guestId, g.audible])).toEqual([
      ['anna', true],
      ['ben', false],
      ['cleo', false],
    ]);
  });
});

describe('planConsumers', () => {
  it('consumes every connected guest feed not yet received and drops the ones gone', () => {
    const guests = [peer('anna'), peer('ben', { connected: false }), peer('cleo', { producers: [{ producerId: 'cleo-v2', kind: 'video' }] })];
    const plan = planConsumers(guests, new Set(['anna-v', 'cleo-v', 'ben-a']));
    expect(plan.consume.map((f) => f.producerId)).toEqual(['anna-a', 'cleo-v2']);
    expect(plan.consume[1]).toEqual({ guestId: 'cleo', producerId: 'cleo-v2', kind: 'video' });
    expect(plan.drop.sort()).toEqual(['ben-a', 'cleo-v']);
  });
});

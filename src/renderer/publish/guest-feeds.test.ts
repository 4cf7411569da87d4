import { describe, expect, it } from 'vitest';
import type { GuestPeer } from '../../shared/sfu/protocol-guests.js';
import { FakeGuestSession } from '../../../tests/support/fake-guest-session.js';
import { GuestFeeds, GuestMediaStore, NO_GUEST_MEDIA } from './guest-feeds.js';

const guest = (guestId: string, producers: string[], patch: Partial<GuestPeer> = {}): GuestPeer => ({
  guestId,
  inviteId: 'inv',
  name: guestId,
  onAir: true,
  audioMuted: false,
  videoHidden: false,
  connected: true,
  producers: producers.map((producerId) => ({ producerId, kind: producerId.endsWith('-a') ? 'audio' : 'video' })),
  joinedAt: 1,
  ...patch,
});

describe('GuestFeeds', () => {
  it('consumes each guest feed on one recv transport and resumes it only once its track is in the store', async () => {
    const session = new FakeGuestSession();
    const store = new GuestMediaStore();
    const feeds = new GuestFeeds(session.requests, session.device, store);
    const attachedAtResume: boolean[] = [];
    session.onResume = (consumerId) => {
      const consumer = session.consumers.find((c) => c.id === consumerId)!;
      const tracks = store.get().tracks.get('anna');
      attachedAtResume.push(tracks?.video === consumer.track || tracks?.audio === consumer.track);
    };

    feeds.update({ guests: [guest('anna', ['anna-v', 'anna-a'])], onAirOrder: ['anna'] });
    await feeds.applied();
    expect(session.sent.map((r) => `${r.type} ${r.id ?? ''}`.trim())).toEqual([
      'createTransport',
      'consume anna-v',
      'resume c-anna-v',
      'consume anna-a',
      'resume c-anna-a',
    ]);
    expect(attachedAtResume).toEqual([true, true]);
    expect(store.get().onAirOrder).toEqual(['anna']);
    expect(store.get().tracks.get('anna')).toEqual({ video: session.consumers[0]!.track, audio: session.consumers[1]!.track });
  });

  it('drops the consumers of producers that are gone, skips a feed gone before it was consumed, and empties the store on close', async () => {
    const session = new FakeGuestSession();
    const store = new GuestMediaStore();
    const feeds = new GuestFeeds(session.requests, session.device, store);
    feeds.update({ guests: [guest('anna', ['anna-v', 'anna-a']), guest('ben', ['ben-v'])], onAirOrder: [] });
    await feeds.applied();

    // Anna reloaded (a new camera producer), Ben left, Cleo's feed vanished between the push and the consume.
    session.gone.add('cleo-v');
    feeds.update({ guests: [guest('anna', ['anna-v2', 'anna-a']), guest('cleo', ['cleo-v'])], onAirOrder: ['anna'] });
    await feeds.applied();
    const byProducer = (id: string) => session.consumers.find((c) => c.producerId === id)!;
    expect(byProducer('anna-v').closed).toBe(true);
    expect(byProducer('ben-v').closed).toBe(true);
    expect(byProducer('anna-a').closed).toBe(false);
    expect(store.get().tracks.get('anna')?.video).toBe(byProducer('anna-v2').track);
    expect(store.get().tracks.has('ben')).toBe(false);
    expect(store.get().tracks.has('cleo')).toBe(false);

    feeds.close();
    expect(store.get()).toBe(NO_GUEST_MEDIA);
    expect(session.transportClosed).toBe(true);
    expect(session.consumers.every((c) => c.closed)).toBe(true);
  });
});

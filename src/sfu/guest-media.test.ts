import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignalPush } from '../shared/sfu/protocol.js';
import { refusal } from '../../tests/support/signal-refusal.js';
import { startSfuServer, type SfuServer } from './sfu-server.js';
import {
  TestSignalClient,
  fakeRtpParameters,
  joinAsGuest,
  joinAsProducingHost,
  joinAsStudioLink,
  makeGuestInvite,
  openRecv,
  produceGuestMedia,
  produceReturnAudio,
} from '../../tests/harness/signal-client.js';

/**
 * Guests' media on a real mediasoup worker: a guest sends its camera and mic,
 * host connections consume them, viewers never hear of them, and a guest may
 * consume exactly what its play list holds.
 */

const SECRET = 'guest-media-secret';
let sfu: SfuServer;

beforeAll(async () => {
  sfu = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', defaultHostToken: SECRET });
});
afterAll(async () => {
  await sfu.close();
});

type GuestsPush = Extract<SignalPush, { type: 'guests' }>;

/** An open show: the studio's link, a publisher sending main and return feeds, one viewer, and `count` invites listed. */
async function openShow(show: string, count: number) {
  const { link } = await joinAsStudioLink(sfu, show, SECRET);
  const publisher = await joinAsProducingHost(sfu, show, SECRET);
  const returnAudio = await produceReturnAudio(publisher.host, publisher.transportId);
  const viewer = await TestSignalClient.connect(sfu);
  await viewer.requests.request({ type: 'join', show, role: 'viewer' });
  const invites = Array.from({ length: count }, (_, i) => makeGuestInvite(`inv-${i}`));
  await link.requests.request({ type: 'guestInvites', invites: invites.map((i) => i.entry), hostNow: Date.now() });
  const close = () => [link, publisher.host, viewer].forEach((c) => c.close());
  return { link, publisher, returnAudio, viewer, invites, close };
}

describe('guest media', () => {
  it('a guest produces; host connections learn of it and consume it; viewers never see it', async () => {
    const world = await openShow('guest-produce', 1);
    try {
      const guest = await joinAsGuest(sfu, 'guest-produce', world.invites[0]!.token, { name: 'Dana' });
      const media = await produceGuestMedia(guest.client);
      const guestId = guest.reply.guest!.guestId;
      // Every host connection hears the guest's feeds.
      for (const host of [world.link, world.publisher.host]) {
        const push = await host.waitFor((m): m is GuestsPush => m.type === 'guests' && (m.guests[0]?.producers.length ?? 0) === 2);
        expect(push.guests[0]).toMatchObject({ guestId, connected: true });
        expect(push.guests[0]!.producers).toEqual(
          expect.arrayContaining([
            { producerId: media.videoProducerId, kind: 'video' },
            { producerId: media.audioProducerId, kind: 'audio' },
          ]),
        );
      }
      // The publisher consumes both on a recv transport of its own.
      const recv = await openRecv(world.publisher.host);
      expect(await recv.consume(media.videoProducerId)).toMatchObject({ producerId: media.videoProducerId, kind: 'video' });
      const audio = await recv.consume(media.audioProducerId);
      expect(audio).toMatchObject({ producerId: media.audioProducerId, kind: 'audio' });
      // Asked again: refused, never two consumers of one feed; asked again with `replace` (the first answer came too
      // late for the studio): a new consumer replaces the old one.
      expect((await refusal(recv.consume(media.audioProducerId))).code).toBe('conflict');
      const again = await recv.consume(media.audioProducerId, true);
      expect(again.consumerId).not.toBe(audio.consumerId);
      expect((await refusal(world.publisher.host.requests.request({ type: 'resume', consumerId: audio.consumerId }))).code).toBe('not-found');
      await world.publisher.host.requests.request({ type: 'resume', consumerId: again.consumerId });
      // A host consumes guests' feeds only, never the show's own.
      expect((await refusal(recv.consume(world.publisher.videoProducerId))).code).toBe('not-found');

      // Viewers: no push, not in the room state, and refused when they ask by id.
      const late = await TestSignalClient.connect(sfu);
      const state = await late.requests.request({ type: 'join', show: 'guest-produce', role: 'viewer' });
      const announced = state.room.producers.map((p) => p.producerId);
      expect(announced).toEqual(expect.arrayContaining([world.publisher.videoProducerId, world.publisher.audioProducerId]));
      expect(announced).not.toContain(media.videoProducerId);
      expect(announced).not.toContain(media.audioProducerId);
      expect(announced).not.toContain(world.returnAudio);
      const viewerRecv = await openRecv(world.viewer);
      expect((await refusal(viewerRecv.consume(media.videoProducerId))).code).toBe('not-found');
      expect((await refusal(viewerRecv.consume(world.returnAudio))).code).toBe('not-found');
      const newProducers = world.viewer.pushes('newProducer').map((p) => p.producerId);
      expect(newProducers).not.toContain(media.videoProducerId);
      expect(newProducers).not.toContain(media.audioProducerId);
      expect(world.viewer.pushes('guests')).toEqual([]);
      late.close();
      guest.client.close();
    } finally {
      world.close();
    }
  });

  it('a guest produces whoever the show’s publisher is, main feed only, one per kind', async () => {
    const world = await openShow('guest-feeds', 1);
    try {
      // The show has a named publisher, live: the guest is not a publisher and may still send.
      const minted = await world.link.requests.request({ type: 'mintPublishToken', ttlSeconds: 600, publisherId: 'window-a' });
      const a = await joinAsProducingHost(sfu, 'guest-feeds', minted.token);
      const guest = await joinAsGuest(sfu, 'guest-feeds', world.invites[0]!.token);
      const transport = await guest.client.requests.request({ type: 'createTransport', direction: 'send' });
      for (const feed of ['vertical', 'return'] as const) {
        const kind = feed === 'vertical' ? 'video' : 'audio';
        const refused = await refusal(
          guest.client.requests.request({ type: 'produce', transportId: transport.transportId, kind, rtpParameters: fakeRtpParameters[kind], feed }),
        );
        expect(refused.code).toBe('forbidden');
      }
      const video = await guest.client.requests.request({ type: 'produce', transportId: transport.transportId, kind: 'video', rtpParameters: fakeRtpParameters.video });
      const second = await refusal(
        guest.client.requests.request({
          type: 'produce',
          transportId: transport.transportId,
          kind: 'video',
          rtpParameters: { ...fakeRtpParameters.video, mid: '5', encodings: [{ ssrc: 90909 }] },
        }),
      );
      expect(second.code).toBe('conflict');
      // The publisher's feeds were not replaced by the guest's: still on a late viewer's list.
      const late = await TestSignalClient.connect(sfu);
      const state = await late.requests.request({ type: 'join', show: 'guest-feeds', role: 'viewer' });
      expect(state.room.producers.map((p) => p.producerId)).toContain(a.videoProducerId);
      late.close();
      // The guest closes its own producer, not anyone else's.
      expect((await refusal(guest.client.requests.request({ type: 'closeProducer', producerId: a.videoProducerId }))).code).toBe('not-found');
      await guest.client.requests.request({ type: 'closeProducer', producerId: video.producerId });
      await world.link.waitFor((m) => m.type === 'guests' && m.guests.length === 1 && m.guests[0]!.producers.length === 0);
      a.host.close();
      guest.client.close();
    } finally {
      world.close();
    }
  });
});

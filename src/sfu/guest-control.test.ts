import type { types } from 'mediasoup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignalCloseCode } from '../shared/sfu/protocol-constants.js';
import { MAX_GUESTS_ON_AIR, type GuestView } from '../shared/sfu/protocol-guests.js';
import type { SignalPush } from '../shared/sfu/protocol.js';
import { refusal } from '../../tests/support/signal-refusal.js';
import { startSfuServer, type SfuServer } from './sfu-server.js';
import { loadMediasoup } from './worker-binary.js';
import {
  type TestSignalClient,
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
 * The studio's guestControl on a real mediasoup worker: on air in slots (at
 * most MAX_GUESTS_ON_AIR), mute and hide pause the guest's producer on the
 * server itself, remove closes the guest's page, and each guest's play list
 * follows who is on air. The server's own producers and consumers are
 * watched through mediasoup's observer (same process).
 */

const SECRET = 'guest-control-secret';
let sfu: SfuServer;
const producers = new Map<string, types.Producer>();
const consumers = new Map<string, types.Consumer>();

beforeAll(async () => {
  // The same module the server loads (its worker binary chosen first).
  const mediasoup = await loadMediasoup();
  mediasoup.observer.on('newworker', (worker) =>
    worker.observer.on('newrouter', (router) =>
      router.observer.on('newtransport', (transport) => {
        transport.observer.on('newproducer', (p) => producers.set(p.id, p));
        transport.observer.on('newconsumer', (c) => consumers.set(c.id, c));
      }),
    ),
  );
  sfu = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', defaultHostToken: SECRET });
});
afterAll(async () => {
  await sfu.close();
});

type GuestsPush = Extract<SignalPush, { type: 'guests' }>;
const isView = (m: { type: string }): m is Extract<SignalPush, { type: 'guestView' }> => m.type === 'guestView';

/** Waits until the guest's latest view matches. */
async function viewWhere(client: TestSignalClient, match: (view: GuestView) => boolean): Promise<GuestView> {
  await client.waitFor((m) => isView(m) && match(m.view) && client.pushes('guestView').at(-1) === m);
  return client.pushes('guestView').at(-1)!.view;
}

async function joinAndProduce(show: string, token: string, name: string) {
  const joined = await joinAsGuest(sfu, show, token, { name });
  return { ...joined, guestId: joined.reply.guest!.guestId, media: await produceGuestMedia(joined.client) };
}

async function openShow(show: string, count: number) {
  const { link } = await joinAsStudioLink(sfu, show, SECRET);
  const publisher = await joinAsProducingHost(sfu, show, SECRET);
  const returnAudio = await produceReturnAudio(publisher.host, publisher.transportId);
  const invites = Array.from({ length: count }, (_, i) => makeGuestInvite(`inv-${i}`));
  await link.requests.request({ type: 'guestInvites', invites: invites.map((i) => i.entry), hostNow: Date.now() });
  const guests: Awaited<ReturnType<typeof joinAndProduce>>[] = [];
  for (const [i, invite] of invites.entries()) guests.push(await joinAndProduce(show, invite.token, `Guest ${i}`));
  const control = (guestId: string, action: 'onAir' | 'backstage' | 'mute' | 'unmute' | 'hideCamera' | 'showCamera' | 'remove') =>
    link.requests.request({ type: 'guestControl', guestId, action });
  const close = () => [link, publisher.host, ...guests.map((g) => g.client)].forEach((c) => c.close());
  return { link, publisher, returnAudio, invites, guests, control, close };
}

describe('guest control', () => {
  it(`puts at most ${MAX_GUESTS_ON_AIR} guests on air, in slot order, and says why a fourth must wait`, async () => {
    const world = await openShow('on-air-limit', MAX_GUESTS_ON_AIR + 1);
    try {
      const ids = world.guests.map((g) => g.guestId);
      for (const id of [ids[2]!, ids[0]!, ids[1]!]) expect((await world.control(id, 'onAir')).guest).toMatchObject({ guestId: id, onAir: true });
      const full = await refusal(world.control(ids[3]!, 'onAir'));
      expect(full.code).toBe('conflict');
      expect(full.message).toBe(`${MAX_GUESTS_ON_AIR} guests are on air already, the most a show may have. Send one backstage first.`);
      const push = await world.link.waitFor((m): m is GuestsPush => m.type === 'guests' && m.onAirOrder.length === 3);
      expect(push.onAirOrder).toEqual([ids[2], ids[0], ids[1]]);
      // Backstage frees the slot; the order closes up.
      await world.control(ids[0]!, 'backstage');
      await world.control(ids[3]!, 'onAir');
      await world.link.waitFor((m) => m.type === 'guests' && m.onAirOrder.join() === [ids[2], ids[1], ids[3]].join());
      expect((await refusal(world.link.requests.request({ type: 'guestControl', guestId: 'no-such-guest', action: 'onAir' }))).code).toBe('not-found');
    } finally {
      world.close();
    }
  });

  it('gives each guest the program and, while on air, the other on-air guests’ audio; refuses the rest', async () => {
    const world = await openShow('play-lists', 3);
    const [a, b, c] = world.guests as [(typeof world.guests)[0], (typeof world.guests)[0], (typeof world.guests)[0]];
    try {
      const program = [world.publisher.videoProducerId, world.returnAudio].sort();
      await world.control(a.guestId, 'onAir');
      await world.control(b.guestId, 'onAir');
      const viewA = await viewWhere(a.client, (v) => v.play.length === 3);
      expect(viewA.play.filter((p) => p.from === 'guest')).toEqual([{ producerId: b.media.audioProducerId, kind: 'audio', from: 'guest' }]);
      expect(viewA.play.filter((p) => p.from === 'program').map((p) => p.producerId).sort()).toEqual(program);
      // Backstage C hears the program only (a reply comes after every push sent before it on that socket).
      await c.client.requests.request({ type: 'routerRtpCapabilities' });
      const viewC = c.client.pushes('guestView').at(-1)?.view ?? c.reply.guest!;
      expect(viewC.play.map((p) => p.producerId).sort()).toEqual(program);

      const recvA = await openRecv(a.client);
      const heard = await recvA.consume(b.media.audioProducerId);
      expect(await recvA.consume(world.publisher.videoProducerId)).toMatchObject({ kind: 'video' });
      expect(await recvA.consume(world.returnAudio)).toMatchObject({ kind: 'audio' });
      // Never another guest's video, a backstage guest's audio, the show's main audio (their own voice) or its vertical.
      for (const producerId of [b.media.videoProducerId, c.media.audioProducerId, world.publisher.audioProducerId, a.media.audioProducerId]) {
        expect((await refusal(recvA.consume(producerId))).code).toBe('not-found');
      }
      const recvC = await openRecv(c.client);
      expect((await refusal(recvC.consume(b.media.audioProducerId))).code).toBe('not-found');

      // B goes backstage: A's list loses B, and the SFU stops sending A B's voice whatever A's page does.
      await world.control(b.guestId, 'backstage');
      await viewWhere(a.client, (v) => v.play.length === 2);
      await expect.poll(() => consumers.get(heard.consumerId)?.closed).toBe(true);
      expect((await refusal(recvA.consume(b.media.audioProducerId))).code).toBe('not-found');
    } finally {
      world.close();
    }
  });

  it('mute and hide pause the guest’s producer on the server; a producer made while muted starts paused', async () => {
    const world = await openShow('mute-pauses', 1);
    const guest = world.guests[0]!;
    try {
      const recv = await openRecv(world.publisher.host);
      const audioConsumer = await recv.consume(guest.media.audioProducerId);
      await world.publisher.host.requests.request({ type: 'resume', consumerId: audioConsumer.consumerId });

      const muted = await world.control(guest.guestId, 'mute');
      expect(muted.guest).toMatchObject({ audioMuted: true, videoHidden: false });
      expect(producers.get(guest.media.audioProducerId)?.paused).toBe(true);
      expect(producers.get(guest.media.videoProducerId)?.paused).toBe(false);
      await expect.poll(() => consumers.get(audioConsumer.consumerId)?.producerPaused).toBe(true);
      await viewWhere(guest.client, (v) => v.audioMuted);

      await world.control(guest.guestId, 'hideCamera');
      expect(producers.get(guest.media.videoProducerId)?.paused).toBe(true);

      // The page closes its mic and makes a new one while muted: it starts paused.
      await guest.client.requests.request({ type: 'closeProducer', producerId: guest.media.audioProducerId });
      const again = await guest.client.requests.request({
        type: 'produce',
        transportId: guest.media.transportId,
        kind: 'audio',
        rtpParameters: { ...fakeRtpParameters.audio, mid: '3', encodings: [{ ssrc: 77770 }] },
      });
      expect(producers.get(again.producerId)?.paused).toBe(true);

      await world.control(guest.guestId, 'unmute');
      await world.control(guest.guestId, 'showCamera');
      expect(producers.get(again.producerId)?.paused).toBe(false);
      expect(producers.get(guest.media.videoProducerId)?.paused).toBe(false);
      await world.link.waitFor((m) => m.type === 'guests' && m.guests[0]?.audioMuted === false && m.guests[0].videoHidden === false);
    } finally {
      world.close();
    }
  });

  it('remove closes the guest’s page (4403); once the studio drops the invite the link admits no one', async () => {
    const world = await openShow('remove-guest', 2);
    const [gone, stays] = world.guests as [(typeof world.guests)[0], (typeof world.guests)[0]];
    try {
      await world.control(gone.guestId, 'onAir');
      expect(await world.control(gone.guestId, 'remove')).toEqual({ guest: null });
      const closed = await gone.client.closed;
      expect(closed.code).toBe(SignalCloseCode.guestRemoved);
      expect(closed.reason).toBe('The host removed you from the show.');
      await world.link.waitFor((m) => m.type === 'guests' && m.guests.length === 1 && m.onAirOrder.length === 0);
      expect(producers.get(gone.media.videoProducerId)?.closed).toBe(true);
      await world.link.requests.request({ type: 'guestInvites', invites: [world.invites[1]!.entry], hostNow: Date.now() });
      const rejoin = await refusal(joinAsGuest(sfu, 'remove-guest', world.invites[0]!.token, { guestKey: gone.guestKey }));
      expect(rejoin.message).toBe('This invite link has expired or was withdrawn. Ask the host for a new one.');
      expect(await stays.client.requests.request({ type: 'routerRtpCapabilities' })).toHaveProperty('rtpCapabilities');
    } finally {
      world.close();
    }
  });

  it('keeps a guest whose page dropped listed and on air; the reload returns to the same slot', async () => {
    const world = await openShow('guest-reload', 2);
    const [first, second] = world.guests as [(typeof world.guests)[0], (typeof world.guests)[0]];
    try {
      await world.control(first.guestId, 'onAir');
      await world.control(second.guestId, 'onAir');
      first.client.close();
      const dropped = await world.link.waitFor((m): m is GuestsPush => m.type === 'guests' && m.guests.some((g) => g.guestId === first.guestId && !g.connected));
      expect(dropped.onAirOrder).toEqual([first.guestId, second.guestId]);
      expect(dropped.guests.find((g) => g.guestId === first.guestId)?.producers).toEqual([]);
      const reload = await joinAsGuest(sfu, 'guest-reload', world.invites[0]!.token, { guestKey: first.guestKey, name: 'Guest 0' });
      expect(reload.reply.guest).toMatchObject({ guestId: first.guestId, onAir: true });
      await world.link.waitFor((m) => m.type === 'guests' && m.guests.every((g) => g.connected) && m.onAirOrder.join() === [first.guestId, second.guestId].join());
      reload.client.close();
    } finally {
      world.close();
    }
  });
});

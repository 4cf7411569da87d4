import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignalCloseCode } from '../shared/sfu/protocol-constants.js';
import { guestIdSchema } from '../shared/sfu/protocol-guests.js';
import type { SignalPush } from '../shared/sfu/protocol.js';
import { refusal } from '../../tests/support/signal-refusal.js';
import { startSfuServer, type SfuServer } from './sfu-server.js';
import {
  TestSignalClient,
  joinAsGuest,
  joinAsProducingHost,
  joinAsStudioLink,
  makeGuestInvite,
  newGuestKey,
  produceReturnAudio,
} from '../../tests/harness/signal-client.js';

/**
 * Guests come in with an invite the studio listed (real mediasoup worker):
 * a listed, unexpired token admits; anything else hears plainly what to do;
 * a single-use invite binds to its first page; a dropped invite disconnects.
 */

const SECRET = 'guest-admission-secret';
const INVITE_REFUSED = 'This invite link has expired or was withdrawn. Ask the host for a new one.';
let sfu: SfuServer;

beforeAll(async () => {
  sfu = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', defaultHostToken: SECRET });
});
afterAll(async () => {
  await sfu.close();
});

type GuestsPush = Extract<SignalPush, { type: 'guests' }>;
const lastGuests = (client: TestSignalClient): GuestsPush | undefined => client.pushes('guests').at(-1);

describe('guest admission', () => {
  it('admits a listed token with the program to play, and refuses a wrong or expired one in words the guest can act on', async () => {
    const show = 'admit-show';
    const { link, reply: linkJoin } = await joinAsStudioLink(sfu, show, SECRET);
    expect(linkJoin.guests).toEqual({ guests: [], onAirOrder: [] });
    const publisher = await joinAsProducingHost(sfu, show, SECRET);
    const returnAudio = await produceReturnAudio(publisher.host, publisher.transportId);
    const good = makeGuestInvite('inv-good');
    // The host's clock runs an hour ahead: the expiry is moved onto the SFU's clock with hostNow.
    const hostNow = Date.now() + 3_600_000;
    const stillValid = makeGuestInvite('inv-later', { expiresAt: hostNow + 60_000 });
    const expired = makeGuestInvite('inv-expired', { expiresAt: hostNow - 1000 });
    const listed = await link.requests.request({ type: 'guestInvites', invites: [good.entry, stillValid.entry, expired.entry], hostNow });
    expect(listed).toEqual({ active: 3 });
    try {
      const { client, reply } = await joinAsGuest(sfu, show, good.token, { name: 'Dana from Acme' });
      expect(reply.role).toBe('guest');
      expect(reply.guest).toMatchObject({ name: 'Dana from Acme', onAir: false, audioMuted: false, videoHidden: false, live: true });
      expect(guestIdSchema.safeParse(reply.guest?.guestId).success).toBe(true);
      expect(reply.guest?.play).toEqual(
        expect.arrayContaining([
          { producerId: publisher.videoProducerId, kind: 'video', from: 'program' },
          { producerId: returnAudio, kind: 'audio', from: 'program' },
        ]),
      );
      expect(reply.guest?.play).toHaveLength(2); // never the main audio: a guest does not hear themselves
      const pushed = await link.waitFor((m): m is GuestsPush => m.type === 'guests' && m.guests.length === 1);
      expect(pushed.guests[0]).toMatchObject({ guestId: reply.guest?.guestId, inviteId: 'inv-good', name: 'Dana from Acme', connected: true, onAir: false });

      expect((await joinAsGuest(sfu, show, stillValid.token)).reply.guest?.guestId).toEqual(expect.any(String));

      const wrong = await refusal(joinAsGuest(sfu, show, makeGuestInvite('nobody').token));
      expect(wrong).toMatchObject({ code: 'forbidden', message: INVITE_REFUSED });
      const late = await refusal(joinAsGuest(sfu, show, expired.token));
      expect(late).toMatchObject({ code: 'forbidden', message: INVITE_REFUSED });
      client.close();
    } finally {
      publisher.host.close();
      link.close();
    }
  });

  it('binds a single-use invite to the first page: that page may reload (same guest), another is refused', async () => {
    const show = 'single-use-show';
    const { link } = await joinAsStudioLink(sfu, show, SECRET);
    const invite = makeGuestInvite('inv-once', { singleUse: true });
    await link.requests.request({ type: 'guestInvites', invites: [invite.entry], hostNow: Date.now() });
    try {
      const first = await joinAsGuest(sfu, show, invite.token, { name: 'Sam' });
      const other = await refusal(joinAsGuest(sfu, show, invite.token, { name: 'Mallory' }));
      expect(other.code).toBe('forbidden');
      expect(other.message).toContain('Someone else has already joined with this invite link');
      first.client.close();
      await first.client.closed;
      const reload = await joinAsGuest(sfu, show, invite.token, { name: 'Sam', guestKey: first.guestKey });
      expect(reload.reply.guest?.guestId).toBe(first.reply.guest?.guestId);
      // The list sent again (the studio rejoined) keeps the binding.
      await link.requests.request({ type: 'guestInvites', invites: [invite.entry], hostNow: Date.now() });
      expect((await refusal(joinAsGuest(sfu, show, invite.token, { guestKey: newGuestKey() }))).code).toBe('forbidden');
      await link.waitFor((m) => m.type === 'guests' && m.guests.length === 1 && m.guests[0]!.connected);
      expect(lastGuests(link)?.guests).toHaveLength(1);
      reload.client.close();
    } finally {
      link.close();
    }
  });

  it('disconnects a guest whose invite the studio dropped (4403) and admits that link no more', async () => {
    const show = 'dropped-show';
    const { link } = await joinAsStudioLink(sfu, show, SECRET);
    const kept = makeGuestInvite('inv-kept');
    const dropped = makeGuestInvite('inv-dropped');
    await link.requests.request({ type: 'guestInvites', invites: [kept.entry, dropped.entry], hostNow: Date.now() });
    try {
      const stays = await joinAsGuest(sfu, show, kept.token, { name: 'Kim' });
      const goes = await joinAsGuest(sfu, show, dropped.token, { name: 'Lee' });
      await link.requests.request({ type: 'guestInvites', invites: [kept.entry], hostNow: Date.now() });
      const closed = await goes.client.closed;
      expect(closed.code).toBe(SignalCloseCode.guestRemoved);
      expect(closed.reason).toContain('withdrew your invite');
      await link.waitFor((m) => m.type === 'guests' && m.guests.length === 1 && m.guests[0]!.name === 'Kim');
      const again = await refusal(joinAsGuest(sfu, show, dropped.token, { guestKey: goes.guestKey }));
      expect(again.message).toBe(INVITE_REFUSED);
      // The other guest was not touched.
      expect(await stays.client.requests.request({ type: 'routerRtpCapabilities' })).toHaveProperty('rtpCapabilities');
      stays.client.close();
    } finally {
      link.close();
    }
  });

  it('treats a guest of a show not open like a viewer: not started, and it may wait for the show', async () => {
    const show = 'guest-waits';
    const invite = makeGuestInvite('inv-wait');
    const early = await refusal(joinAsGuest(sfu, show, invite.token));
    expect(early.code).toBe('not-started');
    const waiter = await TestSignalClient.connect(sfu);
    try {
      expect(await waiter.requests.request({ type: 'waitForShow', show })).toEqual({ waiting: true });
      const { link } = await joinAsStudioLink(sfu, show, SECRET);
      await waiter.waitForPush('showOpened');
      await link.requests.request({ type: 'guestInvites', invites: [invite.entry], hostNow: Date.now() });
      const joined = await waiter.requests.request({ type: 'join', show, role: 'guest', guestToken: invite.token, guestKey: newGuestKey(), name: 'Ola' });
      expect(joined.guest?.live).toBe(false);
      expect(joined.guest?.play).toEqual([]);
      // The studio starts publishing: the guest's view follows (the program to play, live).
      const publisher = await joinAsProducingHost(sfu, show, SECRET);
      const returnAudio = await produceReturnAudio(publisher.host, publisher.transportId);
      const view = await waiter.waitFor(
        (m): m is Extract<SignalPush, { type: 'guestView' }> => m.type === 'guestView' && m.view.play.length === 2,
      );
      expect(view.view.live).toBe(true);
      expect(view.view.play.map((p) => p.producerId).sort()).toEqual([publisher.videoProducerId, returnAudio].sort());
      publisher.host.close();
      link.close();
    } finally {
      waiter.close();
    }
  });
});

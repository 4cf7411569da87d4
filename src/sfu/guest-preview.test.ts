import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignalPush, SignalRequestInput } from '../shared/sfu/protocol.js';
import { refusal } from '../../tests/support/signal-refusal.js';
import { startSfuServer, type SfuServer } from './sfu-server.js';
import {
  TestSignalClient,
  fakeRtpParameters,
  joinAsGuest,
  joinAsStudioLink,
  makeGuestInvite,
  openRecv,
  produceGuestMedia,
  sampleCard,
} from '../../tests/harness/signal-client.js';

/**
 * The backstage before Go live (real mediasoup worker): the studio's link
 * mints a receive-only token; a connection joined with it hears the guests
 * and consumes their feeds, and may do nothing else — no send transport, no
 * media, no pin, no chat, no token, and no `leave` (which would end the show).
 */

const SECRET = 'guest-preview-secret';
let sfu: SfuServer;

beforeAll(async () => {
  sfu = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', defaultHostToken: SECRET });
});
afterAll(async () => {
  await sfu.close();
});

type GuestsPush = Extract<SignalPush, { type: 'guests' }>;

const notForPreview: SignalRequestInput[] = [
  { type: 'createTransport', direction: 'send', requestId: 0 },
  { type: 'setPin', card: sampleCard, requestId: 0 },
  { type: 'clearPin', requestId: 0 },
  { type: 'mintPublishToken', ttlSeconds: 600, requestId: 0 },
  { type: 'mintPublishToken', ttlSeconds: 600, receiveOnly: true, requestId: 0 },
  { type: 'chatNotice', viewerId: 'v1', text: 'Be kind', requestId: 0 },
  { type: 'guestControl', guestId: 'abcdefgh12', action: 'onAir', requestId: 0 },
  { type: 'guestInvites', invites: [], hostNow: 1, requestId: 0 },
  { type: 'egressList', requestId: 0 },
  { type: 'leave', requestId: 0 },
];

describe('a receive-only host connection (guests previewed before Go live)', () => {
  it('hears the guests and consumes their feeds before anyone publishes the show', async () => {
    const show = 'preview-consume';
    const { link } = await joinAsStudioLink(sfu, show, SECRET);
    const invite = makeGuestInvite('inv-preview');
    await link.requests.request({ type: 'guestInvites', invites: [invite.entry], hostNow: Date.now() });
    const guest = await joinAsGuest(sfu, show, invite.token, { name: 'Dana' });
    const media = await produceGuestMedia(guest.client);
    const { token } = await link.requests.request({ type: 'mintPublishToken', ttlSeconds: 60, receiveOnly: true });
    const preview = await TestSignalClient.connect(sfu);
    try {
      const reply = await preview.requests.request({ type: 'join', show, role: 'host', hostToken: token });
      expect(reply.room.live).toBe(false);
      expect(reply.guests?.guests.map((g) => g.name)).toEqual(['Dana']);
      const recv = await openRecv(preview);
      expect(await recv.consume(media.videoProducerId)).toMatchObject({ producerId: media.videoProducerId, kind: 'video' });
      expect(await recv.consume(media.audioProducerId)).toMatchObject({ producerId: media.audioProducerId, kind: 'audio' });
      // A change backstage reaches it as it reaches every host connection.
      await link.requests.request({ type: 'guestControl', guestId: guest.reply.guest!.guestId, action: 'onAir' });
      await preview.waitFor((m): m is GuestsPush => m.type === 'guests' && m.guests[0]?.onAir === true);
    } finally {
      for (const c of [preview, guest.client, link]) c.close();
    }
  });

  it('may not send media, pin, chat, mint, control guests or end the show; the show stays open', async () => {
    const show = 'preview-refused';
    const { link } = await joinAsStudioLink(sfu, show, SECRET);
    const { token } = await link.requests.request({ type: 'mintPublishToken', ttlSeconds: 60, receiveOnly: true });
    const preview = await TestSignalClient.connect(sfu);
    try {
      await preview.requests.request({ type: 'join', show, role: 'host', hostToken: token });
      for (const request of notForPreview) {
        const { requestId: _unused, ...body } = request as SignalRequestInput & { requestId: number };
        const refused = await refusal(preview.requests.request(body as never));
        expect([request.type, refused.code]).toEqual([request.type, 'forbidden']);
      }
      // Nor can it send on a transport of its own making (it only gets recv transports).
      const recv = await preview.requests.request({ type: 'createTransport', direction: 'recv' });
      const produced = await refusal(
        preview.requests.request({ type: 'produce', transportId: recv.transportId, kind: 'video', rtpParameters: fakeRtpParameters.video }),
      );
      expect(produced.code).toBe('forbidden');
      // Its `leave` was refused: a viewer still finds the show open (not ended).
      const viewer = await TestSignalClient.connect(sfu);
      try {
        const joined = await viewer.requests.request({ type: 'join', show, role: 'viewer' });
        expect(joined.role).toBe('viewer');
      } finally {
        viewer.close();
      }
    } finally {
      preview.close();
      link.close();
    }
  });

  it('neither re-opens an ended show nor takes a host connection\'s place', async () => {
    const show = 'preview-ended';
    const { link } = await joinAsStudioLink(sfu, show, SECRET);
    const { token } = await link.requests.request({ type: 'mintPublishToken', ttlSeconds: 60, receiveOnly: true });
    // Three more host connections: the room holds four, the studio's link the oldest.
    const hosts = await Promise.all([1, 2, 3].map(() => TestSignalClient.connect(sfu)));
    for (const host of hosts) await host.requests.request({ type: 'join', show, role: 'host', hostToken: SECRET });
    const preview = await TestSignalClient.connect(sfu);
    try {
      await preview.requests.request({ type: 'join', show, role: 'host', hostToken: token });
      // The studio's link is still a host (a fifth host connection would have closed it).
      await link.requests.request({ type: 'guestInvites', invites: [], hostNow: Date.now() });
      preview.close();
      // End show, then a backstage preview joins again: the show stays ended for viewers.
      await link.requests.request({ type: 'leave' });
      const again = await TestSignalClient.connect(sfu);
      try {
        const reply = await again.requests.request({ type: 'join', show, role: 'host', hostToken: token });
        expect(reply.room.ended).toBe(true);
        const viewer = await TestSignalClient.connect(sfu);
        try {
          const seen = await viewer.requests.request({ type: 'join', show, role: 'viewer' }).then(
            (r) => (r.room.ended ? 'ended' : 'open'),
            (error: { code?: string }) => error.code,
          );
          expect(['ended', 'show-ended']).toContain(seen);
        } finally {
          viewer.close();
        }
      } finally {
        again.close();
      }
    } finally {
      for (const c of [preview, link, ...hosts]) c.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_SELL_STATE } from '../shared/sfu/protocol-selling.js';
import type { SignalRequestInput } from '../shared/sfu/protocol.js';
import { refusal } from '../../tests/support/signal-refusal.js';
import { startSfuServer, type SfuServer } from './sfu-server.js';
import {
  TestSignalClient,
  joinAsGuest,
  joinAsProducingHost,
  joinAsStudioLink,
  makeGuestInvite,
  sampleCard,
} from '../../tests/harness/signal-client.js';

/**
 * A guest may do its media and nothing else (real mediasoup worker): no pin,
 * no selling, no chat (neither as viewer nor as moderator), no multistream,
 * no guest controls. Only the studio's own link lists invites and controls
 * guests: not a publishing page, not a viewer.
 */

const SECRET = 'guest-roles-secret';
let sfu: SfuServer;

beforeAll(async () => {
  sfu = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', defaultHostToken: SECRET });
});
afterAll(async () => {
  await sfu.close();
});

const chatMessage = { id: 'm1', viewerId: null, name: 'Shop', role: 'host' as const, text: 'hi', ts: 1 };
const notForGuests: SignalRequestInput[] = [
  { type: 'setPin', card: sampleCard, requestId: 0 },
  { type: 'clearPin', requestId: 0 },
  { type: 'mintPublishToken', ttlSeconds: 600, requestId: 0 },
  { type: 'sellState', state: EMPTY_SELL_STATE, requestId: 0 },
  {
    type: 'sellNotice',
    viewerId: 'v1',
    notice: { kind: 'bid', auctionId: 7, outcome: 'won', reason: null, amount: '25.00', text: 'You won!' },
    requestId: 0,
  },
  { type: 'sellAction', action: { kind: 'enterGiveaway', giveawayId: 1 }, requestId: 0 },
  { type: 'chatSend', text: 'hello', requestId: 0 },
  { type: 'chatSetName', name: 'Dana', requestId: 0 },
  { type: 'chatPublish', message: chatMessage, requestId: 0 },
  { type: 'chatPinMessage', message: chatMessage, requestId: 0 },
  { type: 'chatDelete', messageId: 'm1', requestId: 0 },
  { type: 'chatNotice', viewerId: 'v1', text: 'Be kind', requestId: 0 },
  { type: 'chatStored', messageId: 'm1', requestId: 0 },
  { type: 'viewerClaims', viewerId: 'v1', claims: [], contact: null, requestId: 0 },
  { type: 'chatReserveNames', names: [{ name: 'Dana', owner: 'moderator' }], requestId: 0 },
  { type: 'claimContact', contact: 'dana@example.com', requestId: 0 },
  { type: 'egressStart', destination: { id: 'yt', name: 'YouTube', url: 'rtmp://a.rtmp.youtube.com/live2', streamKey: 'k' }, requestId: 0 },
  { type: 'egressList', requestId: 0 },
  { type: 'egressStop', id: 'yt', requestId: 0 },
  { type: 'guestInvites', invites: [], hostNow: 1, requestId: 0 },
  { type: 'guestControl', guestId: 'abcdefgh12', action: 'onAir', requestId: 0 },
];

describe('what a guest may send', () => {
  it('refuses a guest every request that is not its own media, and changes nothing', async () => {
    const show = 'guest-roles';
    const { link } = await joinAsStudioLink(sfu, show, SECRET);
    const invite = makeGuestInvite('inv-roles');
    await link.requests.request({ type: 'guestInvites', invites: [invite.entry], hostNow: Date.now() });
    const guest = await joinAsGuest(sfu, show, invite.token);
    try {
      for (const request of notForGuests) {
        const { requestId: _unused, ...body } = request as SignalRequestInput & { requestId: number };
        const sent = guest.client.requests.request(body as never);
        const refused = await refusal(sent);
        // A shape the schema refuses would say invalid-message: each of these is well formed and refused for the role.
        expect([request.type, refused.code]).toEqual([request.type, 'forbidden']);
        expect(refused.message).toBe(`A guest may not send "${request.type}".`);
      }
      // Nothing reached the studio's link or changed the room.
      expect(link.pushes('chatIncoming')).toEqual([]);
      expect(link.pushes('sellIncoming')).toEqual([]);
      const viewer = await TestSignalClient.connect(sfu);
      const state = await viewer.requests.request({ type: 'join', show, role: 'viewer' });
      expect(state.room.pin).toBeNull();
      viewer.close();
    } finally {
      guest.client.close();
      link.close();
    }
  });

  it('takes invites and guest controls from the studio’s own link only, never a publishing page or a viewer', async () => {
    const show = 'guest-link-only';
    const { link } = await joinAsStudioLink(sfu, show, SECRET);
    const publisher = await joinAsProducingHost(sfu, show, SECRET);
    const viewer = await TestSignalClient.connect(sfu);
    await viewer.requests.request({ type: 'join', show, role: 'viewer' });
    try {
      const invite = makeGuestInvite('inv-x');
      const fromPage = await refusal(publisher.host.requests.request({ type: 'guestInvites', invites: [invite.entry], hostNow: Date.now() }));
      expect(fromPage.code).toBe('forbidden');
      expect(fromPage.message).toContain('studio’s own link');
      const fromViewer = await refusal(viewer.requests.request({ type: 'guestInvites', invites: [invite.entry], hostNow: Date.now() }));
      expect(fromViewer.code).toBe('forbidden');
      // None of those listed the invite.
      expect((await refusal(joinAsGuest(sfu, show, invite.token))).code).toBe('forbidden');
      await link.requests.request({ type: 'guestInvites', invites: [invite.entry], hostNow: Date.now() });
      const guest = await joinAsGuest(sfu, show, invite.token);
      const control = await refusal(publisher.host.requests.request({ type: 'guestControl', guestId: guest.reply.guest!.guestId, action: 'remove' }));
      expect(control.code).toBe('forbidden');
      expect(viewer.pushes('guests')).toEqual([]);
      guest.client.close();
    } finally {
      for (const c of [link, publisher.host, viewer]) c.close();
    }
  });
});

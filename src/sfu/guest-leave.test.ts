import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignalPush } from '../shared/sfu/protocol.js';
import { startSfuServer, type SfuServer } from './sfu-server.js';
import { joinAsGuest, joinAsStudioLink, makeGuestInvite } from '../../tests/harness/signal-client.js';

/** A guest's `leave` on a real SFU: the guest is forgotten at once, its on-air slot freed (no reconnect minute). */

const SECRET = 'guest-leave-secret';
let sfu: SfuServer;

beforeAll(async () => {
  sfu = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', defaultHostToken: SECRET });
});
afterAll(async () => {
  await sfu.close();
});

type GuestsPush = Extract<SignalPush, { type: 'guests' }>;

describe('a guest who leaves', () => {
  it('is forgotten at once, on air or not', async () => {
    const show = 'leave-show';
    const { link } = await joinAsStudioLink(sfu, show, SECRET);
    const inv = makeGuestInvite('inv-leave');
    await link.requests.request({ type: 'guestInvites', invites: [inv.entry], hostNow: Date.now() });
    const { client, reply } = await joinAsGuest(sfu, show, inv.token, { name: 'Ana' });
    const guestId = reply.guest!.guestId;
    await link.requests.request({ type: 'guestControl', guestId, action: 'onAir' });
    await link.waitFor((m): m is GuestsPush => m.type === 'guests' && m.onAirOrder.includes(guestId));
    try {
      const before = link.pushes('guests').at(-1);
      expect(await client.requests.request({ type: 'leave' })).toEqual({});
      // The first push after the leave (earlier ones count for waitFor, so skip them by identity).
      const gone = await link.waitFor((m): m is GuestsPush => m.type === 'guests' && link.pushes('guests').indexOf(m) > link.pushes('guests').indexOf(before!));
      expect(gone).toMatchObject({ guests: [], onAirOrder: [] });
    } finally {
      client.close();
      link.close();
    }
  });
});

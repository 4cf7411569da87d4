/**
 * Claims the way they really arrive: a viewer's chat message goes through
 * the moderated chat (ChatService, SQLite) and only an approved one reaches
 * the claims. The second part runs the whole studio with its built-in SFU
 * (real mediasoup worker) and protocol-speaking viewers, so the claim, the
 * private notice on the viewer's connection, the card's stock and the CSV
 * are proven end to end.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import type { ChatIncomingMessage } from '../../shared/sfu/protocol-chat.js';
import type { MyClaimsPush } from '../../shared/sfu/protocol-claims.js';
import type { ExportedFile } from '../../shared/api/contract/selling.js';
import type { ModerationRules } from '../../shared/domain/chat.js';
import type { ClaimsState } from '../../shared/domain/selling.js';
import type { SfuServer } from '../../sfu/index.js';
import { TestSignalClient } from '../../../tests/harness/signal-client.js';
import type { ChatHostRequest } from '../sfu-link/sfu-link.js';
import { ChatService } from '../chat/chat-service.js';
import { ChatStore } from '../chat/chat-store.js';
import { startTestStudio, until, type TestStudio } from '../../../tests/harness/test-studio.js';
import { blueTee, claimsBench, host, mug } from '../../../tests/support/claims-world.js';

function chatBench(rules: Partial<ModerationRules> = {}) {
  const b = claimsBench([blueTee({ S: 1, M: 1, L: 1 }), mug(1)]);
  const relayed: ChatHostRequest[] = [];
  const chat = new ChatService({
    store: new ChatStore(b.db),
    relay: { sendChat: (request) => relayed.push(request), confirmStored: () => undefined },
    events: b.events,
    activeShowId: () => b.showId,
    hostName: () => 'Host',
    now: b.now,
    onApproved: (message) => b.claims.onApprovedMessage(message),
  });
  chat.setRules({ ...chat.rules(), duplicateWindowSeconds: 0, ...rules });
  let n = 0;
  const incoming = (viewerId: string, text: string): ChatIncomingMessage => {
    const message = { id: `chat-${++n}`, viewerId, name: viewerId, text, ts: b.now() };
    chat.incoming(message);
    return message;
  };
  const claims = () => b.claims.list(null).claims;
  chats.push(chat);
  return { ...b, chat, relayed, incoming, claims };
}

// Closed before the bench's database (after-hooks run last-registered first).
const chats: ChatService[] = [];
afterEach(() => {
  for (const chat of chats.splice(0)) chat.close();
});

describe('claims through the moderated chat', () => {
  it('an auto-approved "sold M" claims at once', async () => {
    const b = chatBench();
    await b.pin(0);
    const m = b.incoming('ann', 'sold M');
    expect(b.claims()).toMatchObject([{ messageId: m.id, viewerId: 'ann', variantTitle: 'M / Blue', status: 'confirmed' }]);
  });

  it('a held message is no claim until approved, then claims what was pinned when it was sent', async () => {
    const b = chatBench({ holdFirstMessage: true });
    await b.pin(0, 'S');
    b.tick(1000);
    const held = b.incoming('ann', 'sold');
    expect(b.chat.getChat(10).held.map((m) => m.id)).toEqual([held.id]);
    expect(b.claims()).toEqual([]);
    b.tick(20_000);
    await b.pin(1); // the host moved on to the mug
    b.tick(5_000);
    b.chat.approve(held.id, false, host);
    expect(b.claims()).toMatchObject([{ productTitle: 'Blue T-shirt', variantTitle: 'S / Blue', claimedAt: held.ts, status: 'confirmed' }]);
    // Approving again changes nothing.
    b.chat.approve(held.id, false, host);
    expect(b.claims()).toHaveLength(1);
    expect(b.noticesTo('ann')).toHaveLength(1);
  });

  it('a rejected held message, a blocked term and a banned viewer never claim', async () => {
    const b = chatBench({ holdFirstMessage: true, blockedTerms: ['scam'] });
    await b.pin(1);
    const held = b.incoming('ann', 'sold');
    b.chat.reject(held.id, host);
    b.chat.approve(b.incoming('ben', 'hello').id, true, host);
    b.chat.ban('ben');
    const banned = b.incoming('ben', 'sold');
    expect(b.chat.getChat(10).messages.find((m) => m.id === banned.id)).toMatchObject({ status: 'blocked', reasons: ['banned'] });
    b.chat.approve(b.incoming('cat', 'hi').id, false, host); // allow-listed viewers would skip the word filter
    const blocked = b.incoming('cat', 'sold scam');
    expect(b.chat.getChat(10).messages.find((m) => m.id === blocked.id)?.status).toBe('blocked');
    expect(b.claims()).toEqual([]);
    expect(b.notices).toEqual([]);
  });
});

describe('claims with the built-in SFU', () => {
  let s: TestStudio;
  const clients: TestSignalClient[] = [];
  beforeAll(async () => {
    s = await startTestStudio(tempDir());
    await s.waitForStatus((st) => st.state === 'connected', 'the link to the built-in SFU');
    const rules = await s.call<ModerationRules>('studio:chat:get-rules');
    await s.call('studio:chat:set-rules', { ...rules, maxMessagesPer10s: 100, duplicateWindowSeconds: 0 });
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  afterAll(async () => {
    await s.close();
  });

  async function viewer(name: string) {
    const { signalUrl, room } = s.core.live.status();
    const client = await TestSignalClient.connect({ signalUrl } as SfuServer);
    clients.push(client);
    await client.requests.request({ type: 'join', show: room, role: 'viewer', viewerKey: `${name}-key-0000000000`, name });
    return { client, say: (text: string) => client.requests.request({ type: 'chatSend', text }) };
  }

  it('two viewers claim the last mug: exactly one gets it, both are told privately, the card says sold out', async () => {
    const [row] = s.addProducts({ sourceKey: 'last-mug', title: 'Last Mug', currency: 'USD', variants: [{ sku: 'LM-1', price: '15.00', stock: 1 }] });
    await s.call('studio:live:pin', { productId: row!.productId, variantId: null, rundownItemId: null });
    const ann = await viewer('Ann');
    const ben = await viewer('Ben');
    const [a, bb] = await Promise.all([ann.say('SOLD!'), ben.say('mine')]);
    const state = await until(() => s.core.claims.list(null), (l) => l.claims.length === 2, 'both claims');
    expect(state.claims.map((c) => c.status).sort()).toEqual(['confirmed', 'waitlisted']);
    const winner = state.claims.find((c) => c.status === 'confirmed')!;
    expect([a.messageId, bb.messageId]).toContain(winner.messageId);
    const [winnerClient, otherClient] = winner.viewerName === 'Ann' ? [ann, ben] : [ben, ann];
    expect((await winnerClient.client.waitForPush('chatNotice')).text).toBe('You got it! Last Mug — $15.00. The seller will send you checkout details.');
    expect((await otherClient.client.waitForPush('chatNotice')).text).toMatch(/^You're on the waitlist for Last Mug: #1 in line\./);
    await until(() => s.core.pins.state().current?.card.stock, (stock) => stock === 0, 'the card to say sold out');
    const panel = await until(
      () => s.events.filter((e) => e.channel === 'studio:event:claims-changed').at(-1)?.payload as ClaimsState | undefined,
      (p) => p?.claims.length === 2,
      'the claims panel event',
    );
    expect(panel!.claims.map((c) => c.id)).toEqual(state.claims.map((c) => c.id));

    const csv = await s.call<ExportedFile>('studio:selling:export-claims-csv', {});
    expect(csv.content.split('\r\n').filter((l) => l.includes('Last Mug'))).toEqual([
      `${winner.viewerName},,Last Mug,LM-1,,15.00,USD,confirmed,${new Date(winner.claimedAt).toISOString()},${winner.text},,${winner.id}`,
    ]);
    // The host cancels the winner: the waitlisted viewer gets the mug.
    await s.call('studio:selling:cancel-claim', { claimId: winner.id });
    expect((await otherClient.client.waitFor((m) => m.type === 'chatNotice' && m.text.startsWith('Good news!'))).type).toBe('chatNotice');
    expect((await s.call<ClaimsState>('studio:selling:list-claims', {})).claims.map((c) => c.status).sort()).toEqual(['cancelled', 'confirmed']);
  });

  /** The latest "My claims" a viewer connection received, once it satisfies `check`. */
  async function myClaims(client: TestSignalClient, check: (push: MyClaimsPush) => boolean): Promise<MyClaimsPush> {
    return until(() => client.pushes('myClaims').at(-1), (p) => p !== undefined && check(p), 'My claims').then((p) => p!);
  }

  // After the test above (the studio is shared): the claims there are Ann's and Ben's.
  it('a buyer’s "My claims" comes back after a reload with their contact; "one more" adds a unit; a cancel shows', async () => {
    const [row] = s.addProducts({ sourceKey: 'tote', title: 'Canvas Tote', currency: 'USD', variants: [{ sku: 'TOTE-1', price: '25.00', stock: 5 }] });
    await s.call('studio:live:pin', { productId: row!.productId, variantId: null, rundownItemId: null });
    const dana = await viewer('Dana');
    const eli = await viewer('Eli');
    await dana.say('sold');
    const first = await myClaims(dana.client, (p) => p.claims.length === 1);
    expect(first).toMatchObject({ claims: [{ product: 'Canvas Tote', price: '25.00', currency: 'USD', status: 'confirmed' }], contact: null });

    expect(await dana.client.requests.request({ type: 'claimContact', contact: '@dana.shop' })).toEqual({ forwarded: true });
    await myClaims(dana.client, (p) => p.contact === '@dana.shop');
    expect(s.core.claims.list(null).claims.find((c) => c.viewerName === 'Dana')!.contact).toBe('@dana.shop');

    // A reload: a new connection with the same viewer key gets the list from the studio, contact included.
    dana.client.close();
    const again = await viewer('Dana');
    expect((await myClaims(again.client, () => true)).claims).toMatchObject([{ product: 'Canvas Tote', status: 'confirmed' }]);
    expect(again.client.pushes('myClaims').at(-1)!.contact).toBe('@dana.shop');

    await again.say('sold, one more please');
    await myClaims(again.client, (p) => p.claims.length === 2);
    const claimId = s.core.claims.list(null).claims.filter((c) => c.viewerName === 'Dana')[0]!.id;
    await s.call('studio:selling:cancel-claim', { claimId });
    const after = await myClaims(again.client, (p) => p.claims.some((c) => c.status === 'cancelled'));
    expect(after.claims.map((c) => [c.status, c.bySeller])).toEqual([
      ['confirmed', null],
      ['cancelled', 'cancelled'],
    ]);
    // Another viewer never hears of Dana's claims or contact.
    await eli.client.requests.request({ type: 'chatSetName', name: 'Eli' });
    expect(eli.client.pushes('myClaims')).toEqual([]);
    expect(JSON.stringify(eli.client.received)).not.toContain('dana.shop');
  });
});

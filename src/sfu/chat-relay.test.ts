import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatWireMessage } from '../shared/sfu/protocol-chat.js';
import { SignalRequestError } from '../shared/sfu/signal-requests.js';
import { startSfuServer, type SfuServer } from './sfu-server.js';
import { TestSignalClient } from '../../tests/harness/signal-client.js';

/** The SFU's chat relay against a real server: identity, limits, sanitizing, and who may send what. */

const HOST_TOKEN = 'chat-host-secret';
let sfu: SfuServer;
let showCounter = 0;
const clients: TestSignalClient[] = [];

beforeAll(async () => {
  // Every client here is 127.0.0.1 and stays open until the end: more than one address may hold (address-limits.test.ts).
  sfu = await startSfuServer({
    port: 0,
    workers: 1,
    logLevel: 'silent',
    defaultHostToken: HOST_TOKEN,
    viewerIdSalt: 'test-salt',
    maxConnectionsPerAddress: 200,
    chatAddressRateLimit: { burst: 1000, perSecond: 1000 },
  });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await sfu.close();
});

const newShow = () => `chat-${++showCounter}`;

async function host(show: string) {
  const client = await TestSignalClient.connect(sfu);
  clients.push(client);
  await client.requests.request({ type: 'join', show, role: 'host', hostToken: HOST_TOKEN });
  return client;
}

async function viewer(show: string, extra: { name?: string; viewerKey?: string } = {}) {
  const client = await TestSignalClient.connect(sfu);
  clients.push(client);
  const joined = await client.requests.request({ type: 'join', show, role: 'viewer', ...extra });
  return { client, joined };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SignalRequestError);
  return (error as SignalRequestError).code;
}

const wire = (id: string, text: string): ChatWireMessage => ({ id, viewerId: 'v_x', name: 'Anna', role: 'viewer', text, ts: 1 });

describe('viewer identity', () => {
  it('derives a stable anonymous id from the viewer key, never the key itself', async () => {
    const show = newShow();
    await host(show);
    const key = 'k'.repeat(10) + '-abcdef-123456';
    const a = await viewer(show, { viewerKey: key });
    const again = await viewer(show, { viewerKey: key });
    const other = await viewer(show, { viewerKey: 'another-viewer-key-000' });
    const keyless = await viewer(show);
    expect(a.joined.chat?.viewerId).toMatch(/^v_[A-Za-z0-9_-]{22}$/);
    expect(again.joined.chat?.viewerId).toBe(a.joined.chat?.viewerId);
    expect(other.joined.chat?.viewerId).not.toBe(a.joined.chat?.viewerId);
    expect(a.joined.chat?.viewerId).not.toContain(key);
    expect(keyless.joined.chat).toEqual({ viewerId: expect.stringMatching(/^v_/), name: null });
  });

  it('keeps names unique per show with a suffix, gives a returning viewer its name back, refuses reserved and empty names', async () => {
    const show = newShow();
    await host(show);
    const first = await viewer(show, { name: '  Anna ', viewerKey: 'anna-key-0000000001' });
    const second = await viewer(show, { name: 'anna', viewerKey: 'anna-key-0000000002' });
    const back = await viewer(show, { name: 'Anna', viewerKey: 'anna-key-0000000001' });
    expect(first.joined.chat?.name).toBe('Anna');
    expect(second.joined.chat?.name).toBe('anna 2');
    expect(back.joined.chat?.name).toBe('Anna');
    const long = await viewer(show, { name: 'x'.repeat(30), viewerKey: 'long-key-00000000001' });
    const longer = await viewer(show, { name: 'X'.repeat(30), viewerKey: 'long-key-00000000002' });
    expect(longer.joined.chat?.name).toBe(`${'X'.repeat(28)} 2`);
    expect(long.joined.chat?.name).toHaveLength(30);

    const c = await TestSignalClient.connect(sfu);
    clients.push(c);
    expect(await refusal(c.requests.request({ type: 'join', show, role: 'viewer', name: 'Host' }))).toBe('invalid-message');
    expect(await refusal(c.requests.request({ type: 'join', show, role: 'viewer', name: '\u200b\u202e ' }))).toBe('invalid-message');
    expect(await refusal(c.requests.request({ type: 'join', show, role: 'viewer', name: 'y'.repeat(31) }))).toBe('invalid-message');
    // A refused join changed nothing: the connection may still join.
    await c.requests.request({ type: 'join', show, role: 'viewer' });
    expect(await c.requests.request({ type: 'chatSetName', name: 'Bea' })).toEqual({ viewerId: expect.any(String), name: 'Bea' });
  });
});

describe('chatSend', () => {
  it('forwards sanitized text to every host connection, never to viewers', async () => {
    const show = newShow();
    const [h1, h2] = [await host(show), await host(show)];
    const a = await viewer(show, { name: 'Anna', viewerKey: 'anna-key-0000000001' });
    const b = await viewer(show, { name: 'Ben' });
    const reply = await a.client.requests.request({ type: 'chatSend', text: 'Is\u200b it\u202e lined?\n<img src=x onerror=alert(1)>' });
    expect(reply.text).toBe('Is it lined? <img src=x onerror=alert(1)>');
    for (const h of [h1, h2]) {
      const push = await h.waitForPush('chatIncoming');
      expect(push.message).toEqual({
        id: reply.messageId,
        viewerId: a.joined.chat!.viewerId,
        name: 'Anna',
        text: 'Is it lined? <img src=x onerror=alert(1)>',
        ts: expect.any(Number),
        // When Anna first joined the show (a giveaway's minimum watch time).
        watchingSince: expect.any(Number),
      });
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(b.client.pushes('chatIncoming')).toEqual([]);
    expect(a.client.pushes('chatIncoming')).toEqual([]);
  });

  it('needs a name, a studio listening, and visible text; rate-limits each connection (burst 3, 1/s)', async () => {
    const show = newShow();
    // The studio opened the show and went: the room stays a while, with nobody to moderate.
    const opener = await host(show);
    await opener.requests.request({ type: 'leave' });
    const nameless = await viewer(show);
    expect(await refusal(nameless.client.requests.request({ type: 'chatSend', text: 'hi' }))).toBe('name-required');
    const a = await viewer(show, { name: 'Anna' });
    expect(await refusal(a.client.requests.request({ type: 'chatSend', text: 'hi' }))).toBe('unavailable');
    const h = await host(show);
    expect(await refusal(a.client.requests.request({ type: 'chatSend', text: '\u200b\u2066 ' }))).toBe('invalid-message');
    // Refused sends above took two of the three tokens: attempts count, not just successes.
    await a.client.requests.request({ type: 'chatSend', text: 'one' });
    expect(await refusal(a.client.requests.request({ type: 'chatSend', text: 'two' }))).toBe('rate-limited');
    await new Promise((r) => setTimeout(r, 1050));
    await a.client.requests.request({ type: 'chatSend', text: 'three' });
    const texts = h.pushes('chatIncoming').map((p) => p.message.text);
    expect(texts).toEqual(['one', 'three']);
  });
});

describe('host chat requests', () => {
  it('publishes to viewers, keeps the last messages for late joiners, deletes and pins', async () => {
    const show = newShow();
    const h = await host(show);
    const b = await viewer(show, { name: 'Ben' });
    for (let i = 0; i < 55; i++) await h.requests.request({ type: 'chatPublish', message: wire(`m${i}`, `hello ${i}`) });
    await h.requests.request({ type: 'chatPublish', message: wire('m54', 'retried') }); // same id: a no-op
    await b.client.waitFor((m) => m.type === 'chatMessage' && m.message.id === 'm54');
    expect(b.client.pushes('chatMessage')).toHaveLength(55);
    expect(h.pushes('chatMessage')).toEqual([]);

    await h.requests.request({ type: 'chatPinMessage', message: wire('m53', 'hello 53') });
    await h.requests.request({ type: 'chatDelete', messageId: 'm52' });
    expect((await b.client.waitForPush('chatDeleted')).messageId).toBe('m52');
    expect((await b.client.waitForPush('chatPinned')).message?.id).toBe('m53');

    const late = await viewer(show);
    const ids = late.joined.room.chat.map((m) => m.id);
    expect(ids).toHaveLength(49);
    expect(ids[0]).toBe('m5');
    expect(ids).not.toContain('m52');
    expect(ids.at(-1)).toBe('m54');
    expect(late.joined.room.chatPinned?.id).toBe('m53');

    // Deleting the pinned message unpins it too.
    await h.requests.request({ type: 'chatDelete', messageId: 'm53' });
    await late.client.waitFor((m) => m.type === 'chatPinned' && m.message === null);
  });

  it('lets a studio publish a busy show’s chat beyond its 30/s request budget', async () => {
    const show = newShow();
    const h = await host(show);
    const b = await viewer(show, { name: 'Ben' });
    await Promise.all(Array.from({ length: 300 }, (_, i) => h.requests.request({ type: 'chatPublish', message: wire(`b${i}`, `msg ${i}`) })));
    await b.client.waitFor((m) => m.type === 'chatMessage' && m.message.id === 'b299');
    expect(b.client.pushes('chatMessage')).toHaveLength(300);
    // Its other requests still have their own budget.
    await h.requests.request({ type: 'clearPin' });
  });

  it('sends a notice to the connections of one viewer only', async () => {
    const show = newShow();
    const h = await host(show);
    const a1 = await viewer(show, { name: 'Anna', viewerKey: 'anna-key-0000000001' });
    const a2 = await viewer(show, { viewerKey: 'anna-key-0000000001' });
    const b = await viewer(show, { name: 'Ben' });
    const reply = await h.requests.request({ type: 'chatNotice', viewerId: a1.joined.chat!.viewerId, text: 'You are timed out for 10 minutes.' });
    expect(reply).toEqual({ delivered: 2 });
    for (const c of [a1.client, a2.client]) expect((await c.waitForPush('chatNotice')).text).toBe('You are timed out for 10 minutes.');
    await new Promise((r) => setTimeout(r, 50));
    expect(b.client.pushes('chatNotice')).toEqual([]);
  });

  it('keeps roles apart: viewers may not publish, delete, pin or notify; hosts may not send as viewers', async () => {
    const show = newShow();
    const h = await host(show);
    const a = await viewer(show, { name: 'Anna' });
    expect(await refusal(a.client.requests.request({ type: 'chatPublish', message: wire('x', 'fake') }))).toBe('forbidden');
    expect(await refusal(a.client.requests.request({ type: 'chatDelete', messageId: 'x' }))).toBe('forbidden');
    expect(await refusal(a.client.requests.request({ type: 'chatPinMessage', message: null }))).toBe('forbidden');
    expect(await refusal(a.client.requests.request({ type: 'chatNotice', viewerId: 'v_x', text: 'hi' }))).toBe('forbidden');
    expect(await refusal(h.requests.request({ type: 'chatSend', text: 'hi' }))).toBe('forbidden');
    expect(await refusal(h.requests.request({ type: 'chatPublish', message: { ...wire('y', 'hi'), role: 'admin' } as never }))).toBe(
      'invalid-message',
    );
  });
});

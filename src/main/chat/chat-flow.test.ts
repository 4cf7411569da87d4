/**
 * The moderated chat end to end: protocol-speaking viewers on the studio's
 * built-in SFU (real mediasoup worker), main's host link, the moderation
 * engine, SQLite on disk, and the API through the dispatcher.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import type { ChatMessage, ChatViewer, ModerationRules } from '../../shared/domain/chat.js';
import type { SignalServerMessage } from '../../shared/sfu/protocol.js';
import type { SfuServer } from '../../sfu/index.js';
import { TestSignalClient } from '../../../tests/harness/signal-client.js';
import { startTestStudio, until, type TestStudio } from '../../../tests/harness/test-studio.js';

type Chat = { messages: ChatMessage[]; held: ChatMessage[]; pinned: ChatMessage | null };

const clients: TestSignalClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

let keys = 0;
async function viewer(s: TestStudio, name?: string, viewerKey = `viewer-key-${++keys}-${'0'.repeat(8)}`) {
  const { signalUrl, room } = s.core.live.status();
  const client = await TestSignalClient.connect({ signalUrl } as SfuServer);
  clients.push(client);
  const joined = await client.requests.request({ type: 'join', show: room, role: 'viewer', viewerKey, ...(name ? { name } : {}) });
  const say = (text: string) => client.requests.request({ type: 'chatSend', text });
  return { client, joined, viewerId: joined.chat!.viewerId, say };
}

async function studioWithRules(dataDir = tempDir()): Promise<TestStudio> {
  const s = await startTestStudio(dataDir);
  await s.waitForStatus((st) => st.state === 'connected', 'the link to the built-in SFU');
  const rules = await s.call<ModerationRules>('studio:chat:get-rules');
  await s.call('studio:chat:set-rules', { ...rules, blockedTerms: ['scam'], links: 'hold', maxMessagesPer10s: 100, duplicateWindowSeconds: 0 });
  return s;
}

const stored = (s: TestStudio, id: string) => until(() => s.core.chat.getChat(5000), (c) => [...c.messages].some((m) => m.id === id), `message ${id}`);
const messageIn = (s: TestStudio, id: string) => stored(s, id).then((c) => c.messages.find((m) => m.id === id)!);
const published = (text: string) => (m: SignalServerMessage) => m.type === 'chatMessage' && m.message.text === text;
const quiet = () => new Promise((r) => setTimeout(r, 300));

describe('moderated chat through the built-in SFU', () => {
  let s: TestStudio;
  beforeAll(async () => {
    s = await studioWithRules();
  });
  afterAll(async () => {
    await s.close();
  });

  it('an approved message reaches the other viewers, and the console gets it in a batch', async () => {
    const a = await viewer(s, 'Anna');
    const b = await viewer(s, 'Ben');
    const { messageId } = await a.say('What size is the dress?');
    const push = await b.client.waitFor(published('What size is the dress?'));
    expect(push).toMatchObject({ message: { id: messageId, viewerId: a.viewerId, name: 'Anna', role: 'viewer' } });
    expect(await messageIn(s, messageId)).toMatchObject({ status: 'approved', question: true, decidedBy: 'auto', reasons: [] });
    await until(() => s.events, (e) => e.some((x) => x.channel === 'studio:event:chat-messages' && (x.payload as ChatMessage[]).some((m) => m.id === messageId)), 'the batch');
  });

  it('a link waits in the review queue and reaches viewers only once approved (and who approved is kept)', async () => {
    const a = await viewer(s, 'Anna');
    const b = await viewer(s, 'Ben');
    const { messageId } = await a.say('cheaper at https://other-shop.example/deal');
    const held = await messageIn(s, messageId);
    expect(held).toMatchObject({ status: 'held', reasons: ['link'] });
    expect((await s.call<Chat>('studio:chat:get')).held.map((m) => m.id)).toContain(messageId);
    await quiet();
    expect(b.client.pushes('chatMessage')).toEqual([]);
    const approved = await s.call<ChatMessage>('studio:chat:approve', { messageId });
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'host' });
    await b.client.waitFor(published('cheaper at https://other-shop.example/deal'));
    expect(s.core.chat.getChat(10).held.map((m) => m.id)).not.toContain(messageId);
  });

  it('a blocked term never reaches viewers and stays in the log as blocked', async () => {
    const a = await viewer(s, 'Anna');
    const b = await viewer(s, 'Ben');
    const { messageId } = await a.say('total s.c.a.m, DM me');
    // The show's own term blocks; the starter list (on by default) holds it too: the more severe action wins.
    expect(await messageIn(s, messageId)).toMatchObject({ status: 'blocked', reasons: ['blocked-term', 'starter-term'] });
    await quiet();
    expect(b.client.pushes('chatMessage')).toEqual([]);
  });

  it('a deleted message is taken off every viewer’s screen', async () => {
    const a = await viewer(s, 'Anna');
    const b = await viewer(s, 'Ben');
    const { messageId } = await a.say('love it');
    await b.client.waitFor(published('love it'));
    await s.call('studio:chat:delete', { messageId });
    expect((await b.client.waitForPush('chatDeleted')).messageId).toBe(messageId);
    expect(s.core.chat.getChat(100).messages.find((m) => m.id === messageId)?.status).toBe('deleted');
  });

  it('a banned viewer’s new messages never reach viewers and are logged as blocked (banned)', async () => {
    const a = await viewer(s, 'Troll');
    const b = await viewer(s, 'Ben');
    await a.say('first');
    await b.client.waitFor(published('first'));
    const banned = await s.call<ChatViewer>('studio:chat:ban', { viewerId: a.viewerId });
    expect(banned).toMatchObject({ banned: true, messageCount: 1 });
    const { messageId } = await a.say('you cannot stop me');
    expect(await messageIn(s, messageId)).toMatchObject({ status: 'blocked', reasons: ['banned'] });
    await quiet();
    expect(b.client.pushes('chatMessage').map((p) => p.message.text)).toEqual(['first']);
  });

  it('a timeout sends a private notice to that viewer only', async () => {
    const a = await viewer(s, 'Anna');
    const b = await viewer(s, 'Ben');
    await a.say('hello');
    await until(() => s.core.chat.viewers(), (v) => v.some((x) => x.viewerId === a.viewerId), 'the viewer list');
    const timedOut = await s.call<ChatViewer>('studio:chat:timeout', { viewerId: a.viewerId, seconds: 600 });
    expect(timedOut.timedOutUntil).toBeGreaterThan(Date.now() + 590_000);
    expect((await a.client.waitForPush('chatNotice')).text).toBe('You are timed out for 10 minutes.');
    const { messageId } = await a.say('hello again');
    expect(await messageIn(s, messageId)).toMatchObject({ status: 'blocked', reasons: ['timed-out'] });
    await quiet();
    expect(b.client.pushes('chatNotice')).toEqual([]);
  });

  it('relays markup verbatim as text, without invisible or bidi characters', async () => {
    const a = await viewer(s, 'Anna');
    const b = await viewer(s, 'Ben');
    const { messageId } = await a.say('<img src=x onerror=alert(1)>\u200b\u202e\u2066 ok');
    const push = await b.client.waitForPush('chatMessage');
    expect(push.message.text).toBe('<img src=x onerror=alert(1)> ok');
    expect((await messageIn(s, messageId)).text).toBe('<img src=x onerror=alert(1)> ok');
  });

  it('moderators skip the filters; the host’s messages go out marked as such; pins reach late joiners', async () => {
    const m = await viewer(s, 'Mia');
    await m.say('hi all');
    await until(() => s.core.chat.viewers(), (v) => v.some((x) => x.viewerId === m.viewerId), 'the viewer list');
    await s.call('studio:chat:set-moderator', { viewerId: m.viewerId, moderator: true });
    const b = await viewer(s, 'Ben');
    await m.say('do not fall for the scam links');
    expect((await b.client.waitFor(published('do not fall for the scam links'))).type).toBe('chatMessage');
    const host = await s.call<ChatMessage>('studio:chat:send', { text: 'Welcome!' });
    expect((await b.client.waitFor(published('Welcome!'))) as object).toMatchObject({ message: { role: 'host', viewerId: null } });
    await s.call('studio:chat:pin-message', { messageId: host.id });
    expect((await b.client.waitForPush('chatPinned')).message?.id).toBe(host.id);
    const late = await viewer(s);
    expect(late.joined.room.chatPinned?.id).toBe(host.id);
    expect(late.joined.room.chat.map((x) => x.text)).toContain('Welcome!');
    expect(late.joined.room.chat.find((x) => x.text === 'do not fall for the scam links')?.role).toBe('moderator');
  });

  it('a viewer may not publish, delete or pin: forbidden', async () => {
    const a = await viewer(s, 'Anna');
    const fake = { id: 'x', viewerId: null, name: 'Host', role: 'host' as const, text: 'free money', ts: 1 };
    await expect(a.client.requests.request({ type: 'chatPublish', message: fake })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(a.client.requests.request({ type: 'chatDelete', messageId: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('after a restart', () => {
  it('the log, the review queue, the pin and bans are as they were; the room gets the recent chat again', async () => {
    const dataDir = tempDir();
    const first = await studioWithRules(dataDir);
    const a = await viewer(first, 'Anna', 'anna-restart-key-0001');
    const shown = await a.say('Ships to Canada?');
    const held = await a.say('see www.elsewhere.example');
    await stored(first, held.messageId);
    await first.call('studio:chat:pin-message', { messageId: shown.messageId });
    await first.call('studio:chat:ban', { viewerId: a.viewerId });
    const before = await first.call<Chat>('studio:chat:get');
    await first.close();

    const second = await startTestStudio(dataDir);
    try {
      await second.waitForStatus((st) => st.state === 'connected', 'the link to the built-in SFU');
      expect(await second.call<Chat>('studio:chat:get')).toEqual(before);
      expect(before.held.map((m) => m.id)).toEqual([held.messageId]);
      expect(before.pinned?.id).toBe(shown.messageId);
      // The link republishes right after it joins; a viewer joining then sees it. Each look is closed
      // at once: the SFU holds 20 connections per address, and every client here is 127.0.0.1.
      const look = async () => {
        const probe = await viewer(second);
        probe.client.close();
        return probe.joined.room;
      };
      let r = await look();
      for (let i = 0; i < 20 && r.chat.length === 0; i++) {
        await new Promise((done) => setTimeout(done, 50));
        r = await look();
      }
      expect(r.chat.map((m) => m.id)).toContain(shown.messageId);
      expect(r.chatPinned?.id).toBe(shown.messageId);
      // Same viewer key, new SFU: the same viewer id, still banned.
      const again = await viewer(second, 'Anna', 'anna-restart-key-0001');
      expect(again.viewerId).toBe(a.viewerId);
      const { messageId } = await again.say('back again');
      expect(await messageIn(second, messageId)).toMatchObject({ status: 'blocked', reasons: ['banned'] });
    } finally {
      await second.close();
    }
  });
});

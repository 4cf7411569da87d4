import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignalRequestError } from '../shared/sfu/signal-requests.js';
import { startSfuServer, type SfuServer } from './sfu-server.js';
import { TestSignalClient } from '../../tests/harness/signal-client.js';

/**
 * A viewer's chatSend is answered once the studio confirms it stored the
 * message (`chatStored`), against a real SFU with protocol-speaking hosts:
 * a studio that confirms, one that hears but never confirms, one that goes
 * away, and an older studio that does not confirm at all.
 */

const HOST_TOKEN = 'chat-stored-secret';
const NOT_RECEIVED = 'The studio did not receive your message. Send it again.';
let showCounter = 0;
const newShow = () => `stored-${++showCounter}`;

async function startSfu(chatStoredWaitMs: number): Promise<{ sfu: SfuServer; clients: TestSignalClient[] }> {
  const sfu = await startSfuServer({
    port: 0,
    workers: 1,
    logLevel: 'silent',
    defaultHostToken: HOST_TOKEN,
    maxConnectionsPerAddress: 200,
    chatAddressRateLimit: { burst: 1000, perSecond: 1000 },
    chatStoredWaitMs,
  });
  return { sfu, clients: [] };
}

function helpers(world: () => { sfu: SfuServer; clients: TestSignalClient[] }) {
  const connect = async () => {
    const client = await TestSignalClient.connect(world().sfu);
    world().clients.push(client);
    return client;
  };
  return {
    async host(show: string, confirmsChat?: boolean) {
      const client = await connect();
      await client.requests.request({ type: 'join', show, role: 'host', hostToken: HOST_TOKEN, ...(confirmsChat === undefined ? {} : { confirmsChat }) });
      return client;
    },
    async viewer(show: string, name: string) {
      const client = await connect();
      await client.requests.request({ type: 'join', show, role: 'viewer', name });
      return client;
    },
  };
}

/** The request's outcome as it arrives: its reply, or the code and words of its refusal. */
function outcome<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; code: string; message: string }> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => {
      expect(error).toBeInstanceOf(SignalRequestError);
      return { ok: false as const, code: (error as SignalRequestError).code, message: (error as SignalRequestError).message };
    },
  );
}

describe('a studio that confirms', () => {
  let world: { sfu: SfuServer; clients: TestSignalClient[] };
  // Long enough that only a confirmation, or a studio going away, can end a wait in these tests.
  beforeAll(async () => (world = await startSfu(60_000)));
  afterAll(async () => {
    for (const c of world.clients) c.close();
    await world.sfu.close();
  });
  const { host, viewer } = helpers(() => world);

  it('the viewer’s reply waits for chatStored; the viewer’s other requests do not wait with it', async () => {
    const show = newShow();
    const studio = await host(show, true);
    const anna = await viewer(show, 'Anna');
    let answered = false;
    const sent = outcome(anna.requests.request({ type: 'chatSend', text: 'Is it lined?' })).finally(() => (answered = true));
    const incoming = await studio.waitForPush('chatIncoming');
    // A request sent after the message is answered while the message's reply still waits for the studio.
    expect(await anna.requests.request({ type: 'chatSetName', name: 'Anna' })).toMatchObject({ name: 'Anna' });
    expect(answered).toBe(false);
    expect(await studio.requests.request({ type: 'chatStored', messageId: incoming.message.id })).toEqual({});
    expect(await sent).toEqual({ ok: true, value: { messageId: incoming.message.id, text: 'Is it lined?' } });
  });

  it('a viewer whose studio goes away before confirming hears to send again, not “sent”', async () => {
    const show = newShow();
    const studio = await host(show, true);
    // The studio's publisher: a host connection that does not store chat; it cannot confirm for the studio.
    await host(show);
    const anna = await viewer(show, 'Anna');
    const sent = outcome(anna.requests.request({ type: 'chatSend', text: 'Last words before the crash' }));
    await studio.waitForPush('chatIncoming');
    studio.close();
    expect(await sent).toEqual({ ok: false, code: 'unavailable', message: NOT_RECEIVED });
  });

  it('with two studio connections, either one’s confirmation answers the viewer; a late or unknown one changes nothing', async () => {
    const show = newShow();
    const [first, second] = [await host(show, true), await host(show, true)];
    const anna = await viewer(show, 'Anna');
    const sent = outcome(anna.requests.request({ type: 'chatSend', text: 'hello' }));
    const { message } = await second.waitForPush('chatIncoming');
    await first.waitForPush('chatIncoming');
    first.close();
    await second.requests.request({ type: 'chatStored', messageId: message.id });
    expect(await sent).toMatchObject({ ok: true, value: { messageId: message.id } });
    expect(await second.requests.request({ type: 'chatStored', messageId: message.id })).toEqual({});
    expect(await second.requests.request({ type: 'chatStored', messageId: 'never-sent' })).toEqual({});
  });

  it('only a host may confirm', async () => {
    const show = newShow();
    await host(show, true);
    const anna = await viewer(show, 'Anna');
    await expect(anna.requests.request({ type: 'chatStored', messageId: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('an older studio (no confirmsChat) gets the message and the viewer is answered on forwarding, as before', async () => {
    const show = newShow();
    const studio = await host(show);
    const anna = await viewer(show, 'Anna');
    const reply = await anna.requests.request({ type: 'chatSend', text: 'hi' });
    expect((await studio.waitForPush('chatIncoming')).message.id).toBe(reply.messageId);
  });
});

describe('a studio that hears but never confirms', () => {
  let world: { sfu: SfuServer; clients: TestSignalClient[] };
  beforeAll(async () => (world = await startSfu(300)));
  afterAll(async () => {
    for (const c of world.clients) c.close();
    await world.sfu.close();
  });
  const { host, viewer } = helpers(() => world);

  it('the viewer gets “The studio did not receive your message”, never “sent”, and a confirmation after that changes nothing', async () => {
    const show = newShow();
    const studio = await host(show, true);
    const anna = await viewer(show, 'Anna');
    const sent = await outcome(anna.requests.request({ type: 'chatSend', text: 'Do you ship to Canada?' }));
    expect(sent).toEqual({ ok: false, code: 'unavailable', message: NOT_RECEIVED });
    const { message } = await studio.waitForPush('chatIncoming');
    expect(message.text).toBe('Do you ship to Canada?');
    expect(await studio.requests.request({ type: 'chatStored', messageId: message.id })).toEqual({});
    // Anything the late confirmation sent Anna would arrive before this reply (one socket, in order).
    await anna.requests.request({ type: 'chatSetName', name: 'Anna' });
    const answers = anna.received.filter((m) => m.type === 'reply' || m.type === 'error');
    expect(answers.map((m) => m.type)).toEqual(['reply', 'error', 'reply']); // join, chatSend, chatSetName
  });
});

/**
 * Main's link confirms stored chat to a real SFU (real mediasoup worker), and
 * still joins an SFU older than that: one in front of which a relay refuses
 * what such an SFU did not know, with the error it gave (its schema refuses
 * unknown fields and types).
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import type { ChatIncomingMessage } from '../../shared/sfu/protocol-chat.js';
import { startSfuServer, type SfuServer } from '../../sfu/index.js';
import { TestSignalClient } from '../../../tests/harness/signal-client.js';
import { until } from '../../../tests/harness/test-studio.js';
import { SfuLink } from './sfu-link.js';

const TOKEN = 'confirm-test-token';
const ROOM = 'confirm-show';
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function sfu(): Promise<SfuServer> {
  const server = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', defaultHostToken: TOKEN });
  cleanups.push(() => server.close());
  return server;
}

/** A link as the studio wires it: every message it hears is "stored" and confirmed at once. */
function studioLink(signalUrl: string) {
  const heard: ChatIncomingMessage[] = [];
  const log: string[] = [];
  const link: SfuLink = new SfuLink({
    signalUrl,
    room: ROOM,
    hostToken: TOKEN,
    onChange: () => undefined,
    confirmsChat: true,
    onChatIncoming: (message) => {
      heard.push(message);
      link.confirmStored(message.id);
    },
    log: (line) => log.push(line),
  });
  cleanups.push(() => link.close());
  return { link, heard, log };
}

async function chattingViewer(signalUrl: string) {
  const client = await TestSignalClient.connect({ signalUrl } as SfuServer);
  cleanups.push(() => client.close());
  await client.requests.request({ type: 'join', show: ROOM, role: 'viewer', name: 'Anna' });
  return client;
}

/**
 * An SFU from before confirmed chat: frames go through to the real one,
 * except a host join with `confirmsChat` and `chatStored`, refused as that
 * SFU refused them. `refused` lists what it refused.
 */
async function olderSfu(upstream: SfuServer): Promise<{ signalUrl: string; refused: string[] }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  cleanups.push(() => new Promise((resolve) => wss.close(resolve)));
  const refused: string[] = [];
  wss.on('connection', (client) => {
    const server = new WebSocket(upstream.signalUrl);
    const early: string[] = [];
    server.on('open', () => early.splice(0).forEach((frame) => server.send(frame)));
    server.on('message', (data) => client.send(data.toString()));
    server.on('close', () => client.close());
    client.on('close', () => server.close());
    client.on('message', (data) => {
      const text = data.toString();
      const frame = JSON.parse(text) as { type: string; requestId: number; confirmsChat?: unknown };
      const unknownField = frame.type === 'join' && 'confirmsChat' in frame;
      if (unknownField || frame.type === 'chatStored') {
        refused.push(frame.type);
        const message = unknownField ? 'Malformed "join" message: Unrecognized key: "confirmsChat"' : 'Malformed "chatStored" message: Invalid input';
        client.send(JSON.stringify({ type: 'error', requestId: frame.requestId, code: 'invalid-message', message }));
        return;
      }
      if (server.readyState === WebSocket.OPEN) server.send(text);
      else early.push(text);
    });
  });
  const { port } = wss.address() as { port: number };
  return { signalUrl: `ws://127.0.0.1:${port}/signal`, refused };
}

describe('confirmed chat on main’s link', () => {
  it('confirms each message it hears stored, so the viewer hears "sent"', async () => {
    const server = await sfu();
    const { link, heard } = studioLink(server.signalUrl);
    await until(() => link.status().state, (state) => state === 'connected', 'the link to join');
    const anna = await chattingViewer(server.signalUrl);
    const reply = await anna.requests.request({ type: 'chatSend', text: 'hello' });
    expect(heard.map((m) => m.id)).toEqual([reply.messageId]);
  });

  it('joins an older SFU without it: the first join is refused, the second on the same connection is not; nothing else is refused', async () => {
    const server = await sfu();
    const older = await olderSfu(server);
    const { link, heard, log } = studioLink(older.signalUrl);
    await until(() => link.status().state, (state) => state === 'connected', 'the link to join the older SFU');
    expect(older.refused).toEqual(['join']);
    expect(log.join('\n')).toContain('older than confirmed chat');

    // The older SFU answers a viewer on forwarding; the link hears the message and sends no chatStored it would refuse.
    const anna = await chattingViewer(server.signalUrl);
    const reply = await anna.requests.request({ type: 'chatSend', text: 'hi from an older show' });
    await until(() => heard, (m) => m.some((x) => x.id === reply.messageId), 'the message at the studio');
    await link.setPin(null); // one more round trip on the link: anything it sent before has been seen
    expect(older.refused).toEqual(['join']);
    expect(link.status()).toMatchObject({ state: 'connected', error: null });
  });
});

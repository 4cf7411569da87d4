import { afterEach, describe, expect, it } from 'vitest';
import { SignalCloseCode } from '../shared/sfu/protocol-constants.js';
import type { SignalRequestError } from '../shared/sfu/signal-requests.js';
import { startSfuServer, type SfuServer } from './sfu-server.js';
import type { SfuOptions } from './sfu-options.js';
import { TestSignalClient } from '../../tests/harness/signal-client.js';

/**
 * What one address may do on a real SFU (every client here is 127.0.0.1):
 * hold a few connections, send a share of chat, and count once per viewer
 * however many tabs it opens.
 */

const TOKEN = 'address-limits-token';
const servers: SfuServer[] = [];
const clients: TestSignalClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  while (servers.length) await servers.pop()!.close();
});

async function start(options: Partial<SfuOptions>): Promise<SfuServer> {
  const sfu = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', defaultHostToken: TOKEN, viewerCountIntervalMs: 20, ...options });
  servers.push(sfu);
  return sfu;
}

async function connect(sfu: SfuServer): Promise<TestSignalClient> {
  const client = await TestSignalClient.connect(sfu);
  clients.push(client);
  return client;
}

async function openShow(sfu: SfuServer, show: string): Promise<TestSignalClient> {
  const host = await connect(sfu);
  await host.requests.request({ type: 'join', show, role: 'host', hostToken: TOKEN });
  return host;
}

const connections = (sfu: SfuServer) => sfu.health().connections as number;

describe('per address', () => {
  it('holds at most maxConnectionsPerAddress connections; the next one is told why, and one going makes room', async () => {
    const sfu = await start({ maxConnectionsPerAddress: 3 });
    await openShow(sfu, 'busy-office');
    const first = await connect(sfu);
    await first.requests.request({ type: 'join', show: 'busy-office', role: 'viewer' });
    await connect(sfu);

    const crowded = await connect(sfu);
    expect(await crowded.closed).toEqual({ code: SignalCloseCode.tooManyFromAddress, reason: 'Too many connections from your network (3 at most).' });
    expect(connections(sfu)).toBe(3);

    first.close();
    // The server hears the close on its own schedule: wait until it has let the connection go.
    while (connections(sfu) > 2) await new Promise((r) => setTimeout(r, 10));
    const next = await connect(sfu);
    expect((await next.requests.request({ type: 'join', show: 'busy-office', role: 'viewer' })).role).toBe('viewer');
  });

  it('an unlimited address (the built-in SFU’s loopback) holds more connections and chats past the address budget', async () => {
    const sfu = await start({
      maxConnectionsPerAddress: 2,
      chatAddressRateLimit: { burst: 1, perSecond: 0.001 },
      unlimitedAddresses: ['127.0.0.1', '::1', '::ffff:127.0.0.1'],
    });
    const host = await openShow(sfu, 'practice-room');
    const viewers: TestSignalClient[] = [];
    for (const name of ['Ana', 'Ben', 'Cy', 'Dee']) {
      const viewer = await connect(sfu);
      await viewer.requests.request({ type: 'join', show: 'practice-room', role: 'viewer', name });
      viewers.push(viewer);
    }
    expect(connections(sfu)).toBe(5);
    for (const viewer of viewers) expect(await viewer.requests.request({ type: 'chatSend', text: 'hola!' })).toBeTruthy();
    expect(host.pushes('chatIncoming')).toHaveLength(4);
  });

  it('shares one chat budget between all connections of an address', async () => {
    const sfu = await start({ chatAddressRateLimit: { burst: 4, perSecond: 0.001 } });
    const host = await openShow(sfu, 'chatty-office');
    const viewers: TestSignalClient[] = [];
    for (const name of ['Ana', 'Ben', 'Cy']) {
      const viewer = await connect(sfu);
      await viewer.requests.request({ type: 'join', show: 'chatty-office', role: 'viewer', name });
      viewers.push(viewer);
    }
    const answers: string[] = [];
    // Two each: within every connection's own limit (burst 3), over the address's (4).
    for (const viewer of viewers) {
      for (let i = 0; i < 2; i++) {
        answers.push(
          await viewer.requests.request({ type: 'chatSend', text: `hello ${i}` }).then(
            () => 'sent',
            (error: SignalRequestError) => `${error.code}: ${error.message}`,
          ),
        );
      }
    }
    expect(answers).toEqual([
      'sent',
      'sent',
      'sent',
      'sent',
      'rate-limited: Too many messages from your network right now; wait a moment.',
      'rate-limited: Too many messages from your network right now; wait a moment.',
    ]);
    await host.waitFor((m) => m.type === 'chatIncoming' && host.pushes('chatIncoming').length === 4);
    expect(host.pushes('chatIncoming').map((p) => p.message.name)).toEqual(['Ana', 'Ana', 'Ben', 'Ben']);
  });

  it('counts a viewer once however many tabs it opens (its watch page keeps one viewer key)', async () => {
    const sfu = await start({});
    const host = await openShow(sfu, 'two-tabs');
    const join = async (viewerKey: string) => {
      const tab = await connect(sfu);
      return tab.requests.request({ type: 'join', show: 'two-tabs', role: 'viewer', viewerKey });
    };
    await join('viewer-key-anna-000001');
    await join('viewer-key-anna-000001');
    const third = await join('viewer-key-ben-0000001');
    expect(third.room.viewerCount).toBe(2);
    expect(sfu.health()).toMatchObject({ viewers: 2, connections: 4 });
    await host.waitFor((m) => m.type === 'viewerCount' && m.count === 2);
    expect(host.pushes('viewerCount').map((p) => p.count)).not.toContain(3);
  });
});

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

  describe('the practice audience key (the built-in SFU’s per-run secret; a tunnel makes every viewer 127.0.0.1)', () => {
    const KEY = 'practice-audience-key-for-this-run';
    const tight = { maxConnectionsPerAddress: 2, chatAddressRateLimit: { burst: 1, perSecond: 0.001 }, audienceKey: KEY };
    const joinAll = async (sfu: SfuServer, headers: Record<string, string>) => {
      const outcomes: string[] = [];
      for (const name of ['Ana', 'Ben', 'Cy', 'Dee']) {
        const viewer = await TestSignalClient.connect(sfu, headers);
        clients.push(viewer);
        outcomes.push(
          await viewer.requests.request({ type: 'join', show: 'practice-room', role: 'viewer', name }).then(
            () => 'joined',
            async () => `closed ${(await viewer.closed).code}`,
          ),
        );
      }
      return outcomes;
    };

    it('a loopback viewer without the key is held to the address’s share', async () => {
      const sfu = await start(tight);
      await openShow(sfu, 'practice-room');
      // The host holds one of the two.
      expect(await joinAll(sfu, {})).toEqual(['joined', ...Array(3).fill(`closed ${SignalCloseCode.tooManyFromAddress}`)]);
    });

    it('with the key: more connections and chat past the address budget, not counted against this computer’s own pages', async () => {
      const sfu = await start(tight);
      const host = await openShow(sfu, 'practice-room');
      expect(await joinAll(sfu, { 'x-lss-audience-key': KEY })).toEqual(Array(4).fill('joined'));
      for (const viewer of clients.slice(-4)) expect(await viewer.requests.request({ type: 'chatSend', text: 'hola!' })).toBeTruthy();
      expect(host.pushes('chatIncoming')).toHaveLength(4);
      // A real viewer on this computer still gets the address's share beside them (the host holds the other).
      const tab = await connect(sfu);
      expect((await tab.requests.request({ type: 'join', show: 'practice-room', role: 'viewer' })).role).toBe('viewer');
    });

    it('a wrong key counts as none, and a remote SFU (no key) limits a connection that sends one', async () => {
      const sfu = await start(tight);
      await openShow(sfu, 'practice-room');
      expect(await joinAll(sfu, { 'x-lss-audience-key': 'guessed' })).toEqual(['joined', ...Array(3).fill(`closed ${SignalCloseCode.tooManyFromAddress}`)]);
      const remote = await start({ maxConnectionsPerAddress: 2 });
      await openShow(remote, 'practice-room');
      expect(await joinAll(remote, { 'x-lss-audience-key': KEY })).toEqual(['joined', ...Array(3).fill(`closed ${SignalCloseCode.tooManyFromAddress}`)]);
    });
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

import { afterEach, describe, expect, it } from 'vitest';
import { SignalCloseCode } from '../shared/sfu/protocol-constants.js';
import { startSfuServer, type SfuServer } from './sfu-server.js';
import type { SfuOptions } from './sfu-options.js';
import { fakeRtpParameters, TestSignalClient } from '../../tests/harness/signal-client.js';

/**
 * Viewers who arrive before the studio opened the show (or while it comes
 * back after a crash) wait on their open connection (`waitForShow`) and are
 * told the moment a host opens it. Real worker; every client is 127.0.0.1.
 */

const TOKEN = 'show-waiting-token';
const servers: SfuServer[] = [];
const clients: TestSignalClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  while (servers.length) await servers.pop()!.close();
});

async function start(options: Partial<SfuOptions> = {}): Promise<SfuServer> {
  const sfu = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', defaultHostToken: TOKEN, ...options });
  servers.push(sfu);
  return sfu;
}

async function connect(sfu: SfuServer): Promise<TestSignalClient> {
  const client = await TestSignalClient.connect(sfu);
  clients.push(client);
  return client;
}

/** A viewer whose join was refused (`not-started`) and who now waits on the same connection. */
async function waitingViewer(sfu: SfuServer, show: string): Promise<TestSignalClient> {
  const viewer = await connect(sfu);
  await expect(viewer.requests.request({ type: 'join', show, role: 'viewer' })).rejects.toMatchObject({ code: 'not-started' });
  expect(await viewer.requests.request({ type: 'waitForShow', show })).toEqual({ waiting: true });
  return viewer;
}

describe('waiting for a show', () => {
  it('tells a viewer who came before the host that the show opened, without the viewer asking again', async () => {
    const sfu = await start();
    const viewer = await waitingViewer(sfu, 'early-crowd');
    expect(sfu.health()).toMatchObject({ rooms: 0, waiting: 1 });

    const host = await connect(sfu);
    await host.requests.request({ type: 'join', show: 'early-crowd', role: 'host', hostToken: TOKEN });
    // Nothing was sent since the waitForShow reply: this push is the server's own.
    expect(await viewer.waitForPush('showOpened')).toEqual({ type: 'showOpened', show: 'early-crowd' });
    expect(viewer.received.map((m) => m.type)).toEqual(['error', 'reply', 'showOpened']);
    expect(sfu.health()).toMatchObject({ waiting: 0 });

    // Joined on the same connection, the viewer follows the show going live.
    const { room } = await viewer.requests.request({ type: 'join', show: 'early-crowd', role: 'viewer' });
    expect(room).toMatchObject({ show: 'early-crowd', live: false, ended: false });
    const { transportId } = await host.requests.request({ type: 'createTransport', direction: 'send' });
    const { producerId } = await host.requests.request({ type: 'produce', transportId, kind: 'video', rtpParameters: fakeRtpParameters.video });
    expect(await viewer.waitForPush('newProducer')).toEqual({ type: 'newProducer', producerId, kind: 'video', feed: 'main' });
  });

  it('hears at once that an open show is open, and once only that a show opened', async () => {
    const sfu = await start();
    const first = await waitingViewer(sfu, 'opens-once');
    const host = await connect(sfu);
    await host.requests.request({ type: 'join', show: 'opens-once', role: 'host', hostToken: TOKEN });
    await first.waitForPush('showOpened');

    // The room is there now: no waiting, join now.
    const late = await connect(sfu);
    expect(await late.requests.request({ type: 'waitForShow', show: 'opens-once' })).toEqual({ waiting: false });
    expect(sfu.health()).toMatchObject({ waiting: 0 });
    // Another host connection of the same show tells nobody again.
    const second = await connect(sfu);
    await second.requests.request({ type: 'join', show: 'opens-once', role: 'host', hostToken: TOKEN });
    const { room } = await first.requests.request({ type: 'join', show: 'opens-once', role: 'viewer' });
    expect(room.show).toBe('opens-once');
    expect(first.pushes('showOpened')).toHaveLength(1);
  });

  it('lets no viewer open a show by waiting for it', async () => {
    const sfu = await start();
    const viewer = await waitingViewer(sfu, 'not-yours');
    await waitingViewer(sfu, 'not-yours');
    expect(sfu.health()).toMatchObject({ rooms: 0, viewers: 0, waiting: 2 });
    // Waiting is not joining: no media, no chat, and a join is still refused.
    await expect(viewer.requests.request({ type: 'routerRtpCapabilities' })).rejects.toMatchObject({ code: 'not-joined' });
    await expect(viewer.requests.request({ type: 'chatSend', text: 'hello?' })).rejects.toMatchObject({ code: 'not-joined' });
    await expect(viewer.requests.request({ type: 'join', show: 'not-yours', role: 'viewer' })).rejects.toMatchObject({ code: 'not-started' });
    // A host with a wrong token opens nothing and tells nobody.
    const impostor = await connect(sfu);
    await expect(impostor.requests.request({ type: 'join', show: 'not-yours', role: 'host', hostToken: 'guess' })).rejects.toMatchObject({ code: 'unauthorized' });
    // Waiting on another show moves the wait; it does not add one.
    expect(await viewer.requests.request({ type: 'waitForShow', show: 'other-show' })).toEqual({ waiting: true });
    expect(sfu.health()).toMatchObject({ rooms: 0, waiting: 2 });
    expect(viewer.pushes('showOpened')).toEqual([]);
  });

  it('counts waiting connections against the address cap and their requests against the rate limit', async () => {
    const sfu = await start({ maxConnectionsPerAddress: 2, viewerMessageRateLimit: { burst: 4, perSecond: 0.001 } });
    const first = await waitingViewer(sfu, 'full-house');
    await waitingViewer(sfu, 'full-house');
    const crowded = await connect(sfu);
    expect((await crowded.closed).code).toBe(SignalCloseCode.tooManyFromAddress);

    // join and waitForShow took two of four; asking again and again is refused like any other request.
    const answers = await Promise.all(
      [1, 2, 3].map(() => first.requests.request({ type: 'waitForShow', show: 'full-house' }).then(() => 'waiting', (e: { code: string }) => e.code)),
    );
    expect(answers).toEqual(['waiting', 'waiting', 'rate-limited']);

    // A waiting connection that goes stops waiting and makes room.
    first.close();
    while (sfu.health().waiting !== 1) await new Promise((r) => setTimeout(r, 10));
    await waitingViewer(sfu, 'full-house');
  });
});

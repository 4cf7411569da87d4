/**
 * Main's host link against a real SFU (real mediasoup worker, real sockets),
 * with viewers speaking the protocol as the watch page does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SignalPush } from '../../shared/sfu/protocol.js';
import { startSfuServer, type SfuServer } from '../../sfu/index.js';
import { sampleCard, TestSignalClient } from '../../../tests/harness/signal-client.js';
import { SfuLink, type SfuLinkState } from './sfu-link.js';

const TOKEN = 'link-test-token';
const servers: SfuServer[] = [];
const links: SfuLink[] = [];
const viewers: TestSignalClient[] = [];

afterEach(async () => {
  for (const link of links.splice(0)) link.close();
  for (const viewer of viewers.splice(0)) viewer.close();
  for (const server of servers.splice(0)) await server.close();
});

async function sfu(port = 0): Promise<SfuServer> {
  const server = await startSfuServer({ port, workers: 1, logLevel: 'silent', defaultHostToken: TOKEN });
  servers.push(server);
  return server;
}

function link(signalUrl: string, room: string, hostToken = TOKEN): { link: SfuLink; states: SfuLinkState[] } {
  const states: SfuLinkState[] = [];
  const created: SfuLink = new SfuLink({
    signalUrl,
    room,
    hostToken,
    onChange: () => {
      const { state } = created.status();
      if (states.at(-1) !== state) states.push(state);
    },
    backoff: { initialMs: 50, maxMs: 200 },
  });
  links.push(created);
  return { link: created, states };
}

async function viewer(server: { signalUrl: string }, room: string) {
  const client = await TestSignalClient.connect(server as SfuServer);
  viewers.push(client);
  const joined = await client.requests.request({ type: 'join', show: room, role: 'viewer' });
  return { client, room: joined.room };
}

async function until(check: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const pinPushes = (client: TestSignalClient) =>
  client.received.filter((m): m is Extract<SignalPush, { type: 'pin' }> => m.type === 'pin');

describe('SfuLink', () => {
  it('joins as host, pins and unpins: viewers get each card, and the host sees the viewer count', async () => {
    const server = await sfu();
    const { link: host } = link(server.signalUrl, 'spring-sale');
    await until(() => host.status().state === 'connected', 'connected');
    const { client } = await viewer(server, 'spring-sale');

    expect(await host.setPin(sampleCard)).toBe('delivered');
    const pinned = await client.waitForPush('pin');
    expect(pinned.card).toMatchObject({ title: 'Linen wrap dress', price: '59.00', buyUrl: sampleCard.buyUrl });

    expect(await host.setPin(null)).toBe('delivered');
    await until(() => pinPushes(client).length === 2, 'unpin push');
    expect(pinPushes(client)[1]!.card).toBeNull();
    await until(() => host.status().viewerCount === 1, 'viewer count push');
  });

  it('closing the link leaves the show open: no showEnded for viewers', async () => {
    const server = await sfu();
    const { link: host } = link(server.signalUrl, 'stays-open');
    await until(() => host.status().state === 'connected', 'connected');
    const { client } = await viewer(server, 'stays-open');
    await host.setPin(sampleCard);
    host.close();
    await new Promise((r) => setTimeout(r, 300));
    expect(client.pushes('showEnded')).toEqual([]);
    // A late joiner still sees the pin: the room (and its state) outlived the link.
    const late = await viewer(server, 'stays-open');
    expect(late.room.pin?.title).toBe('Linen wrap dress');
  });

  it('reconnects by itself when the SFU restarts on the same port and sends the current pin again', async () => {
    const first = await sfu();
    const { port, signalUrl } = first;
    const { link: host, states } = link(signalUrl, 'comeback');
    await until(() => host.status().state === 'connected', 'connected');
    await host.setPin(sampleCard);

    await first.close();
    servers.splice(servers.indexOf(first), 1);
    await until(() => host.status().state === 'reconnecting', 'reconnecting');
    // A pin made while the SFU is away waits for it.
    const whileAway = host.setPin({ ...sampleCard, title: 'Pinned while the SFU was down' }, 100);
    expect(await whileAway).toBe('pending');
    expect(host.status().error).toMatch(/not running|reconnecting|shut down/i);

    const second = await sfu(port);
    await until(() => host.status().state === 'connected' && host.pinDelivery() === 'delivered', 'reconnected and delivered');
    const late = await viewer(second, 'comeback');
    expect(late.room.pin?.title).toBe('Pinned while the SFU was down');
    expect(states).toEqual(['connected', 'reconnecting', 'connected']);
  });

  it('rejoins at once when the room\'s media worker dies (rejoin push, close 1012)', async () => {
    const server = await sfu();
    const { link: host, states } = link(server.signalUrl, 'worker-crash');
    await until(() => host.status().state === 'connected', 'connected');
    await host.setPin(sampleCard);
    const [pid] = server.workerPids();
    process.kill(pid!, 'SIGKILL');
    await until(() => states.length >= 3 && host.status().state === 'connected', 'rejoined');
    // The pin is sent again on rejoin; its answer may still be on its way when the link says connected.
    await until(() => host.pinDelivery() === 'delivered', 'the pin delivered to the new room');
    const late = await viewer(server, 'worker-crash');
    expect(late.room.pin?.title).toBe('Linen wrap dress');
  });

  it('says so when the SFU refuses the token, and keeps the pin pending', async () => {
    const server = await sfu();
    const { link: host } = link(server.signalUrl, 'locked', 'not-the-token');
    await until(() => host.status().state === 'error', 'error state');
    expect(host.status().error).toMatch(/refused the host token/);
    expect(await host.setPin(sampleCard, 50)).toBe('pending');
  });

  it('reports a refused card as failed instead of pending forever', async () => {
    const server = await sfu();
    const { link: host } = link(server.signalUrl, 'bad-card');
    await until(() => host.status().state === 'connected', 'connected');
    expect(await host.setPin({ ...sampleCard, buyUrl: 'http://plain.example.com/buy' })).toBe('failed');
    expect(host.pinFailure()).toBeTruthy();
  });

  it('reports an address where nothing listens in host words', async () => {
    const server = await sfu();
    const url = server.signalUrl;
    await server.close();
    servers.length = 0;
    const { link: host } = link(url, 'nobody-home');
    await until(() => host.status().state === 'error', 'error state');
    expect(host.status().error).toMatch(/Nothing answers at 127\.0\.0\.1:\d+/);
  });
});

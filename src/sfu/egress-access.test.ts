import { afterEach, describe, expect, it } from 'vitest';
import { EGRESS_MAX_DESTINATIONS, type EgressStatus } from '../shared/sfu/protocol-egress.js';
import { SignalRequestError } from '../shared/sfu/signal-requests.js';
import { startSfuServer, type SfuServer } from './sfu-server.js';
import { TestSignalClient, joinAsProducingHost } from '../../tests/harness/signal-client.js';

/**
 * Multistream over the protocol (real SFU, real mediasoup worker): who may
 * control it, what the studio's link hears, limits, a missing ffmpeg, and
 * the show's end stopping every ffmpeg. The media path itself is covered
 * by egress/show-egress.test.ts.
 */

const SHOW = 'egress-access';
const SECRET = 'egress-access-secret';
const KEY = 'sk_live_9f8e7d';
const servers: SfuServer[] = [];
const clients: TestSignalClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  for (const server of servers.splice(0)) await server.close();
});

async function sfu(ffmpegPath?: string): Promise<SfuServer> {
  const server = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', hostTokens: { [SHOW]: SECRET }, ...(ffmpegPath ? { ffmpegPath } : {}) });
  servers.push(server);
  return server;
}

async function client(server: SfuServer): Promise<TestSignalClient> {
  const c = await TestSignalClient.connect(server);
  clients.push(c);
  return c;
}

/** The studio's own link: the long-lived token, joined with confirmsChat (as src/main/sfu-link does). */
async function studioLink(server: SfuServer): Promise<TestSignalClient> {
  const link = await client(server);
  await link.requests.request({ type: 'join', show: SHOW, role: 'host', hostToken: SECRET, confirmsChat: true });
  return link;
}

async function refusal(promise: Promise<unknown>): Promise<SignalRequestError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SignalRequestError);
  return error as SignalRequestError;
}

const destination = (id: string, streamKey = KEY) => ({ id, name: `Platform ${id}`, url: 'rtmp://127.0.0.1:1/live', streamKey });

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const statusOf = (link: TestSignalClient, check: (s: EgressStatus) => boolean) =>
  link.waitFor((m) => m.type === 'egressStatus' && check(m.status), 10_000).then((m) => (m as { status: EgressStatus }).status);

describe('multistream over the protocol', () => {
  it('only the studio’s own link controls it: a viewer, a publishing page and a host without confirmsChat are forbidden', async () => {
    const server = await sfu();
    const link = await studioLink(server);

    const viewer = await client(server);
    await viewer.requests.request({ type: 'join', show: SHOW, role: 'viewer' });
    const { token } = await link.requests.request({ type: 'mintPublishToken', ttlSeconds: 600, publisherId: 'window-a' });
    const page = await client(server);
    await page.requests.request({ type: 'join', show: SHOW, role: 'host', hostToken: token });
    const plainHost = await client(server);
    await plainHost.requests.request({ type: 'join', show: SHOW, role: 'host', hostToken: SECRET });

    for (const other of [viewer, page, plainHost]) {
      expect((await refusal(other.requests.request({ type: 'egressList' }))).code).toBe('forbidden');
      expect((await refusal(other.requests.request({ type: 'egressStart', destination: destination('yt') }))).code).toBe('forbidden');
      expect((await refusal(other.requests.request({ type: 'egressStop', id: 'yt' }))).code).toBe('forbidden');
      expect((await refusal(other.requests.request({ type: 'egressReconnect', id: 'yt' }))).code).toBe('forbidden');
    }
    expect(await link.requests.request({ type: 'egressList' })).toMatchObject({ encoder: { state: 'idle' }, destinations: [] });

    // The studio's link starts one: no feed yet, so it waits; only the studio's link hears about it.
    await link.requests.request({ type: 'egressStart', destination: destination('yt') });
    const waiting = await statusOf(link, (s) => s.destinations[0]?.state === 'waiting');
    expect(waiting.destinations[0]).toMatchObject({ id: 'yt', name: 'Platform yt', reason: 'Waiting for the show’s video.', liveSince: null, retryAt: null });
    const listed = await link.requests.request({ type: 'egressList' });
    expect(listed.destinations.map((d) => d.id)).toEqual(['yt']);
    // No key and no address in anything the SFU sent back.
    expect(JSON.stringify(link.received)).not.toContain(KEY);
    expect(JSON.stringify(listed)).not.toContain('rtmp://');
    for (const other of [viewer, page, plainHost]) expect(other.pushes('egressStatus')).toEqual([]);
  });

  it('limits: unknown ids, bad addresses, and at most EGRESS_MAX_DESTINATIONS at once (a stopped one makes room)', async () => {
    const server = await sfu();
    const link = await studioLink(server);
    expect((await refusal(link.requests.request({ type: 'egressReconnect', id: 'nope' }))).code).toBe('not-found');
    await link.requests.request({ type: 'egressStop', id: 'nope' });
    const bad = await refusal(link.requests.request({ type: 'egressStart', destination: { ...destination('x'), url: 'http://example.com/live' } }));
    expect(bad.code).toBe('invalid-message');

    for (let i = 0; i < EGRESS_MAX_DESTINATIONS; i++) await link.requests.request({ type: 'egressStart', destination: destination(`d${i}`) });
    const over = await refusal(link.requests.request({ type: 'egressStart', destination: destination('one-more') }));
    expect(over).toMatchObject({ code: 'conflict', message: `A show can go to at most ${EGRESS_MAX_DESTINATIONS} destinations at once; stop one first.` });
    // Replacing one (same id) is not one more.
    await link.requests.request({ type: 'egressStart', destination: destination('d0', 'another-key') });
    await link.requests.request({ type: 'egressStop', id: 'd1' });
    expect((await refusal(link.requests.request({ type: 'egressReconnect', id: 'd1' }))).code).toBe('conflict');
    await link.requests.request({ type: 'egressStart', destination: destination('one-more') });
    const ids = (await link.requests.request({ type: 'egressList' })).destinations.map((d) => d.id);
    expect(ids).toHaveLength(EGRESS_MAX_DESTINATIONS);
    expect(ids).toContain('one-more');
    expect(ids).not.toContain('d1');
  });

  it('a missing ffmpeg: the encoder fails with a reason saying so, and so does the destination', async () => {
    const server = await sfu('/nonexistent/ffmpeg');
    const link = await studioLink(server);
    const publisher = await joinAsProducingHost(server, SHOW, SECRET);
    clients.push(publisher.host);
    await link.requests.request({ type: 'egressStart', destination: destination('yt') });
    const failed = await statusOf(link, (s) => s.encoder.state === 'failed');
    const reason = 'ffmpeg was not found at "/nonexistent/ffmpeg"; install ffmpeg or set its path (in the studio: Settings → Recording; on a server: studio sfu --ffmpeg PATH, or LSS_FFMPEG).';
    expect(failed.encoder.reason).toBe(reason);
    expect((await statusOf(link, (s) => s.destinations[0]?.state === 'failed')).destinations[0]!.reason).toBe(reason);
    expect(server.egressProcesses()).toEqual([]);
  });

  it('the host’s leave and the server’s close stop every destination and every ffmpeg', async () => {
    const server = await sfu();
    const link = await studioLink(server);
    const publisher = await joinAsProducingHost(server, SHOW, SECRET);
    clients.push(publisher.host);
    await link.requests.request({ type: 'egressStart', destination: destination('yt') });
    await link.requests.request({ type: 'egressStart', destination: destination('fb') });
    // The encoder starts on the host's feeds (no media flows from this fake publisher: it waits for a picture).
    await statusOf(link, (s) => s.encoder.state === 'starting');
    // Its simulcast feed's top layer never flows: the encoder waits for it a moment, then starts on what there is.
    await expect.poll(() => server.egressProcesses().length, { timeout: 10_000 }).toBe(1);
    const encoder = server.egressProcesses();
    expect(encoder).toEqual([{ show: SHOW, role: 'encoder', destinationId: null, orientation: 'horizontal', pid: expect.any(Number) }]);
    expect(isAlive(encoder[0]!.pid)).toBe(true);

    await publisher.host.requests.request({ type: 'leave' });
    const ended = await statusOf(link, (s) => s.destinations.every((d) => d.state === 'stopped'));
    expect(ended.destinations.map((d) => d.reason)).toEqual(['The show ended.', 'The show ended.']);
    await expect.poll(() => isAlive(encoder[0]!.pid)).toBe(false);
    expect(server.egressProcesses()).toEqual([]);
    expect(await link.requests.request({ type: 'egressList' })).toMatchObject({ destinations: [] });

    // The show starts again, multistream with it; closing the server ends that encoder too.
    const again = await joinAsProducingHost(server, SHOW, SECRET);
    clients.push(again.host);
    await link.requests.request({ type: 'egressStart', destination: destination('yt') });
    await expect.poll(() => server.egressProcesses().length, { timeout: 10_000 }).toBe(1);
    const pid = server.egressProcesses()[0]!.pid;
    await server.close();
    expect(isAlive(pid)).toBe(false);
  });
});

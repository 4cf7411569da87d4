import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { SignalError } from '../shared/sfu/protocol.js';
import { SignalRequestError } from '../shared/sfu/signal-requests.js';
import { startSfuServer, type SfuServer } from './sfu-server.js';
import { TestSignalClient, fakeRtpParameters, joinAsProducingHost, sampleCard } from '../../tests/harness/signal-client.js';

/** Signaling validation against a real mediasoup worker: refused requests change nothing. */

const HOST_TOKEN = 'host-secret-1';
let sfu: SfuServer;

beforeAll(async () => {
  sfu = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', hostTokens: { 'spring-sale': HOST_TOKEN, 'codec-check': 'codec-token' } });
});
afterAll(async () => {
  await sfu.close();
});

const isError = (m: { type: string }): m is SignalError => m.type === 'error';

async function refusal(promise: Promise<unknown>): Promise<SignalRequestError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SignalRequestError);
  return error as SignalRequestError;
}

describe('malformed frames', () => {
  it('answers non-JSON, binary, unknown and incomplete frames with an error, and the connection still works', async () => {
    const client = await TestSignalClient.connect(sfu);
    client.sendRaw('not json');
    client.sendRaw(Buffer.from([1, 2, 3]));
    client.sendRaw(JSON.stringify({ type: 'selfDestruct', requestId: 7 }));
    client.sendRaw(JSON.stringify({ type: 'join', requestId: 8, show: 'spring-sale' })); // no role
    client.sendRaw(JSON.stringify({ type: 'join', requestId: 9, show: '../etc/passwd', role: 'viewer' }));
    client.sendRaw(JSON.stringify({ type: 'join', requestId: 10, show: 'spring-sale', role: 'viewer', extra: 1 }));
    await client.waitFor((m) => isError(m) && m.requestId === 10);
    const errors = client.received.filter(isError);
    expect(errors.map((e) => [e.requestId, e.code])).toEqual([
      [undefined, 'invalid-message'],
      [undefined, 'invalid-message'],
      [7, 'invalid-message'],
      [8, 'invalid-message'],
      [9, 'invalid-message'],
      [10, 'invalid-message'],
    ]);
    expect(errors[4]?.message).toContain('show');
    // Nothing was joined by any of those; a valid join still works (once the studio has opened the show).
    expect(sfu.health()).toMatchObject({ viewers: 0 });
    const opener = await TestSignalClient.connect(sfu);
    await opener.requests.request({ type: 'join', show: 'spring-sale', role: 'host', hostToken: HOST_TOKEN });
    const joined = await client.requests.request({ type: 'join', show: 'spring-sale', role: 'viewer' });
    expect(joined.role).toBe('viewer');
    client.close();
    opener.close();
    // The next tests count hosts: wait until the server has let this one go.
    while (sfu.health().hosts !== 0) await new Promise((r) => setTimeout(r, 10));
  });

  it('refuses everything but join before joining', async () => {
    const client = await TestSignalClient.connect(sfu);
    const error = await refusal(client.requests.request({ type: 'routerRtpCapabilities' }));
    expect(error.code).toBe('not-joined');
    expect((await refusal(client.requests.request({ type: 'clearPin' }))).code).toBe('not-joined');
    client.close();
  });
});

describe('roles and host token', () => {
  it('refuses a wrong host token and leaves the show without a host', async () => {
    const client = await TestSignalClient.connect(sfu);
    const error = await refusal(
      client.requests.request({ type: 'join', show: 'spring-sale', role: 'host', hostToken: 'guess' }),
    );
    expect(error.code).toBe('unauthorized');
    expect(sfu.health()).toMatchObject({ hosts: 0 });
    // A show with no token configured (and no default) cannot be hosted at all.
    const other = await refusal(client.requests.request({ type: 'join', show: 'other-show', role: 'host', hostToken: 'x' }));
    expect(other.code).toBe('unauthorized');
    client.close();
  });

  it('keeps viewers from producing, pinning or opening a send transport', async () => {
    const { host, videoProducerId } = await joinAsProducingHost(sfu, 'spring-sale', HOST_TOKEN);
    await host.requests.request({ type: 'setPin', card: sampleCard });
    const viewer = await TestSignalClient.connect(sfu);
    await viewer.requests.request({ type: 'join', show: 'spring-sale', role: 'viewer' });

    const send = await refusal(viewer.requests.request({ type: 'createTransport', direction: 'send' }));
    expect(send.code).toBe('forbidden');
    const recv = await viewer.requests.request({ type: 'createTransport', direction: 'recv' });
    const produce = await refusal(
      viewer.requests.request({ type: 'produce', transportId: recv.transportId, kind: 'video', rtpParameters: fakeRtpParameters.video }),
    );
    expect(produce.code).toBe('forbidden');
    const pin = await refusal(viewer.requests.request({ type: 'setPin', card: { ...sampleCard, title: 'Hacked' } }));
    expect(pin.code).toBe('forbidden');
    expect((await refusal(viewer.requests.request({ type: 'clearPin' }))).code).toBe('forbidden');

    // The room is as the host left it: same pin, still live with the host's two feeds.
    const late = await TestSignalClient.connect(sfu);
    const { room } = await late.requests.request({ type: 'join', show: 'spring-sale', role: 'viewer' });
    expect(room.pin?.title).toBe('Linen wrap dress');
    expect(room.producers).toHaveLength(2);
    expect(viewer.pushes('pin')).toHaveLength(0);

    // A host opens a receive transport for its guests' feeds only: the show's own feeds are the viewers'.
    const hostRecv = await host.requests.request({ type: 'createTransport', direction: 'recv' });
    const { rtpCapabilities } = await host.requests.request({ type: 'routerRtpCapabilities' });
    const own = await refusal(host.requests.request({ type: 'consume', transportId: hostRecv.transportId, producerId: videoProducerId, rtpCapabilities }));
    expect(own.code).toBe('not-found');
    for (const c of [host, viewer, late]) c.close();
  });

  it('validates the product card: https buy links, http(s) images, capped text', async () => {
    const host = await TestSignalClient.connect(sfu);
    await host.requests.request({ type: 'join', show: 'spring-sale', role: 'host', hostToken: HOST_TOKEN });
    await host.requests.request({ type: 'setPin', card: sampleCard });
    const bad = [
      { ...sampleCard, buyUrl: 'javascript:alert(1)' },
      { ...sampleCard, buyUrl: 'http://example-shop.com/p' },
      { ...sampleCard, imageUrl: 'data:image/svg+xml,<svg onload=alert(1)>' },
      { ...sampleCard, title: 'x'.repeat(141) },
      { ...sampleCard, title: 'Dress\u202Eevil' },
      { ...sampleCard, price: '-5' },
      { ...sampleCard, stock: -1 },
      { ...sampleCard, currency: 'dollars' },
    ];
    for (const card of bad) {
      const error = await refusal(host.requests.request({ type: 'setPin', card }));
      expect(error.code, JSON.stringify(card)).toBe('invalid-message');
    }
    const viewer = await TestSignalClient.connect(sfu);
    const { room } = await viewer.requests.request({ type: 'join', show: 'spring-sale', role: 'viewer' });
    expect(room.pin).toMatchObject({ title: 'Linen wrap dress', buyUrl: sampleCard.buyUrl });
    host.close();
    viewer.close();
  });

  it('rejects RTP parameters mediasoup cannot use, without creating a feed', async () => {
    const host = await TestSignalClient.connect(sfu);
    await host.requests.request({ type: 'join', show: 'codec-check', role: 'host', hostToken: 'codec-token' });
    const t = await host.requests.request({ type: 'createTransport', direction: 'send' });
    const rtpParameters = { ...fakeRtpParameters.video, codecs: [{ mimeType: 'video/AV2', payloadType: 100, clockRate: 90000 }] };
    const error = await refusal(host.requests.request({ type: 'produce', transportId: t.transportId, kind: 'video', rtpParameters }));
    expect(error.code).toBe('media-rejected');
    const other = await refusal(
      host.requests.request({ type: 'connectTransport', transportId: 'not-mine', dtlsParameters: { fingerprints: [{ algorithm: 'sha-256', value: 'AA' }] } }),
    );
    expect(other.code).toBe('not-found');
    host.close();
  });
});

describe('rate limits', () => {
  it('answers a flood of messages with rate-limited errors and drops a client that ignores them', async () => {
    const strict = await startSfuServer({
      port: 0,
      workers: 1,
      logLevel: 'silent',
      viewerMessageRateLimit: { burst: 5, perSecond: 0.01 },
    });
    try {
      const client = await TestSignalClient.connect(strict);
      for (let i = 1; i <= 8; i++) client.sendRaw(JSON.stringify({ type: 'join', requestId: i, show: 'flood', role: 'viewer' }));
      await client.waitFor((m) => isError(m) && m.requestId === 8);
      const limited = client.received.filter((m) => isError(m) && m.code === 'rate-limited');
      expect(limited).toHaveLength(3);
      for (let i = 0; i < 60; i++) client.sendRaw('{}');
      expect((await client.closed).code).toBe(4429);
    } finally {
      await strict.close();
    }
  });

  it('refuses new connections from an address that opens too many', async () => {
    const strict = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', connectionRateLimit: { burst: 3, perSecond: 0.01 } });
    try {
      const clients = [];
      for (let i = 0; i < 3; i++) clients.push(await TestSignalClient.connect(strict));
      const status = await new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(strict.signalUrl);
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('open', () => reject(new Error('connection was accepted')));
        ws.once('error', () => undefined);
      });
      expect(status).toBe(429);
      for (const c of clients) c.close();
    } finally {
      await strict.close();
    }
  });
});

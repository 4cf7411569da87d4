import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignalCloseCode } from '../shared/sfu/protocol-constants.js';
import { SignalRequestError } from '../shared/sfu/signal-requests.js';
import { startSfuServer, type SfuServer } from './sfu-server.js';
import { TestSignalClient, joinAsProducingHost, fakeRtpParameters } from '../../tests/harness/signal-client.js';

/**
 * One publisher per show on the SFU side (real mediasoup worker): a publish
 * token minted for a publisher makes it the show's publisher; another
 * publisher is refused while it is live, unless it takes over, and then the
 * first one's connections are closed with their own close code.
 */

const SECRET = 'one-publisher-secret';
let sfu: SfuServer;

beforeAll(async () => {
  sfu = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', hostTokens: { 'one-show': SECRET } });
});
afterAll(async () => {
  await sfu.close();
});

/** Main's link: joins with the long-lived secret and mints tokens for publishers. */
async function mainLink(show: string): Promise<TestSignalClient> {
  const link = await TestSignalClient.connect(sfu);
  await link.requests.request({ type: 'join', show, role: 'host', hostToken: SECRET });
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

describe('one publisher per show', () => {
  it('refuses a second publisher while the first is live; a take-over closes the first and only the new one may send', async () => {
    const show = 'one-show';
    const link = await mainLink(show);
    const viewer = await TestSignalClient.connect(sfu);
    await viewer.requests.request({ type: 'join', show, role: 'viewer' });
    try {
      const first = await link.requests.request({ type: 'mintPublishToken', ttlSeconds: 600, publisherId: 'window-a' });
      const a = await joinAsProducingHost(sfu, show, first.token);
      await viewer.waitFor((m) => m.type === 'liveChanged' && m.live);

      // Another publisher's token is refused while window A is live.
      const refused = await refusal(link.requests.request({ type: 'mintPublishToken', ttlSeconds: 600, publisherId: 'window-b' }));
      expect(refused.code).toBe('conflict');
      expect(refused.message).toContain('Another studio is live');

      // Taking over: window A is closed with its own code, its feeds go.
      const second = await link.requests.request({ type: 'mintPublishToken', ttlSeconds: 600, publisherId: 'window-b', takeOver: true });
      expect(await a.host.closed).toMatchObject({ code: SignalCloseCode.publisherReplaced });
      await viewer.waitFor((m) => m.type === 'liveChanged' && !m.live);

      // A token window A still holds lets it join, but not send.
      const stale = await TestSignalClient.connect(sfu);
      await stale.requests.request({ type: 'join', show, role: 'host', hostToken: first.token });
      const transport = await stale.requests.request({ type: 'createTransport', direction: 'send' });
      const produce = await refusal(
        stale.requests.request({ type: 'produce', transportId: transport.transportId, kind: 'video', rtpParameters: fakeRtpParameters.video }),
      );
      expect(produce.code).toBe('conflict');
      stale.close();

      // Window B sends; main's link (the long-lived secret) was never touched.
      const b = await joinAsProducingHost(sfu, show, second.token);
      await viewer.waitFor((m) => m.type === 'newProducer' && m.producerId === b.videoProducerId);
      expect((await link.requests.request({ type: 'mintPublishToken', ttlSeconds: 600, publisherId: 'window-b' })).token).toEqual(expect.any(String));
      b.host.close();
    } finally {
      viewer.close();
      link.close();
    }
  });
});

/**
 * Two studios on the same show (a second studio on the same data folder, or
 * a second computer with the same settings), publishing to one remote SFU
 * (a standalone server, real worker). Neither main knows the other: the SFU
 * keeps the one-publisher rule between them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import type { PublisherClaim, PublishTicket } from '../../shared/domain/live.js';
import { SignalCloseCode } from '../../shared/sfu/protocol-constants.js';
import { startSfuServer, type SfuServer } from '../../sfu/index.js';
import { joinAsProducingHost, TestSignalClient } from '../../../tests/harness/signal-client.js';
import { startTestStudio, type TestStudio } from '../../../tests/harness/test-studio.js';

const SECRET = 'second-studio-secret-0123456789';
const studios: TestStudio[] = [];
const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  for (const s of studios.splice(0)) await s.close();
});

async function studioOn(sfu: SfuServer): Promise<TestStudio> {
  const s = await startTestStudio(tempDir());
  studios.push(s);
  await s.call('studio:settings:update', { sfu: { url: sfu.url, hostToken: SECRET, room: 'same-shop' } });
  await s.waitForStatus((st) => st.mode === 'remote' && st.state === 'connected', 'connected to the remote SFU');
  return s;
}

describe('a second studio on the same show', () => {
  it('is refused while the first one is live, and can take over: the first one’s publisher is closed', async () => {
    const sfu = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', defaultHostToken: SECRET });
    closers.push(() => sfu.close());
    const first = await studioOn(sfu);
    const second = await studioOn(sfu);

    const a = await first.call<PublisherClaim>('studio:live:claim-publishing', {});
    const ticketA = await first.call<PublishTicket>('studio:live:publish-ticket', { publisherId: a.publisherId });
    const publisherA = await joinAsProducingHost(sfu, ticketA.room, ticketA.hostToken);
    closers.push(() => publisherA.host.close());
    await first.waitForStatus((st) => st.live, 'the first studio on air');

    // The second studio's main knows nobody publishes there; the SFU knows better.
    const b = await second.call<PublisherClaim>('studio:live:claim-publishing', {});
    await expect(second.call('studio:live:publish-ticket', { publisherId: b.publisherId })).rejects.toMatchObject({
      code: 'conflict',
      message: 'Another studio is live on this show. Take over to publish from here instead.',
    });

    // The host confirms a take-over in the second studio: the first studio's publisher is closed and told why.
    const takeOver = await second.call<PublisherClaim>('studio:live:claim-publishing', { takeOver: true });
    const ticketB = await second.call<PublishTicket>('studio:live:publish-ticket', { publisherId: takeOver.publisherId });
    expect(await publisherA.host.closed).toMatchObject({ code: SignalCloseCode.publisherReplaced });
    const publisherB = await joinAsProducingHost(sfu, ticketB.room, ticketB.hostToken);
    closers.push(() => publisherB.host.close());
    await second.waitForStatus((st) => st.live, 'the second studio on air');

    // The first studio's window cannot come back without taking over in turn.
    await expect(first.call('studio:live:publish-ticket', { publisherId: a.publisherId })).rejects.toMatchObject({ code: 'conflict' });
    const viewer = await TestSignalClient.connect(sfu);
    closers.push(() => viewer.close());
    const joined = await viewer.requests.request({ type: 'join', show: 'same-shop', role: 'viewer' });
    expect(joined.room.producers.map((p) => p.producerId).sort()).toEqual([publisherB.audioProducerId, publisherB.videoProducerId].sort());
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_SELL_STATE } from '../shared/sfu/protocol-selling.js';
import { startSfuServer, type SfuServer } from './sfu-server.js';
import { TestSignalClient, joinAsProducingHost, sampleCard } from '../../tests/harness/signal-client.js';

/** What viewers learn and when: join state, pushes, consume/resume, the show ending. Real worker. */

const TOKEN = 'room-state-token';
let sfu: SfuServer;

beforeAll(async () => {
  sfu = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', defaultHostToken: TOKEN, viewerCountIntervalMs: 50 });
});
afterAll(async () => {
  await sfu.close();
});

describe('room state', () => {
  it('tells a viewer who comes before the studio that the show has not started, and creates nothing', async () => {
    const viewer = await TestSignalClient.connect(sfu);
    const rooms = sfu.health().rooms;
    const refused = await viewer.requests.request({ type: 'join', show: 'no-such-show', role: 'viewer' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'not-started', message: 'This show hasn’t started yet.' });
    expect(sfu.health()).toMatchObject({ rooms, viewers: 0 });
    // The refusal changed nothing: the same connection may join a show the studio has opened.
    const opener = await TestSignalClient.connect(sfu);
    await opener.requests.request({ type: 'join', show: 'opened-show', role: 'host', hostToken: TOKEN });
    expect((await viewer.requests.request({ type: 'join', show: 'opened-show', role: 'viewer' })).room.show).toBe('opened-show');
    viewer.close();
    opener.close();
  });

  it('tells a viewer who comes after the studio opened the show but before it is live that it has not started, then that it is live', async () => {
    const opener = await TestSignalClient.connect(sfu);
    await opener.requests.request({ type: 'join', show: 'early-bird', role: 'host', hostToken: TOKEN });
    const viewer = await TestSignalClient.connect(sfu);
    const before = Date.now();
    const { room } = await viewer.requests.request({ type: 'join', show: 'early-bird', role: 'viewer' });
    const { serverTime, ...rest } = room;
    expect(rest).toEqual({ show: 'early-bird', live: false, ended: false, viewerCount: 1, pin: null, producers: [], sell: EMPTY_SELL_STATE, chat: [], chatPinned: null });
    // The SFU's clock (the same machine here): viewers count deals down on it.
    expect(serverTime).toBeGreaterThanOrEqual(before);
    expect(serverTime).toBeLessThanOrEqual(Date.now());

    const { host, videoProducerId } = await joinAsProducingHost(sfu, 'early-bird', TOKEN);
    expect(await viewer.waitForPush('liveChanged')).toEqual({ type: 'liveChanged', live: true });
    const announced = viewer.pushes('newProducer').map((p) => p.kind);
    expect(announced.sort()).toEqual(['audio', 'video']);
    expect(viewer.pushes('newProducer').find((p) => p.kind === 'video')?.producerId).toBe(videoProducerId);
    for (const c of [host, opener, viewer]) c.close();
  });

  it('gives a late joiner the current pin, the viewer count and the feeds at once', async () => {
    const { host } = await joinAsProducingHost(sfu, 'late-joiner', TOKEN);
    await host.requests.request({ type: 'setPin', card: sampleCard });
    const first = await TestSignalClient.connect(sfu);
    await first.requests.request({ type: 'join', show: 'late-joiner', role: 'viewer' });

    const late = await TestSignalClient.connect(sfu);
    const { room } = await late.requests.request({ type: 'join', show: 'late-joiner', role: 'viewer' });
    expect(room.live).toBe(true);
    expect(room.viewerCount).toBe(2);
    expect(room.producers.map((p) => p.kind).sort()).toEqual(['audio', 'video']);
    expect(room.pin).toEqual({ ...sampleCard, deal: null });

    // Everyone (host included) hears the count settle at 2, coalesced.
    await host.waitFor((m) => m.type === 'viewerCount' && m.count === 2);
    await first.waitFor((m) => m.type === 'viewerCount' && m.count === 2);

    // Pin changes reach everyone; clearPin sends null; a later joiner sees no pin.
    await host.requests.request({ type: 'setPin', card: { ...sampleCard, stock: 0 } });
    expect((await late.waitForPush('pin')).card?.stock).toBe(0);
    await host.requests.request({ type: 'clearPin' });
    await late.waitFor((m) => m.type === 'pin' && m.card === null);
    const third = await TestSignalClient.connect(sfu);
    expect((await third.requests.request({ type: 'join', show: 'late-joiner', role: 'viewer' })).room.pin).toBeNull();
    for (const c of [host, first, late, third]) c.close();
  });

  it('creates consumers paused and resumes them on request', async () => {
    const { host, videoProducerId } = await joinAsProducingHost(sfu, 'consume-check', TOKEN);
    const viewer = await TestSignalClient.connect(sfu);
    await viewer.requests.request({ type: 'join', show: 'consume-check', role: 'viewer' });
    const { rtpCapabilities } = await viewer.requests.request({ type: 'routerRtpCapabilities' });
    const transport = await viewer.requests.request({ type: 'createTransport', direction: 'recv' });
    expect(transport.iceCandidates.map((c) => c.protocol).sort()).toEqual(['tcp', 'udp']);
    const restarted = await viewer.requests.request({ type: 'restartIce', transportId: transport.transportId });
    expect(restarted.iceParameters.usernameFragment).not.toBe(transport.iceParameters.usernameFragment);
    const consumer = await viewer.requests.request({
      type: 'consume',
      transportId: transport.transportId,
      producerId: videoProducerId,
      rtpCapabilities,
    });
    expect(consumer).toMatchObject({ producerId: videoProducerId, kind: 'video' });
    // Simulcast reaches the viewer as one stream; mediasoup picks the layer.
    expect((consumer.rtpParameters.encodings as unknown[]).length).toBe(1);
    await viewer.requests.request({ type: 'resume', consumerId: consumer.consumerId });
    const twice = await viewer.requests
      .request({ type: 'consume', transportId: transport.transportId, producerId: videoProducerId, rtpCapabilities })
      .catch((e: { code: string }) => e.code);
    expect(twice).toBe('conflict');
    const unknown = await viewer.requests.request({ type: 'resume', consumerId: 'nope' }).catch((e: { code: string }) => e.code);
    expect(unknown).toBe('not-found');
    const foreign = await viewer.requests
      .request({ type: 'consume', transportId: transport.transportId, producerId: 'someone-else', rtpCapabilities })
      .catch((e: { code: string }) => e.code);
    expect(foreign).toBe('not-found');

    // The host closing the video feed reaches the viewer.
    await host.requests.request({ type: 'closeProducer', producerId: videoProducerId });
    expect(await viewer.waitForPush('producerClosed')).toEqual({ type: 'producerClosed', producerId: videoProducerId });
    host.close();
    viewer.close();
  });

  it('ends the show for viewers when the host leaves, and remembers it for late joiners', async () => {
    const { host } = await joinAsProducingHost(sfu, 'finale', TOKEN);
    await host.requests.request({ type: 'setPin', card: sampleCard });
    const viewer = await TestSignalClient.connect(sfu);
    await viewer.requests.request({ type: 'join', show: 'finale', role: 'viewer' });
    await host.requests.request({ type: 'leave' });
    expect(await viewer.waitForPush('showEnded')).toEqual({ type: 'showEnded', reason: 'host-ended' });
    await viewer.waitFor((m) => m.type === 'liveChanged' && !m.live);
    const late = await TestSignalClient.connect(sfu);
    const { room } = await late.requests.request({ type: 'join', show: 'finale', role: 'viewer' });
    expect(room).toMatchObject({ live: false, ended: true, pin: null, producers: [] });
    host.close();
    viewer.close();
    late.close();
  });

  it('keeps the show open when the host only drops (network), and lets a reconnected publisher take over', async () => {
    const first = await joinAsProducingHost(sfu, 'flaky-wifi', TOKEN);
    const viewer = await TestSignalClient.connect(sfu);
    await viewer.requests.request({ type: 'join', show: 'flaky-wifi', role: 'viewer' });
    // The studio reconnects before the server noticed the old socket died: the new feeds replace the old.
    const second = await joinAsProducingHost(sfu, 'flaky-wifi', TOKEN);
    await viewer.waitFor((m) => m.type === 'producerClosed' && m.producerId === first.videoProducerId);
    await viewer.waitFor((m) => m.type === 'newProducer' && m.producerId === second.videoProducerId);
    const late = await TestSignalClient.connect(sfu);
    const { room } = await late.requests.request({ type: 'join', show: 'flaky-wifi', role: 'viewer' });
    expect(room.producers.map((p) => p.producerId).sort()).toEqual([second.audioProducerId, second.videoProducerId].sort());
    first.host.close();
    second.host.close();
    await viewer.waitFor((m) => m.type === 'liveChanged' && !m.live);
    expect(viewer.pushes('showEnded')).toHaveLength(0);
    viewer.close();
    late.close();
  });

  it('lets a studio pin from one host connection while it publishes from another, up to a limit', async () => {
    const publisher = await joinAsProducingHost(sfu, 'two-sockets', TOKEN);
    const pinner = await TestSignalClient.connect(sfu);
    await pinner.requests.request({ type: 'join', show: 'two-sockets', role: 'host', hostToken: TOKEN });
    const viewer = await TestSignalClient.connect(sfu);
    await viewer.requests.request({ type: 'join', show: 'two-sockets', role: 'viewer' });
    await pinner.requests.request({ type: 'setPin', card: sampleCard });
    expect((await viewer.waitForPush('pin')).card?.productId).toBe(sampleCard.productId);
    // Both host connections hear the viewer count.
    await publisher.host.waitFor((m) => m.type === 'viewerCount' && m.count === 1);
    await pinner.waitFor((m) => m.type === 'viewerCount' && m.count === 1);

    // Past four host connections the oldest (the publisher) is closed; its feeds go with it.
    const extra = await Promise.all([1, 2, 3].map(() => TestSignalClient.connect(sfu)));
    for (const c of extra) await c.requests.request({ type: 'join', show: 'two-sockets', role: 'host', hostToken: TOKEN });
    expect((await publisher.host.closed).code).toBe(4409);
    await viewer.waitFor((m) => m.type === 'liveChanged' && !m.live);
    expect(viewer.pushes('showEnded')).toHaveLength(0);
    for (const c of [pinner, viewer, ...extra]) c.close();
  });
  it('moves a deal from the host clock onto its own before anyone sees it', async () => {
    const { host } = await joinAsProducingHost(sfu, 'flash-deal', TOKEN);
    const viewer = await TestSignalClient.connect(sfu);
    await viewer.requests.request({ type: 'join', show: 'flash-deal', role: 'viewer' });
    // The studio's clock is two hours ahead; its deal started 10 s ago and runs another 50 s.
    const skew = 2 * 3_600_000;
    const hostNow = Date.now() + skew;
    const deal = { price: '39.00', startedAt: hostNow - 10_000, endsAt: hostNow + 50_000 };
    const sentAt = Date.now();
    const { pin } = await host.requests.request({ type: 'setPin', card: { ...sampleCard, deal }, hostNow });
    const answeredAt = Date.now();
    // On the SFU's clock the deal ends ~50 s after it was received, whatever the host's clock said.
    expect(pin.deal!.price).toBe('39.00');
    expect(pin.deal!.endsAt - pin.deal!.startedAt).toBe(60_000);
    expect(pin.deal!.endsAt).toBeGreaterThanOrEqual(sentAt + 50_000);
    expect(pin.deal!.endsAt).toBeLessThanOrEqual(answeredAt + 50_000);

    const push = await viewer.waitForPush('pin');
    expect(push.card).toEqual(pin);
    expect(push.card!.deal!.endsAt - push.serverTime).toBeGreaterThan(49_000);
    expect(push.card!.deal!.endsAt - push.serverTime).toBeLessThanOrEqual(50_000);
    const late = await TestSignalClient.connect(sfu);
    const { room } = await late.requests.request({ type: 'join', show: 'flash-deal', role: 'viewer' });
    expect(room.pin).toEqual(pin);
    expect(room.pin!.deal!.endsAt - room.serverTime).toBeGreaterThan(49_000);

    // Without hostNow (an older studio) the card is stored as sent.
    await host.requests.request({ type: 'setPin', card: { ...sampleCard, deal } });
    expect((await late.waitForPush('pin')).card!.deal).toEqual(deal);
    for (const c of [host, viewer, late]) c.close();
  });
});

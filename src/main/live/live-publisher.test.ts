/**
 * One publisher per show through the whole studio core: the dispatcher,
 * main's publisher rule, the built-in SFU with a real mediasoup worker and
 * publishers speaking the protocol like the studio's PublishClient.
 */
import { describe, expect, it } from 'vitest';
import type { CallContext } from '../api/dispatcher.js';
import type { Result } from '../../shared/api/result.js';
import type { AirState, PinState, PublisherClaim, PublisherState, PublishTicket } from '../../shared/domain/live.js';
import { SignalCloseCode } from '../../shared/sfu/protocol-constants.js';
import { connect } from '../../../tests/harness/control-client.js';
import { joinAsProducingHost } from '../../../tests/harness/signal-client.js';
import { liveTestHarness } from '../../../tests/support/live-world.js';
import { until, type TestStudio } from '../../../tests/harness/test-studio.js';

const { studio, viewerOf } = liveTestHarness();

const desktop = { transport: 'ipc', clientId: 'window-1' } as CallContext;
const browser = { transport: 'control', clientId: 'control-7', role: 'host' } as CallContext;

async function callAs<T>(s: TestStudio, context: CallContext, channel: string, input?: unknown): Promise<Result<T>> {
  return (await s.core.dispatch(channel, input, context)) as Result<T>;
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('one publisher per show', () => {
  it('refuses a second Go live unless it takes over; the first window is told at once and its media is cut off', async () => {
    const s = await studio();
    const server = s.core.live.status().signalUrl!;
    const sfu = { signalUrl: server };
    const a = value(await callAs<PublisherClaim>(s, desktop, 'studio:live:claim-publishing', { takeOver: false }));
    const ticketA = value(await callAs<PublishTicket>(s, desktop, 'studio:live:publish-ticket', { publisherId: a.publisherId }));
    const publisherA = await joinAsProducingHost(sfu as never, ticketA.room, ticketA.hostToken);
    await s.waitForStatus((st) => st.live, 'window A on air');

    // Window B pressing Go live is refused, naming who is live; A keeps the show.
    const refused = await callAs(s, browser, 'studio:live:claim-publishing', { takeOver: false });
    expect(refused).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'The show is live from the desktop window. Take over to publish from here instead.' },
    });
    expect((await callAs(s, browser, 'studio:live:publish-ticket')).ok).toBe(false);
    expect(value(await callAs<PublisherState>(s, browser, 'studio:live:publisher')).current?.publisherId).toBe(a.publisherId);

    // B takes over: every window hears it at once (A stops on this), and B gets a ticket.
    const before = s.events.length;
    const b = value(await callAs<PublisherClaim>(s, browser, 'studio:live:claim-publishing', { takeOver: true }));
    const told = s.events.slice(before).find((e) => e.channel === 'studio:event:publisher-changed')?.payload as PublisherState;
    expect(told.current).toMatchObject({ publisherId: b.publisherId, where: 'a browser' });
    expect(told.lastTakeOver).toMatchObject({ from: a.publisherId, by: 'a browser', at: expect.any(Number) });
    const ticketB = value(await callAs<PublishTicket>(s, browser, 'studio:live:publish-ticket', { publisherId: b.publisherId }));

    // The SFU closed A's connection (a window that missed the news cannot keep sending), and A gets no new ticket.
    expect(await publisherA.host.closed).toMatchObject({ code: SignalCloseCode.publisherReplaced });
    expect(await callAs(s, desktop, 'studio:live:publish-ticket', { publisherId: a.publisherId })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const publisherB = await joinAsProducingHost(sfu as never, ticketB.room, ticketB.hostToken);
    await s.waitForStatus((st) => st.live, 'window B on air');

    // B stops: nobody publishes, and anyone may go live again without taking over.
    value(await callAs(s, browser, 'studio:live:release-publishing', { publisherId: b.publisherId }));
    expect(value(await callAs<PublisherState>(s, desktop, 'studio:live:publisher')).current).toBeNull();
    expect((await callAs(s, desktop, 'studio:live:claim-publishing', {})).ok).toBe(true);
    publisherB.host.close();
  });

  it('a producer console that publishes and closes lets go of the show, named by its address', async () => {
    const s = await studio();
    const { port, token } = s.core.controlServer.status();
    const browserTab = await connect(port);
    browserTab.send({ type: 'auth', token });
    await browserTab.next((f) => f.type === 'auth-ok');
    const claim = await browserTab.request('studio:live:claim-publishing', { takeOver: false });
    expect(claim).toMatchObject({ ok: true, value: { state: { current: { where: 'a browser on this computer' } } } });
    expect((await callAs(s, desktop, 'studio:live:claim-publishing', {})).ok).toBe(false);

    // The tab closes without a word (crashed, or the laptop lid): the desktop may go live without taking over.
    browserTab.ws.terminate();
    await browserTab.closed;
    await until(() => s.core.live.publisher().current, (current) => current === null, 'the show let go');
    expect((await callAs(s, desktop, 'studio:live:claim-publishing', {})).ok).toBe(true);
  });
});

describe('where the show stands, the same for every window', () => {
  const airEvents = (s: TestStudio) => s.events.filter((e) => e.channel === 'studio:event:air-state-changed').map((e) => e.payload as AirState);

  it('live with the SFU viewer count, paused by Stop; End show ends it for everyone, takes the card down and ends its deal', async () => {
    const s = await studio();
    const sfu = { signalUrl: s.core.live.status().signalUrl! };
    const [dress] = s.addProducts({ title: 'Linen wrap dress', variants: [{ price: '59.00', stock: 5 }] });
    expect(value(await callAs<AirState>(s, browser, 'studio:live:air-state'))).toMatchObject({ phase: 'offline', since: null, viewers: 0 });

    const claim = value(await callAs<PublisherClaim>(s, desktop, 'studio:live:claim-publishing', {}));
    const ticket = value(await callAs<PublishTicket>(s, desktop, 'studio:live:publish-ticket', { publisherId: claim.publisherId }));
    const first = await joinAsProducingHost(sfu, ticket.room, ticket.hostToken);
    await viewerOf(s);
    const live = (await until(() => airEvents(s).at(-1), (a) => a?.phase === 'live' && a.viewers === 1, 'live with one viewer'))!;
    expect(live).toMatchObject({ where: 'the desktop window', since: expect.any(Number) });
    // A producer's console asks and gets the same.
    expect(value(await callAs<AirState>(s, browser, 'studio:live:air-state'))).toMatchObject({ phase: 'live', viewers: 1, since: live.since });

    // Stop: the feed closes, the window lets go (without "ended"): paused.
    await first.host.requests.request({ type: 'closeProducer', producerId: first.videoProducerId });
    await first.host.requests.request({ type: 'closeProducer', producerId: first.audioProducerId });
    value(await callAs(s, desktop, 'studio:live:release-publishing', { publisherId: claim.publisherId }));
    await until(() => s.core.live.airState().phase, (p) => p === 'paused', 'paused');
    first.host.close();

    // Resume with a card and a flash deal on it, then End show.
    const pinned = await s.call<PinState>('studio:live:pin', { productId: dress!.productId });
    await s.call('studio:selling:start-deal', { price: '49.00', durationSeconds: 600 });
    expect(s.core.deals.dealAt(pinned.current!.id, Date.now())).not.toBeNull();
    const again = value(await callAs<PublisherClaim>(s, desktop, 'studio:live:claim-publishing', {}));
    const ticket2 = value(await callAs<PublishTicket>(s, desktop, 'studio:live:publish-ticket', { publisherId: again.publisherId }));
    const second = await joinAsProducingHost(sfu, ticket2.room, ticket2.hostToken);
    await until(() => s.core.live.airState().phase, (p) => p === 'live', 'live again');
    await second.host.requests.request({ type: 'leave' });
    value(await callAs(s, desktop, 'studio:live:release-publishing', { publisherId: again.publisherId, ended: true }));
    const ended = (await until(() => airEvents(s).at(-1), (a) => a?.phase === 'ended', 'ended'))!;
    expect(ended.where).toBe('the desktop window');
    const pin = await until(() => s.core.pins.state(), (p) => p.current === null, 'the card down');
    expect(pin.deal).toBeNull();
    const history = await s.call<{ card: { title: string }; unpinnedAt: number | null }[]>('studio:live:pin-history');
    expect(history[0]).toMatchObject({ card: { title: 'Linen wrap dress' }, unpinnedAt: expect.any(Number) });
    // The deal ended with the card (a claim from now on pays the regular price, and there is no card to claim from).
    expect(s.core.deals.dealAt(pinned.current!.id, Date.now())).toBeNull();
    second.host.close();
  });

  it('a release that is not the holder\'s ends nothing', async () => {
    const s = await studio();
    const claim = value(await callAs<PublisherClaim>(s, desktop, 'studio:live:claim-publishing', {}));
    value(await callAs(s, browser, 'studio:live:release-publishing', { publisherId: 'someone-else', ended: true }));
    value(await callAs(s, desktop, 'studio:live:release-publishing', { publisherId: claim.publisherId }));
    expect(s.core.live.airState().phase).toBe('offline');
    expect(airEvents(s).map((a) => a.phase)).not.toContain('ended');
    expect(value(await callAs<PinState>(s, desktop, 'studio:live:pin-state')).current).toBeNull();
  });
});

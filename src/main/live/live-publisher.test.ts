/**
 * One publisher per show through the whole studio core: the dispatcher,
 * main's publisher rule, the built-in SFU with a real mediasoup worker and
 * publishers speaking the protocol like the studio's PublishClient.
 */
import { describe, expect, it } from 'vitest';
import type { CallContext } from '../api/dispatcher.js';
import type { Result } from '../../shared/api/result.js';
import type { PublisherClaim, PublisherState, PublishTicket } from '../../shared/domain/live.js';
import { SignalCloseCode } from '../../shared/sfu/protocol-constants.js';
import { connect } from '../../../tests/harness/control-client.js';
import { joinAsProducingHost } from '../../../tests/harness/signal-client.js';
import { liveTestHarness } from '../../../tests/support/live-world.js';
import { until, type TestStudio } from '../../../tests/harness/test-studio.js';

const { studio } = liveTestHarness();

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

/**
 * The egress service through the whole studio core against a real SFU
 * (its mediasoup worker and its egress engine): the show going live starts
 * the enabled destinations, the host stops, starts and reconnects one
 * without touching the others, End show stops them all, and an SFU that
 * restarts gets them back. Publishers speak the protocol with fake media
 * (tests/harness/signal-client.ts), so destinations wait for a picture and
 * never reach a platform: what is checked is what the SFU runs, and that no
 * key ever reaches a window.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Destination, EgressOverview } from '../../shared/domain/destinations.js';
import type { PublisherClaim, PublishTicket } from '../../shared/domain/live.js';
import type { EgressStatus } from '../../shared/sfu/protocol-egress.js';
import { startSfuServer, type SfuServer } from '../../sfu/index.js';
import { joinAsProducingHost, type TestSignalClient } from '../../../tests/harness/signal-client.js';
import { startTestStudio, until, type TestStudio } from '../../../tests/harness/test-studio.js';
import { tempDir } from '../../../tests/support/temp-dir.js';

const SECRET = 'remote-sfu-secret-egress-0123456789';
const KEYS = { a: 'key-aaaa-1111-secret', b: 'key-bbbb-2222-secret', c: 'key-cccc-3333-secret' };

const studios: TestStudio[] = [];
const servers: SfuServer[] = [];
const clients: TestSignalClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const s of studios.splice(0)) await s.close();
  for (const server of servers.splice(0)) await server.close();
});

async function studio(): Promise<TestStudio> {
  const s = await startTestStudio(tempDir());
  studios.push(s);
  await s.waitForStatus((st) => st.state === 'connected', 'the built-in SFU');
  return s;
}

async function remoteSfu(port = 0): Promise<SfuServer> {
  const server = await startSfuServer({ port, workers: 1, logLevel: 'silent', defaultHostToken: SECRET });
  servers.push(server);
  return server;
}

/** Three destinations: A and B go live with the show, C is not ticked. Nothing listens at their addresses. */
async function threeDestinations(s: TestStudio): Promise<{ a: Destination; b: Destination; c: Destination }> {
  const make = (name: string, streamKey: string, enabled: boolean) =>
    s.call<Destination>('studio:destinations:create', { name, platform: 'custom', serverUrl: 'rtmp://127.0.0.1:9/live', streamKey, enabled });
  return { a: await make('Shop A', KEYS.a, true), b: await make('Shop B', KEYS.b, true), c: await make('Shop C', KEYS.c, false) };
}

/** Goes live as the studio's publishing window does: claim, ticket, join and produce (fake media). */
interface OnAir {
  readonly publisherId: string;
  readonly host: TestSignalClient;
  readonly producers: readonly string[];
}

async function goLive(s: TestStudio): Promise<OnAir> {
  const claim = await s.call<PublisherClaim>('studio:live:claim-publishing', {});
  const ticket = await s.call<PublishTicket>('studio:live:publish-ticket', { publisherId: claim.publisherId });
  const { host, videoProducerId, audioProducerId } = await joinAsProducingHost({ signalUrl: ticket.signalUrl }, ticket.room, ticket.hostToken);
  clients.push(host);
  await until(() => s.core.live.airState().phase, (p) => p === 'live', 'on air');
  return { publisherId: claim.publisherId, host, producers: [videoProducerId, audioProducerId] };
}

/** Stop (a pause), as the publishing window does it: the feeds close, the window lets go without "ended". */
async function pause(s: TestStudio, show: OnAir): Promise<void> {
  for (const producerId of show.producers) await show.host.requests.request({ type: 'closeProducer', producerId });
  await s.call('studio:live:release-publishing', { publisherId: show.publisherId });
  await until(() => s.core.live.airState().phase, (p) => p === 'paused', 'paused');
  show.host.close();
}

/** End show, as the publishing window does it: `leave` on the SFU, then the release that says the show ended. */
async function endShow(s: TestStudio, show: OnAir): Promise<void> {
  await show.host.requests.request({ type: 'leave' });
  await s.call('studio:live:release-publishing', { publisherId: show.publisherId, ended: true });
  await until(() => s.core.live.airState().phase, (p) => p === 'ended', 'the show ended');
}

const stateOf = (overview: EgressOverview, d: Destination) => overview.destinations.find((row) => row.id === d.id)?.state;
/** What the SFU runs, by name, as its own list says (states other than stopped). */
const runningOn = (status: EgressStatus) => status.destinations.filter((d) => d.state !== 'stopped').map((d) => d.name).sort();
const sfuList = (s: TestStudio) => () => s.core.live.egress({ type: 'egressList' });

/** Asks until the answer passes (the SFU acts on requests and pushes as they come). */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function expectNoKeyIn(s: TestStudio): void {
  const heard = JSON.stringify(s.events);
  for (const key of Object.values(KEYS)) expect(heard.includes(key), 'an event carries a stream key').toBe(false);
}

describe('multistream over main’s link', () => {
  it('starts the ticked destinations when the show goes live; Stop, Start and Reconnect now touch one only; End show stops them all', async () => {
    const s = await studio();
    const { a, b, c } = await threeDestinations(s);
    expect((await sfuList(s)()).destinations).toEqual([]);

    const show = await goLive(s);
    await eventually(sfuList(s), (list) => runningOn(list).join() === 'Shop A,Shop B', 'A and B started on the SFU');
    let overview = s.core.egress.overview();
    expect(overview.showRunning).toBe(true);
    expect(stateOf(overview, a)).not.toBe('off');
    expect(stateOf(overview, c)).toBe('off');

    // Stop B: A goes on.
    overview = await s.call<EgressOverview>('studio:egress:stop', { id: b.id });
    expect(stateOf(overview, b)).toBe('stopped');
    await eventually(sfuList(s), (list) => runningOn(list).join() === 'Shop A', 'B stopped, A still running');
    // Start C, which was not ticked for the show; Reconnect now on A; B stays stopped.
    const answers: unknown[] = [overview];
    answers.push(await s.call('studio:egress:start', { id: c.id }));
    answers.push(await s.call('studio:egress:reconnect', { id: a.id }));
    await eventually(sfuList(s), (list) => runningOn(list).join() === 'Shop A,Shop C', 'C started');
    await until(() => stateOf(s.core.egress.overview(), b), (state) => state === 'stopped', 'B shown stopped');

    // A rename while running: the SFU runs it under its new name.
    answers.push(await s.call('studio:destinations:update', { id: a.id, name: 'Shop A (main)' }));
    await eventually(sfuList(s), (list) => runningOn(list).join() === 'Shop A (main),Shop C', 'A renamed on the SFU');

    // A pause (Stop in the studio) leaves them running for when the show resumes.
    await pause(s, show);
    expect(runningOn(await sfuList(s)())).toEqual(['Shop A (main)', 'Shop C']);
    expect(s.core.egress.overview().showRunning).toBe(true);

    // End show from the pause: every destination stops.
    const again = await goLive(s);
    await endShow(s, again);
    await eventually(sfuList(s), (list) => runningOn(list).length === 0, 'nothing running on the SFU');
    overview = s.core.egress.overview();
    expect(overview.showRunning).toBe(false);
    expect(overview.destinations.every((row) => row.state === 'stopped' || row.state === 'off')).toBe(true);
    await expect(s.call('studio:egress:start', { id: a.id })).rejects.toMatchObject({ code: 'conflict' });
    answers.push(await s.call('studio:egress:get'), await s.call('studio:destinations:list'));
    // No answer and no event any window got carries a key (only the requests to the SFU did).
    expect(JSON.stringify(answers)).not.toMatch(/key-(aaaa|bbbb|cccc)/);
    expectNoKeyIn(s);
  });

  it('each destination takes the horizontal or the vertical program: saved, sent to the SFU, and moved there while running', async () => {
    const s = await studio();
    const make = (name: string, streamKey: string, orientation?: string) =>
      s.call<Destination>('studio:destinations:create', { name, platform: 'custom', serverUrl: 'rtmp://127.0.0.1:9/live', streamKey, ...(orientation ? { orientation } : {}) });
    const wide = await make('Shop site', KEYS.a);
    const tall = await make('TikTok', KEYS.b, 'vertical');
    expect([wide.orientation, tall.orientation]).toEqual(['horizontal', 'vertical']);
    await expect(make('Square', KEYS.c, 'square')).rejects.toMatchObject({ code: 'invalid-input' });

    await goLive(s);
    const orientationsOn = (list: EgressStatus) => list.destinations.filter((d) => d.state !== 'stopped').map((d) => `${d.name} ${d.orientation}`).sort().join();
    // The studio sends no vertical feed: the vertical destination waits and says how to turn it on.
    const list = await eventually(sfuList(s), (l) => orientationsOn(l) === 'Shop site horizontal,TikTok vertical', 'both on the SFU');
    expect(list.destinations.find((d) => d.name === 'TikTok')!.reason).toMatch(/^Vertical output is off in the studio — turn it on in Settings/);
    await until(
      () => s.core.egress.overview().destinations.find((d) => d.id === tall.id),
      (row) => row?.orientation === 'vertical' && row.reason?.startsWith('Vertical output is off') === true,
      'the Stream panel row saying why',
    );

    // The host makes the shop site vertical too: it restarts on the SFU with the vertical program.
    const changed = await s.call<Destination>('studio:destinations:update', { id: wide.id, orientation: 'vertical' });
    expect(changed.orientation).toBe('vertical');
    await eventually(sfuList(s), (l) => orientationsOn(l) === 'Shop site vertical,TikTok vertical', 'the shop site moved to vertical');
    expect((await s.call<Destination[]>('studio:destinations:list')).map((d) => d.orientation)).toEqual(['vertical', 'vertical']);
    expectNoKeyIn(s);
  });

  it('a remote SFU that restarts runs nothing: once main’s link is back, the destinations that should run start again', async () => {
    const first = await remoteSfu();
    const { port } = first;
    const s = await studio();
    await s.call('studio:settings:update', { sfu: { url: `ws://127.0.0.1:${port}`, hostToken: SECRET } });
    await s.waitForStatus((st) => st.mode === 'remote' && st.state === 'connected', 'connected to the remote SFU');
    const { a, b } = await threeDestinations(s);
    await goLive(s);
    await eventually(sfuList(s), (list) => runningOn(list).join() === 'Shop A,Shop B', 'A and B on the remote SFU');
    await s.call('studio:egress:stop', { id: b.id });
    await eventually(sfuList(s), (list) => runningOn(list).join() === 'Shop A', 'B stopped');

    // The server restarts (a deploy, a crash): it forgets every destination.
    await first.close();
    servers.length = 0;
    await s.waitForStatus((st) => st.state === 'reconnecting', 'the link reconnecting');
    const second = await remoteSfu(port);
    await s.waitForStatus((st) => st.state === 'connected', 'the link back');
    // The new server's own list (asked over main's new link): A again, not B (the host stopped it).
    expect(second.port).toBe(port);
    await eventually(sfuList(s), (list) => runningOn(list).join() === 'Shop A', 'A started again');
    expect(stateOf(s.core.egress.overview(), a)).not.toBe('off');
    expect(stateOf(s.core.egress.overview(), b)).toBe('stopped');
    expectNoKeyIn(s);
  });

  it('a studio that restarts during a show on a remote SFU takes over the destinations running there, without cutting them', async () => {
    const sfu = await remoteSfu();
    const dataDir = tempDir();
    const first = await startTestStudio(dataDir);
    studios.push(first);
    await first.call('studio:settings:update', { sfu: { url: sfu.url, hostToken: SECRET } });
    await first.waitForStatus((st) => st.mode === 'remote' && st.state === 'connected', 'connected to the remote SFU');
    const { a, b, c } = await threeDestinations(first);
    await first.call('studio:destinations:update', { id: b.id, enabled: false });
    await goLive(first);
    // The host also started C by hand.
    await first.call('studio:egress:start', { id: c.id });
    await eventually(sfuList(first), (list) => runningOn(list).join() === 'Shop A,Shop C', 'A and C on the remote SFU');

    // The studio quits (or crashes) and starts again; the publishing page and the server go on.
    await first.close();
    studios.length = 0;
    const again = await startTestStudio(dataDir);
    studios.push(again);
    await again.waitForStatus((st) => st.mode === 'remote' && st.state === 'connected' && st.live, 'back on the show');
    await until(() => again.core.egress.overview(), (o) => o.showRunning, 'the show running for the studio');
    // Once the studio has looked at what the SFU runs (the show's start, the link's join) and acted on it:
    await again.core.egress.idle();
    await new Promise((r) => setImmediate(r));
    expect(runningOn(await sfuList(again)())).toEqual(['Shop A', 'Shop C']);
    // Taken over, not started again: neither went back to waiting for a new connection, and both are the studio's to stop.
    const overview = again.core.egress.overview();
    expect([stateOf(overview, a), stateOf(overview, c)]).not.toContain('off');
    await again.call('studio:egress:stop', { id: c.id });
    await eventually(sfuList(again), (list) => runningOn(list).join() === 'Shop A', 'C stopped by the restarted studio');
  });

  it('the built-in SFU runs the ffmpeg set in Settings (the one recording uses); a new one set during a show waits for its end, not cutting it', async () => {
    const s = await studio();
    const { a } = await threeDestinations(s);
    const show = await goLive(s);
    const { signalUrl } = s.core.live.status();
    await eventually(sfuList(s), (list) => runningOn(list).includes('Shop A'), 'A running');

    // Set while on air: the show, its SFU and its destinations go on as they are.
    await s.call('studio:settings:update', { ffmpegPath: '/nonexistent/lss-ffmpeg' });
    await s.core.live.ready();
    expect(s.core.live.status()).toMatchObject({ signalUrl, state: 'connected', live: true });
    expect(runningOn(await sfuList(s)())).toContain('Shop A');

    // After End show the built-in SFU starts again with it, and the next show's destinations say it is missing.
    await endShow(s, show);
    await s.waitForStatus((st) => st.state === 'connected' && st.signalUrl !== signalUrl, 'the built-in SFU again, with the new ffmpeg');
    await goLive(s);
    const overview = await until(() => s.core.egress.overview(), (o) => stateOf(o, a) === 'failed', 'A failed', 15_000);
    expect(overview.encoder).toMatchObject({ state: 'failed', reason: expect.stringContaining('/nonexistent/lss-ffmpeg') });
    expect(overview.destinations.find((row) => row.id === a.id)?.reason).toContain('ffmpeg was not found');
  });
});

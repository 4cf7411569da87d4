/**
 * A practice show through the whole studio core and its real built-in SFU:
 * simulated viewers join as real viewers, their chat reaches the chat
 * console through moderation, their claims on the pinned product happen in
 * the practice show — and never in a real show's units left, never in an
 * export, and the report says PRACTICE.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../shared/domain/chat.js';
import type { PracticeAudienceState } from '../../shared/domain/practice.js';
import type { RundownState, Show } from '../../shared/domain/rundown.js';
import type { ClaimsState, ShowReport } from '../../shared/domain/selling.js';
import type { ExportedFile } from '../../shared/api/contract/selling.js';
import type { AuctionsState } from '../../shared/domain/auctions.js';
import type { PublisherClaim, PublishTicket } from '../../shared/domain/live.js';
import { joinAsProducingHost, type TestSignalClient } from '../../../tests/harness/signal-client.js';
import { startTestStudio, until, type TestStudio } from '../../../tests/harness/test-studio.js';
import { tempDir } from '../../../tests/support/temp-dir.js';

let studio: TestStudio | null = null;
const hosts: TestSignalClient[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) host.close();
  await studio?.close();
  studio = null;
});

/** Goes live as the publishing window does (claim, ticket, join and produce fake media), then End show as it does it. */
async function goLiveThenEndShow(s: TestStudio): Promise<void> {
  const claim = await s.call<PublisherClaim>('studio:live:claim-publishing', {});
  const ticket = await s.call<PublishTicket>('studio:live:publish-ticket', { publisherId: claim.publisherId });
  const { host } = await joinAsProducingHost({ signalUrl: ticket.signalUrl }, ticket.room, ticket.hostToken);
  hosts.push(host);
  await until(() => s.core.live.airState().phase, (p) => p === 'live', 'on air');
  await host.requests.request({ type: 'leave' });
  await s.call('studio:live:release-publishing', { publisherId: claim.publisherId, ended: true });
  await until(() => s.core.live.airState().phase, (p) => p === 'ended', 'the show ended');
}

const LINEN = {
  sourceKey: 'linen-shirt',
  title: 'Linen Shirt',
  optionNames: ['Size'],
  variants: [
    { sku: 'LINEN-S', optionValues: ['S'], price: '35.00', stock: 5 },
    { sku: 'LINEN-M', optionValues: ['M'], price: '35.00', stock: 5 },
  ],
};

async function refusal(s: TestStudio, channel: string, input?: unknown): Promise<string> {
  return s.call(channel, input).then(
    () => 'no refusal',
    (error: Error) => error.message,
  );
}

describe('a practice show with a simulated audience, in the studio core with its real SFU', () => {
  it('viewers join the SFU and chat through moderation, claim in the practice show only; nothing reaches a real show, an export or sales', async () => {
    studio = await startTestStudio(tempDir());
    const s = studio;
    const [row] = s.addProducts(LINEN);
    const item = { kind: 'product', productId: row!.productId, variantId: null };
    const real = await s.call<Show>('studio:rundown:create-show', { name: 'Friday drop', scheduledStart: null });
    await s.call('studio:rundown:add-items', { showId: real.id, items: [item] });
    const rehearsal = await s.call<Show>('studio:rundown:create-show', { name: 'Dress rehearsal', scheduledStart: null, practice: true });
    expect(rehearsal.practice).toBe(true);
    await s.call('studio:rundown:add-items', { showId: rehearsal.id, items: [item] });
    await s.waitForStatus((st) => st.state === 'connected', 'the SFU link');

    // A real show refuses a simulated audience, in the host's words; viewers see no PRACTICE banner.
    await s.call('studio:rundown:set-active-show', { showId: real.id });
    expect(await refusal(s, 'studio:practice:start', { viewers: 3 })).toMatch(/“Friday drop” is a real show: a simulated audience joins practice shows only/);
    expect(s.core.sellBoard.current().practice).toBe(false);

    await s.call('studio:rundown:set-active-show', { showId: rehearsal.id });
    expect(s.core.sellBoard.current().practice).toBe(true);
    expect((await s.call<PracticeAudienceState>('studio:practice:get')).show).toEqual({ id: rehearsal.id, name: 'Dress rehearsal', practice: true });
    await s.call('studio:live:pin', { productId: row!.productId, variantId: null, rundownItemId: null });

    const started = await s.call<PracticeAudienceState>('studio:practice:start', {
      viewers: 8,
      messagesPerMinute: 600,
      questionPercent: 20,
      claimPercent: 60,
      bidPercent: 0,
      seed: 17,
    });
    expect(started.running).toBe(true);
    await until(() => s.core.practice.state().connected, (n) => n === 8, '8 simulated viewers joined');
    await until(() => s.core.live.status().viewerCount, (n) => n >= 8, 'the SFU counting 8 viewers');

    // Their messages come through the SFU and moderation into the chat console, claims into the practice show.
    const chat = () => s.call<{ messages: ChatMessage[] }>('studio:chat:get').then((c) => c.messages.filter((m) => m.role === 'viewer'));
    const claims = () => s.core.claims.list(rehearsal.id);
    await until(() => claims().claims.length, (n) => n >= 3, 'three practice claims');
    const said = await chat();
    expect(new Set(said.map((m) => m.name)).size).toBeGreaterThan(1);
    expect(said.every((m) => m.showId === rehearsal.id)).toBe(true);
    expect(claims().practice).toBe(true);
    expect(claims().claims.every((c) => c.showId === rehearsal.id)).toBe(true);
    // Inside the rehearsal a claim takes a unit (the host rehearses "2 left" and the waitlist)…
    const confirmed = claims().claims.filter((c) => c.status === 'confirmed').length;
    expect(claims().stock[0]!.left).toBe(10 - confirmed);

    // Dials apply live: fewer viewers leave the room.
    await s.call('studio:practice:update', { viewers: 3 });
    await until(() => s.core.practice.state().connected, (n) => n === 3, 'three viewers left');

    // …and never outside it: the real show's rundown shows the catalog's stock, and its claims are untouched.
    const realRundown = await s.call<RundownState>('studio:rundown:get', { showId: real.id });
    expect(realRundown.items[0]!.product!.stock).toBe(10);
    expect((await s.call<ClaimsState>('studio:selling:list-claims', { showId: real.id })).claims).toEqual([]);

    // No practice claim can reach an invoice; the report says PRACTICE and its money is not sales.
    expect(await refusal(s, 'studio:selling:export-claims-csv', { showId: rehearsal.id })).toMatch(
      /“Dress rehearsal” is a practice show: its claims are rehearsal, not orders, so there is nothing to export/,
    );
    expect(await refusal(s, 'studio:selling:export-claims-csv', { showId: null, all: true })).toMatch(/practice show/);
    const report = await s.call<ShowReport>('studio:selling:show-report', { showId: rehearsal.id });
    expect(report.practice).toBe(true);
    const csv = await s.call<ExportedFile>('studio:selling:export-report-csv', { showId: rehearsal.id });
    expect(csv.fileName).toMatch(/^practice-show-report-/);
    expect(csv.content.split('\r\n').slice(0, 2)).toEqual(['\uFEFFPRACTICE,A practice show (rehearsal): its claims and revenue are not sales.', 'Show,Dress rehearsal']);
    expect(csv.content).toContain('Practice revenue (not sales)');
    expect(await s.call<ShowReport>('studio:selling:show-report', { showId: real.id })).toMatchObject({ practice: false });

    // Another show opens: the audience leaves the SFU at once, and viewers lose the banner.
    await s.call('studio:rundown:set-active-show', { showId: real.id });
    expect(s.core.practice.state()).toMatchObject({ running: false, connected: 0, problem: 'The simulated audience left: another show was opened.' });
    expect(s.core.sellBoard.current().practice).toBe(false);
    await until(() => s.core.live.status().viewerCount, (n) => n === 0, 'the SFU counting no viewers');
    const last = s.events.filter((e) => e.channel === 'studio:event:practice-audience-changed').at(-1)!.payload as PracticeAudienceState;
    expect(last).toMatchObject({ running: false, show: { id: real.id, practice: false } });
  });

  it('more simulated viewers than one address may open join the built-in SFU: main gives them this run’s audience key', async () => {
    studio = await startTestStudio(tempDir());
    const s = studio;
    const show = await s.call<Show>('studio:rundown:create-show', { name: 'Big rehearsal', scheduledStart: null, practice: true });
    await s.call('studio:rundown:set-active-show', { showId: show.id });
    await s.waitForStatus((st) => st.state === 'connected', 'the SFU link');
    expect(s.core.live.audienceKey()).toMatch(/^[\w-]{20,}$/);
    // 20 connections per address is the SFU's default: 25 only fit with the key (a page on this computer has no key).
    await s.call('studio:practice:start', { viewers: 25, messagesPerMinute: 1, seed: 11 });
    await until(() => s.core.practice.state(), (st) => st.connected === 25 || st.problem !== null, 'twenty-five viewers');
    expect(s.core.practice.state()).toMatchObject({ connected: 25, problem: null });
    await s.call('studio:practice:stop');
  });

  it('turning the flag off stops the audience; End show stops it; closing the studio closes every connection', async () => {
    studio = await startTestStudio(tempDir());
    const s = studio;
    const show = await s.call<Show>('studio:rundown:create-show', { name: 'Rehearsal', scheduledStart: null, practice: true });
    await s.call('studio:rundown:set-active-show', { showId: show.id });
    await s.waitForStatus((st) => st.state === 'connected', 'the SFU link');

    await s.call('studio:practice:start', { viewers: 4, messagesPerMinute: 60, seed: 3 });
    await until(() => s.core.live.status().viewerCount, (n) => n === 4, 'four viewers');
    // An open giveaway's entrants are simulated: the show stays practice until it is drawn or cancelled.
    await s.call('studio:giveaways:start', { prize: 'A practice mug', keyword: 'MUG', buttonEntry: true, rules: '', minWatchMinutes: null });
    expect(await refusal(s, 'studio:rundown:update-show', { showId: show.id, practice: false })).toBe(
      'Draw or cancel the practice giveaway first: its entrants are simulated.',
    );
    expect(s.core.rundown.getRundown(show.id).show.practice).toBe(true);
    expect(s.core.practice.state().running).toBe(true);
    await s.call('studio:giveaways:cancel');
    await s.call('studio:rundown:update-show', { showId: show.id, practice: false });
    expect(s.core.practice.state()).toMatchObject({ running: false, connected: 0, problem: 'The simulated audience left: this show is no longer a practice show.' });
    expect(await refusal(s, 'studio:practice:start', {})).toMatch(/is a real show/);

    await s.call('studio:rundown:update-show', { showId: show.id, practice: true });
    await s.call('studio:practice:start', { viewers: 5, seed: 4 });
    await until(() => s.core.practice.state().connected, (n) => n === 5, 'five viewers');
    await goLiveThenEndShow(s);
    expect(s.core.practice.state()).toMatchObject({ running: false, connected: 0, problem: 'The show ended: the simulated audience left.' });

    // The studio closing: the audience's connections go first, while the SFU still runs.
    await s.waitForStatus((st) => st.state === 'connected', 'the SFU link again');
    await s.call('studio:practice:start', { viewers: 6, seed: 5 });
    await until(() => s.core.practice.state().connected, (n) => n === 6, 'six viewers');
    s.core.practice.close();
    expect(s.core.practice.state().connected).toBe(0);
    await until(() => s.core.live.status().viewerCount, (n) => n === 0, 'the SFU counting no viewers');
  });

  it('simulated viewers bid in a running auction through the SFU, as the watch page and chat do', async () => {
    studio = await startTestStudio(tempDir());
    const s = studio;
    const [row] = s.addProducts(LINEN);
    const show = await s.call<Show>('studio:rundown:create-show', { name: 'Auction rehearsal', scheduledStart: null, practice: true });
    await s.call('studio:rundown:set-active-show', { showId: show.id });
    await s.waitForStatus((st) => st.state === 'connected', 'the SFU link');
    await s.call('studio:live:pin', { productId: row!.productId, variantId: null, rundownItemId: null });
    await s.call('studio:practice:start', { viewers: 6, messagesPerMinute: 600, bidPercent: 100, claimPercent: 0, seed: 9 });
    await until(() => s.core.practice.state().connected, (n) => n === 6, 'six viewers');
    await s.call('studio:auctions:start', { startPrice: '10', durationSeconds: 60, mode: 'soft' });

    const auctions = () => s.call<AuctionsState>('studio:auctions:get', { showId: null });
    let state = await auctions();
    for (let tries = 0; (state.current?.bids ?? 0) < 4 && tries < 500; tries++) {
      await new Promise((r) => setTimeout(r, 20));
      state = await auctions();
    }
    expect(state.current!.bids).toBeGreaterThanOrEqual(4);
    const accepted = state.recentBids.filter((b) => b.action === 'bid');
    expect(new Set(accepted.map((b) => b.viewerName)).size).toBeGreaterThan(1);
    expect(accepted.some((b) => b.source === 'button' || b.source === 'chat')).toBe(true);
    // Proxy bids for a maximum count as bids too: the audience sent some, not necessarily every one.
    expect(s.core.practice.state().sent.bids).toBeGreaterThan(0);
    // Simulated bidders lead: the show cannot turn real (they could win a real show's auction).
    expect(await refusal(s, 'studio:rundown:update-show', { showId: show.id, practice: false })).toBe(
      'Finish or cancel the practice auction first: its bidders are simulated.',
    );
    expect(s.core.rundown.getRundown(show.id).show.practice).toBe(true);
    // A rename is still fine.
    expect((await s.call<Show>('studio:rundown:update-show', { showId: show.id, name: 'Auction rehearsal 2' })).practice).toBe(true);
    await s.call('studio:practice:stop');
  });
});

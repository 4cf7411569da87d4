import type { Page } from '@playwright/test';
import { guestInvite, guestSeenByHost, joinBackstage, openInvite, studioLink } from './guest-pages.js';
import { freePort, startPublisherSite, startSfuProcess, type RunningSfu } from './sfu-fixtures/sfu-process.js';
import { expect, test } from './studio-fixture.js';

/**
 * The guest page (/guest/<show>#invite=<token>) in Chromium with fake
 * devices, against the real `studio sfu` process. The test plays the studio:
 * a raw host socket joined as the studio's link lists invites (SHA-256 of
 * tokens made here) and sends guestControl; a test publisher page publishes
 * the program the guest sees.
 */

const HOST_TOKEN = 'e2e-guest-token';
const SHOW = 'guest-show';
const BACKSTAGE = 'Backstage — the host can see and hear you; you’re not on air yet';
const INVITE_DEAD = 'This invite link no longer works. Ask the host for a new one.';

let sfu: RunningSfu;
let publisherSite: Awaited<ReturnType<typeof startPublisherSite>>;
test.beforeAll(async () => {
  sfu = await startSfuProcess(['--port', '0', '--listen-ip', '127.0.0.1', '--workers', '1', '--host-token', HOST_TOKEN]);
  publisherSite = await startPublisherSite();
});
test.afterAll(async () => {
  await publisherSite?.close();
  await sfu?.stop();
});

test.describe.configure({ timeout: 120_000 });

const status = (page: Page) => page.getByTestId('guest-status');
const finalMessage = (page: Page) => page.getByTestId('guest-final');

test('a guest checks their devices, joins backstage from the invite, goes on air, keeps their place on reload, and is removed', async ({ browser }) => {
  const link = await studioLink(sfu, SHOW, HOST_TOKEN);
  try {
    // The program: a publisher sends camera and mic as the show's main feed.
    const publisher = await (await browser.newContext()).newPage();
    await publisher.goto(`${publisherSite.origin}/?${new URLSearchParams({ signal: sfu.signalUrl, show: SHOW, token: HOST_TOKEN, size: '640x360' })}`);
    await publisher.waitForFunction(() => window.testPublisher.state !== 'starting', null, { timeout: 20_000 });
    expect(await publisher.evaluate(() => window.testPublisher.error ?? window.testPublisher.state)).toBe('live');

    const invite = guestInvite('inv-dana');
    expect(await link.requests.request({ type: 'guestInvites', invites: [invite.entry], hostNow: Date.now() })).toEqual({ active: 1 });

    const page = await openInvite(browser, sfu, SHOW, invite.token);
    // The token leaves the address bar at once.
    await expect.poll(() => page.url()).not.toContain(invite.token);
    expect(page.url()).toBe(`${sfu.url}/guest/${SHOW}`);
    // Step 1: the self preview plays the camera, the mic level moves, the name's rules show inline.
    await expect(page.getByTestId('device-check')).toBeVisible();
    await page.waitForFunction(() => (document.getElementById('self-preview') as HTMLVideoElement).videoWidth > 0, null, { timeout: 15_000 });
    // The first click wakes the page's audio (browsers keep it silent until then).
    await page.getByLabel('Your name').click();
    await expect.poll(() => page.getByTestId('mic-level').evaluate((m) => (m as HTMLMeterElement).value), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect(page.getByTestId('device-problem')).toBeHidden();
    await page.getByLabel('Your name').fill('   ');
    await page.getByRole('button', { name: 'Join backstage' }).click();
    await expect(page.getByTestId('name-error')).toHaveText('Type the name the host and viewers will see.');
    await page.getByLabel('Your name').fill('x'.repeat(41));
    await expect(page.getByTestId('name-error')).toHaveText('A name is 40 characters at most.');

    // Markup in a name stays text, everywhere.
    const name = 'Dana <img src=x onerror=alert(1)>';
    await joinBackstage(page, name);
    await expect(status(page)).toContainText(BACKSTAGE, { timeout: 20_000 });

    // The host sees the guest with both feeds.
    const seen = await guestSeenByHost(link, (g) => g.name === name && g.connected && g.producers.length === 2);
    expect(seen.producers.map((p) => p.kind).sort()).toEqual(['audio', 'video']);
    expect(seen.onAir).toBe(false);
    // "What viewers see": the program plays on the guest's page.
    await page.waitForFunction(() => (document.getElementById('program') as HTMLVideoElement).videoWidth > 0, null, { timeout: 20_000 });
    expect(await page.locator('img').count()).toBe(0);

    // On air, then muted and hidden by the host.
    await link.requests.request({ type: 'guestControl', guestId: seen.guestId, action: 'onAir' });
    await expect(status(page)).toContainText('You’re on air');
    await link.requests.request({ type: 'guestControl', guestId: seen.guestId, action: 'mute' });
    await expect(page.getByTestId('guest-notes')).toHaveText('The host muted your microphone');
    await link.requests.request({ type: 'guestControl', guestId: seen.guestId, action: 'hideCamera' });
    await expect(page.getByTestId('guest-notes')).toContainText('The host turned off your camera');
    await link.requests.request({ type: 'guestControl', guestId: seen.guestId, action: 'unmute' });
    await link.requests.request({ type: 'guestControl', guestId: seen.guestId, action: 'showCamera' });
    await expect(page.getByTestId('guest-notes')).toHaveText('');

    // The guest's own mic toggle.
    await page.getByRole('button', { name: 'Mute my mic' }).click();
    await expect(page.getByRole('button', { name: 'Unmute my mic' })).toHaveAttribute('aria-pressed', 'true');

    // A reload is the same guest (the token kept for this tab, the key and the name in storage).
    await page.reload();
    await expect(page.getByLabel('Your name')).toHaveValue(name);
    await page.getByRole('button', { name: 'Join backstage' }).click();
    await expect(status(page)).toContainText('You’re on air', { timeout: 20_000 });
    // Still one guest, the same id, on air, with the new page's feeds.
    await expect
      .poll(() => {
        const guests = link.pushes('guests').at(-1)?.guests ?? [];
        return guests.map((g) => ({ id: g.guestId, onAir: g.onAir, connected: g.connected, feeds: g.producers.length }));
      })
      .toEqual([{ id: seen.guestId, onAir: true, connected: true, feeds: 2 }]);

    // The host removes the guest: the page says so and stops.
    await link.requests.request({ type: 'guestControl', guestId: seen.guestId, action: 'remove' });
    await expect(finalMessage(page)).toHaveText('The host removed you from the show.');
    await expect(page.getByTestId('guest-status')).toBeHidden();
    await expect.poll(() => link.pushes('guests').at(-1)?.guests.some((g) => g.guestId === seen.guestId)).toBe(false);
  } finally {
    link.close();
  }
});

test('a bad or withdrawn invite says so plainly and does not knock again; the page may use the camera, the watch page may not', async ({ browser }) => {
  const show = 'guest-show-2';
  const link = await studioLink(sfu, show, HOST_TOKEN);
  try {
    // A token the studio never listed.
    const stranger = await openInvite(browser, sfu, show, 'N'.repeat(43));
    await joinBackstage(stranger, 'Eve');
    await expect(finalMessage(stranger)).toHaveText(INVITE_DEAD);
    // Forgotten for this tab: a reload does not try it again.
    await stranger.reload();
    await expect(finalMessage(stranger)).toContainText('This invite link is not complete.');

    // A listed invite the host withdrew (the next list leaves it out).
    const withdrawn = guestInvite('inv-withdrawn');
    await link.requests.request({ type: 'guestInvites', invites: [withdrawn.entry], hostNow: Date.now() });
    await link.requests.request({ type: 'guestInvites', invites: [], hostNow: Date.now() });
    const late = await openInvite(browser, sfu, show, withdrawn.token);
    await joinBackstage(late, 'Finn');
    await expect(finalMessage(late)).toHaveText(INVITE_DEAD);

    // A link cut short when copying never reaches the device check.
    const cut = await openInvite(browser, sfu, show, withdrawn.token.slice(0, 12));
    await expect(finalMessage(cut)).toContainText('This invite link is not complete.');
    await expect(cut.getByTestId('device-check')).toBeHidden();

    const guestPage = await fetch(`${sfu.url}/guest/${show}`);
    expect(guestPage.headers.get('permissions-policy')).toContain('camera=(self)');
    expect(guestPage.headers.get('permissions-policy')).toContain('microphone=(self)');
    expect(guestPage.headers.get('content-security-policy')).toContain("script-src 'self'");
    const watchPage = await fetch(`${sfu.url}/watch/${show}`);
    expect(watchPage.headers.get('permissions-policy')).toContain('camera=()');
    expect((await fetch(`${sfu.url}/guest/..%2Fetc`)).status).toBe(404);
  } finally {
    link.close();
  }
});

test('a guest who opens the link before the show is told to wait, joins by themselves once the host opens it, and leaves', async ({ browser }) => {
  const show = 'guest-show-3';
  const invite = guestInvite('inv-ari');
  const page = await openInvite(browser, sfu, show, invite.token);
  await joinBackstage(page, 'Ari');
  await expect(status(page)).toContainText('The show hasn’t opened yet — you’ll join as soon as the host opens it', { timeout: 20_000 });
  // The studio opens the show, then lists its invites (showOpened reaches the page before the list: the page asks again).
  const link = await studioLink(sfu, show, HOST_TOKEN);
  try {
    await link.requests.request({ type: 'guestInvites', invites: [invite.entry], hostNow: Date.now() });
    await expect(status(page)).toContainText(BACKSTAGE, { timeout: 20_000 });
    const ari = await guestSeenByHost(link, (g) => g.name === 'Ari' && g.connected && g.producers.length === 2);
    // Leave: the page says goodbye and the host's list no longer holds the guest (a guest who leaves is forgotten at once).
    const before = new Set<unknown>(link.pushes('guests'));
    await page.getByRole('button', { name: 'Leave' }).click();
    await expect(finalMessage(page)).toContainText('You left the show.');
    await link.waitFor((m) => m.type === 'guests' && !before.has(m) && m.guests.every((g) => g.guestId !== ari.guestId));
  } finally {
    link.close();
  }
});

test('a guest whose connection drops (the SFU crashed and came back) reconnects by themselves as the same guest', async ({ browser }) => {
  const show = 'guest-show-4';
  const port = await freePort();
  const args = ['--port', String(port), '--listen-ip', '127.0.0.1', '--workers', '1', '--host-token', HOST_TOKEN];
  let server = await startSfuProcess(args);
  let link = await studioLink(server, show, HOST_TOKEN);
  try {
    const invite = guestInvite('inv-bo');
    await link.requests.request({ type: 'guestInvites', invites: [invite.entry], hostNow: Date.now() });
    const page = await openInvite(browser, server, show, invite.token);
    await joinBackstage(page, 'Bo');
    await expect(status(page)).toContainText(BACKSTAGE, { timeout: 20_000 });
    const bo = await guestSeenByHost(link, (g) => g.name === 'Bo' && g.connected && g.producers.length === 2);

    await server.crash();
    link.close();
    await expect(status(page)).toContainText('Reconnecting…');
    // The SFU is back on the same address; the studio rejoins and lists its invites again.
    server = await startSfuProcess(args);
    link = await studioLink(server, show, HOST_TOKEN);
    await link.requests.request({ type: 'guestInvites', invites: [invite.entry], hostNow: Date.now() });
    await expect(status(page)).toContainText(BACKSTAGE, { timeout: 30_000 });
    await guestSeenByHost(link, (g) => g.guestId === bo.guestId && g.connected && g.producers.length === 2);
  } finally {
    link.close();
    await server.stop();
  }
});

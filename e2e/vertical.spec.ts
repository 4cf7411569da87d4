import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { isNear, isWhite, takeWithSpace, pressSceneKey, type Rgb } from './compositor-pages.js';
import { openTestGuest, startGuestSite } from './guest-media-pages.js';
import { expectPicturePlaying, getReadyToGoLive, livePill, openViewer, viewerUrlOf } from './go-live-pages.js';
import { TestSignalClient } from '../tests/harness/signal-client.js';
import type { VerticalOutput } from '../src/renderer/compositor/vertical-output.js';
import type { MediaFeed } from '../src/shared/sfu/protocol.js';
import { expect, startStudio, test } from './studio-fixture.js';

/**
 * Vertical output against the real studio (`studio web`, demo catalog,
 * built-in SFU), fake camera and mic in headless Chromium: Settings turns
 * it on, the 9:16 monitor shows the output canvas (720x1280), the pinned
 * card is drawn on it, a linked Take switches both outputs and an unlinked
 * one only its own, and live the SFU holds a `vertical` producer beside the
 * main one; stopping the vertical feed alone leaves the 16:9 show live.
 */

test.describe.configure({ timeout: 180_000 });

/** In the vertical card's left padding near its foot (VERTICAL_CARD_RECT: x 0.05–0.57, y 0.5–0.89), with or without a picture. */
const VERTICAL_CARD_POINT = [0.06, 0.88] as const;

const MAGENTA: Rgb = [255, 0, 255];
/** "Vertical: guest stacked": the guest fills the bottom half (clear of the card and the name strip), the host the top. */
const GUEST_POINT = [0.7, 0.66] as const;
const HOST_POINT = [0.5, 0.25] as const;

const verticalCanvas = (page: Page) => page.getByTestId('vertical-monitor').locator('canvas');

function verticalPixel(page: Page, x: number, y: number): Promise<Rgb> {
  return verticalCanvas(page).evaluate(
    (canvas: HTMLCanvasElement, [fx, fy]) => {
      const data = canvas.getContext('2d')!.getImageData(Math.round(fx! * canvas.width), Math.round(fy! * canvas.height), 1, 1).data;
      return [data[0]!, data[1]!, data[2]!] as Rgb;
    },
    [x, y],
  );
}

const verticalProgram = (page: Page) => page.evaluate(() => (window as unknown as { __lssVertical: VerticalOutput }).__lssVertical.programId);
const horizontalProgram = (page: Page) => page.locator('.scene-bar .scene-program').getAttribute('data-scene');

/** The host's video producers the SFU announces to a viewer who joins now, by feed. */
async function videoOnSfu(page: Page): Promise<{ feed: MediaFeed; producerId: string }[]> {
  const sfu = await page.evaluate(() => window.studio!.getSfuStatus());
  if (!sfu.ok || !sfu.value.signalUrl) throw new Error('The built-in SFU has no address.');
  const probe = await TestSignalClient.connect({ signalUrl: sfu.value.signalUrl });
  try {
    // An ended show may refuse the join: it holds no feeds then.
    const joined = await probe.requests.request({ type: 'join', show: sfu.value.room, role: 'viewer' }).catch(() => null);
    if (!joined) return [];
    return joined.room.producers
      .filter((p) => p.kind === 'video')
      .map((p) => ({ feed: p.feed, producerId: p.producerId }))
      .sort((a, b) => a.feed.localeCompare(b.feed));
  } finally {
    probe.close();
  }
}

const videoFeedsOnSfu = async (page: Page): Promise<MediaFeed[]> => (await videoOnSfu(page)).map((p) => p.feed);

/** The studio's mediasoup worker processes (its built-in SFU's), found among its descendants. */
function mediasoupWorkers(studioPid: number): number[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,comm='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .map(([pid, ppid, comm]) => ({ pid: Number(pid), ppid: Number(ppid), comm: comm ?? '' }));
  const family = new Set([studioPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of rows) {
      if (!family.has(r.ppid) || family.has(r.pid)) continue;
      family.add(r.pid);
      grew = true;
    }
  }
  const workers = rows.filter((r) => family.has(r.pid) && r.comm.startsWith('mediasoup-work')).map((r) => r.pid);
  if (workers.length === 0) throw new Error('The studio has no mediasoup worker to stop.');
  return workers;
}

test('vertical output: Settings, the 9:16 monitor with the card, linked and unlinked Take, a vertical feed on the SFU that stops alone', async ({ browser }) => {
  const { studio, stop } = await startStudio(['--sfu-port', '0'], { demo: true });
  try {
    const host = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await host.goto(`${studio.url}&lss-test-hooks`);
    await getReadyToGoLive(host);
    // Off by default: no vertical monitor.
    await expect(host.getByTestId('vertical-monitor')).toHaveCount(0);

    await host.getByRole('button', { name: 'Settings' }).click();
    const section = host.getByTestId('vertical-output-settings');
    await section.getByLabel('Make a vertical (9:16) output').check();
    await expect(section.getByLabel('Make a vertical (9:16) output')).toBeChecked();
    await host.getByRole('button', { name: 'Close' }).click();

    // The portrait monitor is the 720x1280 output itself.
    await expect(verticalCanvas(host)).toHaveJSProperty('width', 720);
    await expect(verticalCanvas(host)).toHaveJSProperty('height', 1280);
    const box = (await verticalCanvas(host).boundingBox())!;
    expect(box.height).toBeGreaterThan(box.width * 1.5);
    await expect.poll(() => verticalProgram(host)).toBe('vertical-camera-card');
    expect(isWhite(await verticalPixel(host, ...VERTICAL_CARD_POINT))).toBe(false);

    // A pin is drawn on the vertical canvas (the same compositor code path as the 16:9 one).
    await host.getByRole('grid', { name: 'Products' }).getByRole('button', { name: /^Pin / }).first().click();
    await expect(host.getByTestId('pinned-title')).not.toBeEmpty();
    await expect.poll(() => verticalPixel(host, ...VERTICAL_CARD_POINT).then((p) => isWhite(p))).toBe(true);

    // Linked (the default): one Take switches both. "Product close-up" (F3) goes with "Vertical: product split".
    await expect(host.getByRole('checkbox', { name: 'Linked' })).toBeChecked();
    await pressSceneKey(host, 'F3');
    await takeWithSpace(host);
    await expect.poll(() => horizontalProgram(host)).toBe('close-up');
    await expect.poll(() => verticalProgram(host)).toBe('vertical-product-split');
    await expect(host.locator('[data-vertical-scene="vertical-product-split"]')).toHaveClass(/scene-program/);
    await host.screenshot({ path: test.info().outputPath('vertical-linked.png') });

    // Unlinked: the vertical output has its own preview and Take, and a 16:9 Take leaves it alone.
    await host.getByRole('checkbox', { name: 'Linked' }).uncheck();
    // Shift+F3 picks the third vertical scene, Shift+Space takes it; a click and Take vertical do the same.
    await pressSceneKey(host, 'Shift+F3');
    await expect(host.locator('[data-vertical-scene="vertical-guest-stacked"]')).toHaveAttribute('aria-pressed', 'true');
    // The 16:9 preview stays put (F3 alone would have picked "Product close-up" there).
    await expect(host.locator('.scene-bar [data-scene="close-up"]')).toHaveAttribute('aria-pressed', 'false');
    await host.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await host.keyboard.press('Shift+Space');
    await expect.poll(() => verticalProgram(host)).toBe('vertical-guest-stacked');
    await host.locator('[data-vertical-scene="vertical-camera-card"]').click();
    await expect(host.locator('[data-vertical-scene="vertical-camera-card"]')).toHaveAttribute('aria-pressed', 'true');
    await host.getByRole('button', { name: 'Take vertical' }).click();
    await expect.poll(() => verticalProgram(host)).toBe('vertical-camera-card');
    expect(await horizontalProgram(host)).toBe('close-up');
    await pressSceneKey(host, 'F1');
    await takeWithSpace(host);
    await expect.poll(() => horizontalProgram(host)).toBe('camera');
    expect(await verticalProgram(host)).toBe('vertical-camera-card');
    // Still the card on the vertical program after its own Take.
    await expect.poll(() => verticalPixel(host, ...VERTICAL_CARD_POINT).then((p) => isWhite(p))).toBe(true);

    // Live: the SFU holds the vertical producer beside the main one, and the 16:9 picture flows to a viewer.
    await host.getByRole('button', { name: 'Go live' }).click();
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    await expect(host.getByTestId('vertical-feed')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
    await expect.poll(() => videoFeedsOnSfu(host), { timeout: 15_000 }).toEqual(['main', 'vertical']);
    const viewer = await openViewer(browser, await viewerUrlOf(host));
    await expectPicturePlaying(viewer);

    // Stop vertical alone: its producer goes, the 16:9 show stays live and keeps flowing.
    await host.getByRole('button', { name: 'Stop vertical' }).click();
    await expect(host.getByTestId('vertical-feed')).toHaveAttribute('data-state', 'stopped');
    await expect.poll(() => videoFeedsOnSfu(host), { timeout: 15_000 }).toEqual(['main']);
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live');
    await expectPicturePlaying(viewer);

    // And again: Start vertical produces it on the same session.
    await host.getByRole('button', { name: 'Start vertical' }).click();
    await expect(host.getByTestId('vertical-feed')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
    await expect.poll(() => videoFeedsOnSfu(host), { timeout: 15_000 }).toEqual(['main', 'vertical']);
    await expectPicturePlaying(viewer);
    await host.screenshot({ path: test.info().outputPath('vertical-live.png') });

    // End show ends both feeds (stopped vertical or not); the next show, on a new session, sends both again.
    await host.getByRole('button', { name: 'Stop vertical' }).click();
    await expect(host.getByTestId('vertical-feed')).toHaveAttribute('data-state', 'stopped');
    const stream = host.getByRole('region', { name: 'Stream' });
    await stream.getByRole('button', { name: /^End show/ }).click();
    await expect(host.getByRole('alertdialog', { name: 'End the show for everyone?' }).getByRole('button', { name: 'End show', exact: true })).toBeFocused();
    await host.keyboard.press('Enter');
    await expect(livePill(host)).toHaveText('Show ended');
    await expect.poll(() => videoFeedsOnSfu(host), { timeout: 15_000 }).toEqual([]);
    await expect(host.getByTestId('vertical-feed')).toHaveAttribute('data-state', 'waiting');
    await host.getByRole('button', { name: 'Go live again' }).click();
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    await expect(host.getByTestId('vertical-feed')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
    await expect.poll(() => videoFeedsOnSfu(host), { timeout: 15_000 }).toEqual(['main', 'vertical']);

    // A reconnect brings both back: the SFU's media worker dies, the SFU asks the studio to rejoin, and the rejoined session sends both feeds.
    const before = (await videoOnSfu(host)).map((p) => p.producerId);
    for (const pid of mediasoupWorkers(studio.pid)) process.kill(pid, 'SIGKILL');
    // Both feeds again, as new producers (made by the rejoined session).
    await expect
      .poll(async () => (await videoOnSfu(host)).map((p) => `${p.feed}:${before.includes(p.producerId) ? 'old' : 'new'}`), { timeout: 60_000 })
      .toEqual(['main:new', 'vertical:new']);
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    await expect(host.getByTestId('vertical-feed')).toHaveAttribute('data-state', 'live');
  } finally {
    await stop();
  }
});

test.describe('a guest on the vertical output', () => {
  let site: Awaited<ReturnType<typeof startGuestSite>>;
  test.beforeAll(async () => {
    site = await startGuestSite();
  });
  test.afterAll(async () => {
    await site?.close();
  });

  test('linked, "Host + guest" takes "Vertical: guest stacked": the host on top, the guest (drawn by the same compositor code) below', async ({ browser }) => {
    const { studio, stop } = await startStudio(['--sfu-port', '0'], { demo: true });
    try {
      const host = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
      await host.goto(`${studio.url}&lss-test-hooks`);
      await host.evaluate(async () => {
        await window.studio!.updateSettings({ verticalOutput: { enabled: true, resolution: '720x1280' } });
        // An invite belongs to a show: open one.
        const show = await window.studio!.createShow({ name: 'Guest night', scheduledStart: null });
        if (!show.ok) throw new Error(show.error.message);
        await window.studio!.setActiveShow({ showId: show.value.id });
      });
      await getReadyToGoLive(host);
      await host.getByRole('button', { name: 'Go live' }).click();
      await expect(livePill(host)).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });

      const invite = await host.evaluate(() => window.studio!.createGuestInvite({ label: 'Dana', singleUse: true, expiry: '1h' }));
      if (!invite.ok) throw new Error(invite.error.message);
      const token = new URL(invite.value.invites[0]!.url).hash.replace('#invite=', '');
      const sfu = await host.evaluate(() => window.studio!.getSfuStatus());
      if (!sfu.ok || !sfu.value.signalUrl) throw new Error('no signal URL');
      const guest = await openTestGuest(browser, site.origin, { signalUrl: sfu.value.signalUrl, show: sfu.value.room, token, name: 'Dana', colour: '#ff00ff' });
      const guestId = await guest.evaluate(() => window.testGuest.guestId!);
      await expect
        .poll(async () => {
          const state = await host.evaluate(() => window.studio!.getGuests());
          return state.ok ? (state.value.guests.find((g) => g.guestId === guestId)?.producers.length ?? 0) : 0;
        }, { timeout: 20_000 })
        .toBe(2);
      expect((await host.evaluate((id) => window.studio!.controlGuest({ guestId: id, action: 'onAir' }), guestId)).ok).toBe(true);

      await host.locator('[data-scene="host-guest"]').click();
      await takeWithSpace(host);
      await expect.poll(() => verticalProgram(host)).toBe('vertical-guest-stacked');
      await expect.poll(() => verticalPixel(host, ...GUEST_POINT).then((p) => isNear(p, MAGENTA, 40)), { timeout: 20_000 }).toBe(true);
      expect(isNear(await verticalPixel(host, ...HOST_POINT), MAGENTA, 60)).toBe(false);
      await host.screenshot({ path: test.info().outputPath('vertical-guest-stacked.png') });
    } finally {
      await stop();
    }
  });
});

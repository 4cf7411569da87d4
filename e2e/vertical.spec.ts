import type { Page } from '@playwright/test';
import { isWhite, takeWithSpace, pressSceneKey, type Rgb } from './compositor-pages.js';
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

/** The host's video feeds the SFU announces to a viewer who joins now. */
async function videoFeedsOnSfu(page: Page): Promise<MediaFeed[]> {
  const sfu = await page.evaluate(() => window.studio!.getSfuStatus());
  if (!sfu.ok || !sfu.value.signalUrl) throw new Error('The built-in SFU has no address.');
  const probe = await TestSignalClient.connect({ signalUrl: sfu.value.signalUrl });
  try {
    const joined = await probe.requests.request({ type: 'join', show: sfu.value.room, role: 'viewer' });
    return joined.room.producers
      .filter((p) => p.kind === 'video')
      .map((p) => p.feed)
      .sort();
  } finally {
    probe.close();
  }
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
  } finally {
    await stop();
  }
});

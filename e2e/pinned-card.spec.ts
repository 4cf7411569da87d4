import type { Page } from '@playwright/test';
import { CARD_POINT, isWhite, outputPixel, pressSceneKey, takeWithSpace, viewerPixel, type Rgb } from './compositor-pages.js';
import { getReadyToGoLive, livePill, openViewer, viewerUrlOf } from './go-live-pages.js';
import { expect, startStudio, test } from './studio-fixture.js';

/**
 * Issue 15, item 1: a pin puts the product card on the program video
 * whatever the scene. A fresh studio (demo catalog, built-in SFU) goes live
 * on its first-run program scene, Camera, and pins a product: the card is
 * on the composed output and on the video the viewer receives. The scene's
 * menu turns it off for that scene only; another scene taken to program
 * shows it; a flash deal's badge is drawn on it.
 */

test.describe.configure({ timeout: 150_000 });

/** The flash-deal badge's red (draw-overlays.ts DEAL_BADGE, #e11d48). */
const DEAL_RED: Rgb = [225, 29, 72];

/** Whether the flash-deal badge (its red) is drawn anywhere on the card's half of the output. */
function dealBadgeDrawn(page: Page): Promise<boolean> {
  return page.evaluate((red) => {
    const canvas = (window as unknown as { __lssCompositor: { canvas: HTMLCanvasElement } }).__lssCompositor.canvas;
    // The card's half of the picture (where the badge sits depends on whether the product has a picture).
    const x0 = Math.round(0.5 * canvas.width);
    const y0 = Math.round(0.05 * canvas.height);
    const data = canvas.getContext('2d')!.getImageData(x0, y0, canvas.width - x0, Math.round(0.9 * canvas.height)).data;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i]! - red[0]) < 24 && Math.abs(data[i + 1]! - red[1]) < 24 && Math.abs(data[i + 2]! - red[2]) < 24) return true;
    }
    return false;
  }, DEAL_RED);
}

const cardOnOutput = (host: Page) => outputPixel(host, ...CARD_POINT).then((p) => isWhite(p));
const cardOnViewer = (viewer: Page) => viewerPixel(viewer, ...CARD_POINT).then((p) => isWhite(p, 40));

test('a pin shows on the video of the first-run Camera scene; the scene menu turns it off there only', async ({ browser }) => {
  const { studio, stop } = await startStudio(['--sfu-port', '0'], { demo: true });
  try {
    const host = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await host.goto(`${studio.url}&lss-test-hooks`);
    await getReadyToGoLive(host);
    await expect(host.locator('[data-scene="camera"]')).toHaveClass(/scene-program/);
    await host.getByRole('button', { name: 'Go live' }).click();
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    const viewer = await openViewer(browser, await viewerUrlOf(host));

    // Nothing pinned: the camera there, on the output and on the viewer's video.
    expect(await cardOnOutput(host)).toBe(false);

    // Pin the first demo product, on the scene a new studio starts on.
    await host.getByRole('grid', { name: 'Products' }).getByRole('button', { name: /^Pin / }).first().click();
    await expect(host.getByTestId('pinned-title')).not.toBeEmpty();
    await expect.poll(() => cardOnOutput(host), { timeout: 3_000 }).toBe(true);
    await expect.poll(() => cardOnViewer(viewer), { timeout: 10_000 }).toBe(true);
    // The rest of the frame is still the camera.
    expect(isWhite(await outputPixel(host, 0.3, 0.4))).toBe(false);
    await host.screenshot({ path: test.info().outputPath('pinned-card-camera.png') });

    // A flash deal on the pin: its badge is drawn on the video's card.
    const deal = host.getByRole('form', { name: /^Flash deal on / });
    await deal.getByRole('textbox', { name: 'Deal price' }).fill('1.00');
    await deal.getByRole('button', { name: 'Start deal' }).click();
    await expect(host.getByTestId('deal-countdown')).toBeVisible();
    await expect.poll(() => dealBadgeDrawn(host), { timeout: 10_000 }).toBe(true);

    // Camera's menu (F1 puts it into preview): "Show pinned product card" off. Camera is on air: the card leaves the video.
    await pressSceneKey(host, 'F1');
    await host.getByRole('button', { name: 'Scene options: Camera' }).click();
    const showCard = host.getByRole('menuitemcheckbox', { name: 'Show pinned product card' });
    await expect(showCard).toHaveAttribute('aria-checked', 'true');
    await showCard.click();
    await expect(showCard).toHaveAttribute('aria-checked', 'false');
    await expect.poll(() => cardOnOutput(host), { timeout: 3_000 }).toBe(false);
    await expect.poll(() => cardOnViewer(viewer), { timeout: 10_000 }).toBe(false);
    expect(await dealBadgeDrawn(host)).toBe(false);
    await host.keyboard.press('Escape');
    await expect(showCard).toBeHidden();
    // Kept with the scene.
    const cardLayers = async (sceneId: string) => {
      const result = await host.evaluate(() => window.studio!.listScenes());
      if (!result.ok) throw new Error(result.error.message);
      return result.value.find((s) => s.id === sceneId)!.layers.filter((l) => l.source.kind === 'product-card').map((l) => l.visible);
    };
    await expect.poll(() => cardLayers('camera')).toEqual([false]);

    // Another scene (F3, "Product close-up") taken to program shows the card, with the deal still on it.
    await pressSceneKey(host, 'F3');
    await takeWithSpace(host);
    await expect(host.locator('[data-scene="close-up"]')).toHaveClass(/scene-program/);
    await expect.poll(() => cardOnOutput(host), { timeout: 3_000 }).toBe(true);
    await expect.poll(() => cardOnViewer(viewer), { timeout: 10_000 }).toBe(true);
    expect(await dealBadgeDrawn(host)).toBe(true);
    expect(await cardLayers('close-up')).toEqual([true]);
    await host.screenshot({ path: test.info().outputPath('pinned-card-close-up.png') });

    // Back to Camera (Take swapped it into preview): still off there.
    await takeWithSpace(host);
    await expect(host.locator('[data-scene="camera"]')).toHaveClass(/scene-program/);
    await expect.poll(() => cardOnOutput(host), { timeout: 3_000 }).toBe(false);
  } finally {
    await stop();
  }
});

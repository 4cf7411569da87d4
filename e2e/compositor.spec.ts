import { CARD_POINT, isDark, isWhite, outputCardStrip, outputPixel, takeWithSpace, viewerPixel } from './compositor-pages.js';
import { getReadyToGoLive, livePill, openViewer, samplePicture, viewerUrlOf } from './go-live-pages.js';
import type { Compositor } from '../src/renderer/compositor/compositor.js';
import { expect, startStudio, test } from './studio-fixture.js';

/**
 * The built-in compositor against the real studio (`studio web` with its
 * demo catalog and built-in SFU), fake camera and mic in headless Chromium:
 * the pinned product card is drawn into the composed output, Take changes the
 * frame, the program keeps drawing, and a viewer receives the
 * composed picture. `?lss-test-hooks` exposes the compositor's canvas.
 */

test.describe.configure({ timeout: 150_000 });

test('scenes compose the camera and the pinned product card; Take cuts the program and viewers see it', async ({ browser }) => {
  const { studio, stop } = await startStudio(['--sfu-port', '0'], { demo: true });
  try {
    const host = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await host.goto(`${studio.url}&lss-test-hooks`);
    await getReadyToGoLive(host);

    // Pin the first demo product.
    const pin = host.getByRole('grid', { name: 'Products' }).getByRole('button', { name: /^Pin / }).first();
    await pin.click();
    await expect(host.getByTestId('pinned-title')).not.toBeEmpty();

    // Program starts on Camera, and the pin is on its video already (e2e/pinned-card.spec.ts turns it off and on).
    await expect(host.locator('[data-scene="camera"]')).toHaveClass(/scene-program/);
    await expect.poll(() => outputPixel(host, ...CARD_POINT).then((p) => isWhite(p))).toBe(true);
    // The card is painted once and reused while it looks the same (src/renderer/compositor/paint-cache.ts):
    // pinning another product repaints it, and pinning the first again shows exactly the first card.
    const grid = host.getByRole('grid', { name: 'Products' });
    const firstTitle = (await host.getByTestId('pinned-title').textContent())!;
    const firstCard = await outputCardStrip(host);
    await grid.getByRole('button', { name: /^Pin / }).nth(1).click();
    await expect(host.getByTestId('pinned-title')).not.toHaveText(firstTitle);
    await expect.poll(() => outputCardStrip(host), { message: 'the second product on the video' }).not.toBe(firstCard);
    await pin.click();
    await expect(host.getByTestId('pinned-title')).toHaveText(firstTitle);
    await expect.poll(() => outputCardStrip(host), { message: 'the first product on the video again' }).toBe(firstCard);

    // F2 puts "Camera + product card" into preview (program unchanged); Space takes it.
    await host.keyboard.press('F2');
    await expect(host.locator('[data-scene="camera-card"]')).toHaveAttribute('aria-pressed', 'true');
    await expect(host.locator('[data-scene="camera"]')).toHaveClass(/scene-program/);
    await takeWithSpace(host);
    await expect(host.locator('[data-scene="camera-card"]')).toHaveClass(/scene-program/);
    await expect.poll(() => outputPixel(host, ...CARD_POINT).then((p) => isWhite(p)), { timeout: 3_000 }).toBe(true);
    // The camera still fills the rest of the frame (the fake camera's picture, not the card).
    expect(isWhite(await outputPixel(host, 0.3, 0.4))).toBe(false);
    await host.screenshot({ path: test.info().outputPath('compositor-studio.png') });

    // The composed program keeps drawing frames. How long a frame takes is a
    // benchmark figure (`npm run bench`, bench/compositor.ts), not a test threshold.
    const frameStats = () => host.evaluate(() => (window as unknown as { __lssCompositor: Compositor }).__lssCompositor.frameStats());
    await expect.poll(async () => (await frameStats()).frames, { timeout: 15_000 }).toBeGreaterThan(30);
    const stats = await frameStats();
    console.log(
      `compositor 1280x720, camera + card + lower third: p50 ${stats.p50.toFixed(2)} ms, p95 ${stats.p95.toFixed(2)} ms ` +
        `(with preview p95 ${stats.tickP95.toFixed(2)} ms; ${stats.fps.toFixed(1)} fps over ${stats.frames} frames)`,
    );

    // Go live with the composed output; the viewer sees the card, then the scene change.
    await host.getByRole('button', { name: 'Go live' }).click();
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    const viewer = await openViewer(browser, await viewerUrlOf(host));
    await expect.poll(() => viewerPixel(viewer, ...CARD_POINT).then((p) => isWhite(p, 40)), { timeout: 10_000 }).toBe(true);
    const picture = await samplePicture(viewer, 2000);
    console.log(`viewer receives the composed picture: ${picture.width}x${picture.height}, ${(picture.frames / 2).toFixed(1)} frames/s`);

    // Take to "Starting soon" (F5): a dark title card replaces the camera, on the host and the viewer; the pinned card stays on top.
    await host.keyboard.press('F5');
    await takeWithSpace(host);
    await expect(host.locator('[data-scene="starting-soon"]')).toHaveClass(/scene-program/);
    await expect.poll(() => outputPixel(host, 0.3, 0.4).then(isDark), { timeout: 3_000 }).toBe(true);
    await expect.poll(() => outputPixel(host, 0.1, 0.1).then(isDark)).toBe(true);
    // The fade may still be blending the two cards (each at part strength): wait for it to finish.
    await expect.poll(() => outputPixel(host, ...CARD_POINT).then((p) => isWhite(p)), { timeout: 3_000 }).toBe(true);
    await expect.poll(() => viewerPixel(viewer, 0.3, 0.4).then((p) => !isWhite(p, 40) && isDark(p)), { timeout: 10_000 }).toBe(true);
    await host.screenshot({ path: test.info().outputPath('compositor-starting-soon.png') });
  } finally {
    await stop();
  }
});

test('the host makes a scene of their own: duplicate, rename, drag a layer, hide it; it is saved', async ({ browser }) => {
  const { studio, stop } = await startStudio(['--sfu-port', '0'], { demo: true });
  try {
    const host = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await host.goto(studio.url);
    await getReadyToGoLive(host);
    await host.getByRole('button', { name: 'Edit layers' }).click();
    await host.getByRole('button', { name: 'Duplicate scene' }).click();
    const name = host.getByRole('textbox', { name: 'Scene name' });
    await expect(name).toHaveValue('Camera + product card copy');
    await name.fill('My look');
    await name.press('Enter');
    await expect(host.getByRole('toolbar', { name: 'Scenes' }).getByRole('button', { name: /My look/ })).toHaveAttribute('aria-pressed', 'true');
    await host.getByRole('button', { name: 'Done editing' }).click();

    // Drag the card (x 0.63–0.96) by its body to the left half of the preview.
    const canvas = host.getByTestId('preview-canvas');
    const box = (await canvas.boundingBox())!;
    await host.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.5);
    await host.mouse.down();
    await host.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 5 });
    await host.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5, { steps: 5 });
    await host.mouse.up();
    await host.getByRole('button', { name: 'Edit layers' }).click();
    await host.getByRole('button', { name: 'Hide Host name' }).click();
    await host.getByLabel('Layer text').fill('Free shipping today');
    await host.getByRole('button', { name: 'Add layer' }).click();
    await expect(host.getByRole('list', { name: 'Layers of My look' }).getByRole('button', { name: 'Free shipping today', exact: true })).toBeVisible();
    await host.screenshot({ path: test.info().outputPath('compositor-editing.png') });

    const saved = async () => {
      const result = await host.evaluate(() => window.studio!.listScenes());
      if (!result.ok) throw new Error(result.error.message);
      return result.value.find((s) => s.name === 'My look');
    };
    await expect.poll(async () => (await saved())?.layers.find((l) => l.id === 'card')?.rect.x ?? 1).toBeLessThan(0.4);
    await expect.poll(async () => (await saved())?.layers.find((l) => l.id === 'lower-third')?.visible).toBe(false);
    await expect.poll(async () => (await saved())?.layers.at(-1)?.source).toEqual({ kind: 'text', text: 'Free shipping today' });

    // Still there after a reload; deleting it removes it for good.
    await host.reload();
    const myLook = host.getByRole('toolbar', { name: 'Scenes' }).getByRole('button', { name: /My look/ });
    await myLook.click();
    await host.getByRole('button', { name: 'Edit layers' }).click();
    await host.getByRole('button', { name: 'Delete scene' }).click();
    await expect(myLook).toHaveCount(0);
    await expect.poll(saved).toBeUndefined();
  } finally {
    await stop();
  }
});

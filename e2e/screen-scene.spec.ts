import type { Browser, BrowserContext, Page, PlaywrightWorkerArgs } from '@playwright/test';
import config from '../playwright.config.js';
import { isNear, outputPixel, outputRowHasLight, pressSceneKey, previewPixel, previewRowHasLight, programShowsScreenSlate, takeWithSpace, type Rgb } from './compositor-pages.js';
import { getReadyToGoLive } from './go-live-pages.js';
import { expect, startStudio, test } from './studio-fixture.js';

/**
 * Issue 15, item 8: the "Screen + camera" scene (F4) showed black with no
 * prompt. Now picking it asks for a screen or window the first time (F4 is
 * the key press the browser's picker needs), the scene's menu asks again,
 * and with nothing shared the scene is never black: viewers (the program
 * frame, as published) get a calm slate with no words for the host, while
 * the host's preview monitor and an HTML note over the Program monitor say
 * what to do — with a "Share a screen or window" button, which is also how a
 * screen scene a producer takes reaches the host (producer-console.spec.ts).
 *
 * Headless Chromium has no picker to click, so each case starts its own
 * browser with a switch that answers it: `--auto-select-tab-capture-source-by-title`
 * shares the tab with that title (closing the tab ends the share, as "Stop
 * sharing" does), and `--use-fake-ui-for-media-stream=deny` refuses, as a
 * host who cancels the picker does.
 */

test.describe.configure({ timeout: 120_000 });

const SHARED_TITLE = 'Shared slides';
const SLIDES: Rgb = [250, 140, 0];
/** draw-overlays.ts SCREEN_PLACEHOLDER_BACKGROUND (#232a36). */
const PLACEHOLDER: Rgb = [35, 42, 54];
/** Top left: the screen layer's, clear of the camera (bottom right) and the card (top right) in "Screen + camera". */
const SCREEN_POINT = [0.1, 0.15] as const;

/** Chromium as the config launches it, with the fake permission UI replaced by `pickerSwitch`. */
function launchWith(playwright: PlaywrightWorkerArgs['playwright'], pickerSwitch: string): Promise<Browser> {
  const base = config.use!.launchOptions!;
  return playwright.chromium.launch({ ...base, args: [...(base.args ?? []).filter((a) => a !== '--use-fake-ui-for-media-stream'), pickerSwitch] });
}

const showsSlides = (p: Rgb) => isNear(p, SLIDES, 30);
const showsPlaceholder = (p: Rgb) => isNear(p, PLACEHOLDER, 4);
/** The host's note over the Program monitor (HTML, not in the video). */
const prompt = (page: Page) => page.getByTestId('program-screen-prompt');

async function openSlides(context: BrowserContext): Promise<Page> {
  const slides = await context.newPage();
  await slides.setContent(`<title>${SHARED_TITLE}</title><body style="margin:0;background:rgb(${SLIDES.join(',')})"></body>`);
  return slides;
}

test('F4 asks for a screen and shows it; when the share ends the scene says so; its menu asks again', async ({ playwright }) => {
  // No fake permission UI: the camera is allowed through the context's permissions, the screen by the tab's title.
  const browser = await launchWith(playwright, `--auto-select-tab-capture-source-by-title=${SHARED_TITLE}`);
  const { studio, stop } = await startStudio(['--sfu-port', '0']);
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, permissions: ['camera', 'microphone'] });
    let slides = await openSlides(context);
    const host = await context.newPage();
    await host.goto(`${studio.url}&lss-test-hooks`);
    await getReadyToGoLive(host);

    // F4: "Screen + camera" into preview, and the picker opens straight away (here it picks the slides tab).
    await pressSceneKey(host, 'F4');
    await expect(host.locator('[data-scene="screen-pip"]')).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => previewPixel(host, ...SCREEN_POINT).then(showsSlides), { timeout: 10_000 }).toBe(true);
    await takeWithSpace(host);
    await expect(host.locator('[data-scene="screen-pip"]')).toHaveClass(/scene-program/);
    await expect.poll(() => outputPixel(host, ...SCREEN_POINT).then(showsSlides), { timeout: 5_000 }).toBe(true);
    await expect(prompt(host)).toBeHidden();
    await host.screenshot({ path: test.info().outputPath('screen-shared.png') });

    // The shared tab goes away (as "Stop sharing" does): viewers get the slate, not black; the host is told over the monitor.
    await slides.close();
    await expect.poll(() => outputPixel(host, ...SCREEN_POINT).then(showsPlaceholder), { timeout: 5_000 }).toBe(true);
    expect(await programShowsScreenSlate(host)).toBe(true);
    await expect(prompt(host)).toContainText('Nothing shared');
    await host.screenshot({ path: test.info().outputPath('screen-ended.png') });

    // The note's button asks again (its click is the gesture the picker needs).
    slides = await openSlides(context);
    await prompt(host).getByRole('button', { name: 'Share a screen or window' }).click();
    await expect.poll(() => outputPixel(host, ...SCREEN_POINT).then(showsSlides), { timeout: 10_000 }).toBe(true);
    await expect(prompt(host)).toBeHidden();
    await slides.close();
    await expect(prompt(host)).toBeVisible();

    // Picking the scene again does not ask by itself; its menu does.
    slides = await openSlides(context);
    await pressSceneKey(host, 'F4');
    await host.getByRole('button', { name: 'Scene options: Screen + camera' }).click();
    await host.getByRole('menuitem', { name: 'Share a screen or window…' }).click();
    try {
      await expect.poll(() => outputPixel(host, ...SCREEN_POINT).then(showsSlides), { timeout: 10_000 }).toBe(true);
    } catch (error) {
      // Seen once in CI (2026-12-08), never here: say what the studio showed instead.
      const alerts = await host.getByRole('alert').allTextContents();
      console.log(
        `screen shared again, not on the program: pixel ${JSON.stringify(await outputPixel(host, ...SCREEN_POINT))}, ` +
          `prompt ${(await prompt(host).isVisible()) ? JSON.stringify(await prompt(host).textContent()) : 'hidden'}, alerts ${JSON.stringify(alerts)}, ` +
          `tabs ${JSON.stringify(await Promise.all(context.pages().map((p) => p.title())))}`,
      );
      await host.screenshot({ path: test.info().outputPath('screen-shared-again.png') });
      throw error;
    }
  } finally {
    await browser.close();
    await stop();
  }
});

test('F4 with the picker cancelled: viewers see a slate without the host\'s instructions; the host is told what to do', async ({ playwright }) => {
  // Every capture is refused here, the camera's too: this case needs no camera.
  const browser = await launchWith(playwright, '--use-fake-ui-for-media-stream=deny');
  const { studio, stop } = await startStudio(['--sfu-port', '0']);
  try {
    const host = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await host.goto(`${studio.url}&lss-test-hooks`);
    await expect(host.locator('[data-scene="camera"]')).toHaveClass(/scene-program/);

    await pressSceneKey(host, 'F4');
    await expect(host.locator('[data-scene="screen-pip"]')).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => previewPixel(host, ...SCREEN_POINT).then(showsPlaceholder), { timeout: 5_000 }).toBe(true);
    // The host's preview says what to do: "Nothing shared" in white across the middle.
    await expect.poll(() => previewRowHasLight(host, 0.52, 0.35, 0.65), { timeout: 5_000 }).toBe(true);
    await takeWithSpace(host);
    await expect(host.locator('[data-scene="screen-pip"]')).toHaveClass(/scene-program/);
    await expect.poll(() => outputPixel(host, ...SCREEN_POINT).then(showsPlaceholder), { timeout: 5_000 }).toBe(true);
    // What viewers get is the slate, without the host's words (no white text where the preview has it)...
    expect(await programShowsScreenSlate(host)).toBe(true);
    expect(await outputRowHasLight(host, 0.52, 0.35, 0.65)).toBe(false);
    expect(await outputRowHasLight(host, 0.6, 0.2, 0.8)).toBe(false);
    // ...while the host's Program monitor tells the host, over the picture.
    await expect(prompt(host)).toContainText('Nothing shared — choose a screen or window from the scene’s ⋯ menu');
    await expect(prompt(host).getByRole('button', { name: 'Share a screen or window' })).toBeEnabled();
    await host.screenshot({ path: test.info().outputPath('screen-nothing-shared.png') });

    // The menu offers the picker again; cancelled again, nothing breaks and no error is shown for a cancel.
    await pressSceneKey(host, 'F4');
    await host.getByRole('button', { name: 'Scene options: Screen + camera' }).click();
    await host.getByRole('menuitem', { name: 'Share a screen or window…' }).click();
    await expect(host.getByRole('menu')).toBeHidden();
    await expect.poll(() => outputPixel(host, ...SCREEN_POINT).then(showsPlaceholder)).toBe(true);
    await expect(host.locator('[data-panel="preview"]').getByRole('alert')).toHaveCount(0);
    // The note's button, cancelled too: the note stays, no error.
    await prompt(host).getByRole('button', { name: 'Share a screen or window' }).click();
    await expect(prompt(host).getByRole('button', { name: 'Share a screen or window' })).toBeEnabled();
    await expect(prompt(host)).toBeVisible();
    await expect(host.locator('[data-panel="preview"]').getByRole('alert')).toHaveCount(0);
  } finally {
    await browser.close();
    await stop();
  }
});

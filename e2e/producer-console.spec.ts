import type { Page } from '@playwright/test';
import { outputPixel, viewerPixel, type Rgb } from './compositor-pages.js';
import { expectPicturePlaying, getReadyToGoLive, livePill, openViewer, viewerUrlOf } from './go-live-pages.js';
import { expect, startStudio, test } from './studio-fixture.js';

/**
 * A producer runs the show's scenes from a second machine while the host
 * talks: the studio (`studio web` with its demo catalog and built-in SFU),
 * the host's page publishing with Chromium's fake camera, the producer's
 * console in another browser context on the producer link, a viewer on the
 * watch page. The console follows main: the show's live state, the scene in
 * preview and on air, the pin; a Take there is the host's Take.
 */

test.describe.configure({ timeout: 180_000 });

const dark = ([r, g, b]: Rgb) => r < 80 && g < 80 && b < 80;

const scene = (page: Page, id: string) => page.getByRole('toolbar', { name: 'Scenes' }).locator(`[data-scene="${id}"]`);
const inPreview = (page: Page, id: string) => expect(scene(page, id)).toHaveAttribute('aria-pressed', 'true');
const onAir = (page: Page, id: string) => expect(scene(page, id)).toHaveClass(/scene-program/);

test('the producer console mirrors the host’s show: live state and viewers, preview and program, pins; its Take is the host’s Take', async ({ browser }) => {
  const { studio, stop } = await startStudio(['--sfu-port', '0'], { demo: true });
  try {
    const host = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await host.goto(`${studio.url}&lss-test-hooks`);
    // The host hands out the producer link from Settings → Producer console.
    await host.getByRole('button', { name: 'Settings' }).click();
    const row = host.getByTestId('team-link-producer');
    await expect(row.getByRole('listitem').first()).toBeVisible();
    const producerLink = (await row.locator('code.link-text').first().textContent())!.trim();
    await host.getByRole('button', { name: 'Back to studio' }).click();

    await getReadyToGoLive(host);
    await host.getByRole('button', { name: 'Go live' }).click();
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    const viewer = await openViewer(browser, await viewerUrlOf(host));
    await expectPicturePlaying(viewer);
    await expect(host.getByTestId('live-pill-viewers')).toHaveText('1 watching', { timeout: 10_000 });

    // The producer's console: LIVE, from the host's page, with the same viewer count (not its own "Offline").
    const producer = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await producer.goto(producerLink);
    await expect(producer.getByTestId('role-badge')).toHaveText('Producer console · Producer');
    await expect(livePill(producer)).toHaveAttribute('data-phase', 'live');
    await expect(livePill(producer)).toContainText('from a browser on this computer');
    await expect(producer.getByTestId('live-pill-viewers')).toHaveText('1 watching');
    await expect(producer.getByTestId('live-pill-timer')).toHaveText(/^\d+:\d{2}$/);
    const show = producer.getByRole('region', { name: 'Stream' }).getByRole('region', { name: 'The show' });
    await expect(show).toHaveAttribute('data-phase', 'live');
    await expect(show.getByTestId('show-on-air-headline')).toHaveText('On air');
    await expect(show.getByTestId('show-on-air-detail')).toHaveText('From a browser on this computer · 1 viewer watching.');
    // Nothing on the console asks the producer for a camera it would never send, or shows a checklist for it.
    await expect(producer.getByRole('button', { name: 'Turn on camera and microphone' })).toHaveCount(0);
    await expect(producer.getByText('Before you go live')).toHaveCount(0);
    await expect(producer.getByTestId('program-console-note')).toHaveText('The host’s camera is not shown on this console');

    // Both consoles show one preview and one program.
    await onAir(producer, 'camera');
    await inPreview(producer, 'camera-card');
    await inPreview(host, 'camera-card');

    // The producer puts "Starting soon" into preview (F5): the host's page shows it in preview; nothing changes on air.
    await producer.keyboard.press('F5');
    await inPreview(producer, 'starting-soon');
    await inPreview(host, 'starting-soon');
    await onAir(host, 'camera');
    expect(dark(await outputPixel(host, 0.1, 0.1))).toBe(false);

    // The producer's Take is the host's Take: the program the host's page publishes changes, and the viewer sees it.
    await producer.getByRole('button', { name: 'Take', exact: true }).click();
    await onAir(host, 'starting-soon');
    await onAir(producer, 'starting-soon');
    await expect.poll(() => outputPixel(host, 0.1, 0.1).then(dark), { timeout: 5_000 }).toBe(true);
    await expect.poll(() => viewerPixel(viewer, 0.1, 0.1).then(dark), { timeout: 10_000 }).toBe(true);
    // The old program came back into preview, in both.
    await inPreview(host, 'camera');
    await inPreview(producer, 'camera');

    // The host switches back (preview with F1 is already the camera; Take): the producer's console follows.
    await host.getByRole('button', { name: 'Take', exact: true }).click();
    await onAir(producer, 'camera');
    await inPreview(producer, 'starting-soon');
    await expect.poll(() => viewerPixel(viewer, 0.1, 0.1).then(dark), { timeout: 10_000 }).toBe(false);
    // And a scene the host picks shows on the console.
    await scene(host, 'close-up').click();
    await inPreview(producer, 'close-up');

    // A pin from the producer shows on the host's page and on the viewer's.
    await producer.getByRole('grid', { name: 'Products' }).getByRole('button', { name: /^Pin / }).first().click();
    const title = (await producer.getByTestId('pinned-title').textContent())!;
    expect(title).not.toBe('');
    await expect(host.getByTestId('pinned-title')).toHaveText(title);
    await expect(viewer.getByTestId('pin-title')).toHaveText(title);

    // The producer takes "Screen + camera" (F4): the host's page never asked for a screen, so it asks the host now —
    // over its Program monitor, with a button (the picker needs the host's click) — and viewers get a slate without those words.
    await producer.keyboard.press('F4');
    await inPreview(host, 'screen-pip');
    // The producer's own page shows it in preview too before its Take (a Take takes what that page has in preview).
    await inPreview(producer, 'screen-pip');
    await producer.getByRole('button', { name: 'Take', exact: true }).click();
    await onAir(host, 'screen-pip');
    const prompt = host.getByTestId('program-screen-prompt');
    await expect(prompt).toContainText('Nothing shared');
    await expect(prompt.getByRole('button', { name: 'Share a screen or window' })).toBeVisible();
    await expect.poll(() => host.evaluate(() => (window as unknown as { __lssCompositor: { programShowsScreenSlate: boolean } }).__lssCompositor.programShowsScreenSlate)).toBe(true);
    // The producer's console shares no screen and is not asked to.
    await expect(producer.getByTestId('program-screen-prompt')).toHaveCount(0);

    // The host pauses, then ends the show: the console says so, as the host's page does.
    await host.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(livePill(producer)).toHaveAttribute('data-phase', 'paused');
    await expect(show.getByTestId('show-on-air-headline')).toHaveText('Paused');
    await expect(show.getByTestId('show-on-air-detail')).toContainText('The host resumes from the studio.');
    await host.getByRole('button', { name: /^End show/ }).click();
    await host.getByRole('alertdialog', { name: 'End the show for everyone?' }).getByRole('button', { name: 'End show', exact: true }).click();
    await expect(livePill(producer)).toHaveText('Show ended');
    await expect(show.getByTestId('show-on-air-headline')).toHaveText('Show ended');
    await expect(viewer.getByRole('status')).toContainText('The show has ended', { timeout: 10_000 });
    // Ending took the card down everywhere.
    await expect(producer.getByTestId('pinned-title')).toHaveCount(0);
    await expect(host.getByTestId('pinned-title')).toHaveCount(0);
  } finally {
    await stop();
  }
});

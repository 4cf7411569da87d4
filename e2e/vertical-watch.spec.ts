import type { Browser, Page } from '@playwright/test';
import { expectPicturePlaying, getReadyToGoLive, livePill, viewerUrlOf } from './go-live-pages.js';
import { startPublisherSite, startSfuProcess, type RunningSfu } from './sfu-fixtures/sfu-process.js';
import { expect, startStudio, test } from './studio-fixture.js';

/**
 * Issue 18, vertical output on the watch page: the host sends its 16:9
 * program (the fake camera, 1280x720, three simulcast layers) and a 9:16
 * `vertical` feed (720x1280) through the real `studio sfu` process. A viewer
 * on a portrait phone gets the vertical picture, a viewer on a laptop the
 * horizontal one, both with the pinned product card; turning the phone over
 * switches feeds, and a host turning vertical output off puts the portrait
 * viewer back on the 16:9 picture. The second test does the same with the
 * real studio (`studio web`, its vertical output on, built-in SFU).
 */

const HOST_TOKEN = 'e2e-vertical-token';
const card = {
  productId: 'sku-7',
  title: 'Silk scarf, hand-rolled edges',
  price: '35.00',
  currency: 'USD',
  buyUrl: 'https://example-shop.invalid/products/silk-scarf',
};

let publisherSite: Awaited<ReturnType<typeof startPublisherSite>>;
test.beforeAll(async () => {
  publisherSite = await startPublisherSite();
});
test.afterAll(async () => {
  await publisherSite.close();
});
test.describe.configure({ timeout: 150_000 });

async function publish(browser: Browser, sfu: RunningSfu, show: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const query = new URLSearchParams({ signal: sfu.signalUrl, show, token: HOST_TOKEN, vertical: '720x1280' });
  await page.goto(`${publisherSite.origin}/?${query}`);
  await page.waitForFunction(() => window.testPublisher.state !== 'starting', null, { timeout: 30_000 });
  expect(await page.evaluate(() => window.testPublisher.error ?? window.testPublisher.state)).toBe('live');
  return page;
}

async function watch(browser: Browser, url: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await page.goto(url);
  await expect(page.locator('#watch')).toHaveAttribute('data-phase', 'live');
  return page;
}

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 720 };

/** The size the viewer's video element decodes now. */
const videoSize = (page: Page) =>
  page.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('#video')!;
    return { width: video.videoWidth, height: video.videoHeight };
  });
const isVertical = (size: { width: number; height: number }) => size.width === 720 && size.height === 1280;
/** The 16:9 program, at whichever simulcast layer the viewer's link gets. */
const isHorizontal = (size: { width: number; height: number }) => size.height > 0 && Math.abs(size.width / size.height - 16 / 9) < 0.02;

test('a portrait viewer gets the 720x1280 vertical picture, a landscape viewer the 16:9 one; both show the pinned card', async ({ browser }) => {
  const sfu = await startSfuProcess(['--port', '0', '--listen-ip', '127.0.0.1', '--workers', '1', '--host-token', HOST_TOKEN]);
  try {
    const show = 'vertical-sale';
    const host = await publish(browser, sfu, show);
    const phone = await watch(browser, `${sfu.url}/watch/${show}`, PHONE);
    const laptop = await watch(browser, `${sfu.url}/watch/${show}`, LAPTOP);

    await expect.poll(() => videoSize(phone), { timeout: 30_000, message: 'the phone plays the vertical feed' }).toEqual({ width: 720, height: 1280 });
    await expect(phone.locator('#watch')).toHaveAttribute('data-feed', 'vertical');
    await expectPicturePlaying(phone);
    await expect.poll(async () => isHorizontal(await videoSize(laptop)), { timeout: 30_000, message: 'the laptop plays the 16:9 feed' }).toBe(true);
    await expect(laptop.locator('#watch')).toHaveAttribute('data-feed', 'main');
    await expectPicturePlaying(laptop);
    // The phone's stage is laid out for 9:16: taller than wide, and most of the screen.
    const stage = await phone.locator('.stage').boundingBox();
    expect(stage!.height).toBeGreaterThan(stage!.width);
    // Audio is the main feed's on both (the vertical feed has none): the page offers to unmute it.
    await expect(phone.getByRole('button', { name: 'Tap to unmute' })).toBeVisible();
    await expect(laptop.getByRole('button', { name: 'Tap to unmute' })).toBeVisible();

    // A pin: both see the card, whichever picture they get.
    await host.evaluate((c) => window.testPublisher.setPin(c), card);
    for (const viewer of [phone, laptop]) {
      const cardView = viewer.getByRole('complementary', { name: 'Featured product' });
      await expect(cardView.getByTestId('pin-title')).toHaveText(card.title);
      await expect(cardView.getByRole('link', { name: 'Buy now' })).toBeVisible();
    }
    await phone.screenshot({ path: test.info().outputPath('phone-vertical.png') });
    await laptop.screenshot({ path: test.info().outputPath('laptop-horizontal.png') });

    // The phone turned over: the 16:9 picture; back upright: the vertical one. The picture never stops in between.
    await phone.setViewportSize({ width: 844, height: 390 });
    await expect.poll(async () => isHorizontal(await videoSize(phone)), { timeout: 30_000, message: 'the turned phone plays 16:9' }).toBe(true);
    await expect(phone.locator('#watch')).toHaveAttribute('data-feed', 'main');
    await expectPicturePlaying(phone);
    await phone.setViewportSize({ width: 390, height: 844 });
    await expect.poll(async () => isVertical(await videoSize(phone)), { timeout: 30_000, message: 'upright again: vertical' }).toBe(true);
    await expectPicturePlaying(phone);

    // The host turns vertical output off: the phone falls back to the 16:9 picture; the laptop never noticed.
    await host.evaluate(() => window.testPublisher.stopVertical());
    await expect.poll(async () => isHorizontal(await videoSize(phone)), { timeout: 30_000, message: 'the phone back on 16:9' }).toBe(true);
    await expectPicturePlaying(phone);
    await expect(phone.getByTestId('pin-title')).toHaveText(card.title);
    await expectPicturePlaying(laptop);
  } finally {
    await sfu.stop();
  }
});

test('with the studio: its vertical output reaches a portrait viewer as 720x1280, a landscape viewer gets 16:9, both see the pinned card', async ({ browser }) => {
  const { studio, stop } = await startStudio(['--sfu-port', '0'], { demo: true });
  try {
    const host = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await host.goto(`${studio.url}&lss-test-hooks`);
    await getReadyToGoLive(host);
    await host.getByRole('button', { name: 'Settings' }).click();
    // Settings → Vertical output (the box is saved, then shows ticked: click, then wait for it).
    const verticalBox = host.getByTestId('vertical-output-settings').getByLabel('Make a vertical (9:16) output');
    await expect(verticalBox).toBeEnabled();
    await verticalBox.click();
    await expect(verticalBox).toBeChecked();
    await host.getByRole('button', { name: 'Close' }).click();
    await host.getByRole('button', { name: 'Go live' }).click();
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    await expect(host.getByTestId('vertical-feed')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
    await host.getByRole('grid', { name: 'Products' }).getByRole('button', { name: /^Pin / }).first().click();
    await expect(host.getByTestId('pinned-title')).not.toBeEmpty();
    const pinned = (await host.getByTestId('pinned-title').textContent())!.trim();

    const url = await viewerUrlOf(host);
    const phone = await watch(browser, url, PHONE);
    const laptop = await watch(browser, url, LAPTOP);
    // The vertical feed is simulcast like the 16:9 one: the phone's link climbs to its top layer, the 720x1280 output.
    await expect.poll(async () => isVertical(await videoSize(phone)), { timeout: 45_000, message: 'the phone plays the 720x1280 vertical output' }).toBe(true);
    await expectPicturePlaying(phone);
    await expect.poll(async () => isHorizontal(await videoSize(laptop)), { timeout: 30_000, message: 'the laptop plays 16:9' }).toBe(true);
    await expectPicturePlaying(laptop);
    for (const viewer of [phone, laptop]) await expect(viewer.getByTestId('pin-title')).toHaveText(pinned);
    await phone.screenshot({ path: test.info().outputPath('studio-phone-vertical.png') });

    // Stop vertical in the studio: the phone falls back to the 16:9 picture, the card stays.
    await host.getByRole('button', { name: 'Stop vertical' }).click();
    await expect.poll(async () => isHorizontal(await videoSize(phone)), { timeout: 30_000, message: 'the phone back on 16:9' }).toBe(true);
    await expectPicturePlaying(phone);
    await expect(phone.getByTestId('pin-title')).toHaveText(pinned);
  } finally {
    await stop();
  }
});

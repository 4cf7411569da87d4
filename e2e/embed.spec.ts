import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Frame, Page } from '@playwright/test';
import { startPublisherSite, startSfuProcess, type RunningSfu } from './sfu-fixtures/sfu-process.js';
import { startStoreSite } from './sfu-fixtures/store-site.js';
import { expect, test } from './studio-fixture.js';

/**
 * The embeddable player (docs/embed.md) in Chromium: a store page on its own
 * origin (http://localhost:<p>) pastes the snippet for a show on the real
 * `studio sfu` (http://127.0.0.1:<q>, started with --embed-origin for that
 * store only). The show plays in the mini-player, the pinned card appears,
 * a Buy click reaches the store page as a message and the store's answer
 * keeps the link from opening; a page on another origin cannot frame the
 * player, and no page can frame the watch page.
 */

const HOST_TOKEN = 'e2e-host-token';
const card = {
  productId: '12:34',
  title: 'Silk scarf <b>bold</b>',
  variantTitle: 'Blue',
  price: '40.00',
  currency: 'EUR',
  stock: 5,
  buyUrl: 'https://shop.example.invalid/products/silk-scarf?variant=9001',
  sku: 'SCARF-BLUE',
  variantId: '9001',
};

let sfu: RunningSfu | null = null;
let publisherSite: Awaited<ReturnType<typeof startPublisherSite>>;
let store: Awaited<ReturnType<typeof startStoreSite>>;
let otherSite: Awaited<ReturnType<typeof startStoreSite>>;

test.describe.configure({ timeout: 150_000 });

// A published replay the SFU serves (/replay/spring-drop/): the not-live player links it.
const replayDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-embed-replays-'));
fs.mkdirSync(path.join(replayDir, 'spring-drop'));
fs.writeFileSync(path.join(replayDir, 'spring-drop', 'timeline.json'), '{}');

test.beforeAll(async () => {
  const sfuUrl = () => sfu!.url;
  [publisherSite, store, otherSite] = await Promise.all([startPublisherSite(), startStoreSite(sfuUrl), startStoreSite(sfuUrl)]);
  sfu = await startSfuProcess(['--port', '0', '--listen-ip', '127.0.0.1', '--workers', '1', '--host-token', HOST_TOKEN, '--embed-origin', store.origin, '--replay-dir', replayDir]);
});
test.afterAll(async () => {
  const code = await sfu?.stop();
  await Promise.all([publisherSite.close(), store.close(), otherSite.close()]);
  fs.rmSync(replayDir, { recursive: true, force: true });
  expect(code).toBe(0);
});

async function publish(browser: Browser, show: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${publisherSite.origin}/?${new URLSearchParams({ signal: sfu!.signalUrl, show, token: HOST_TOKEN })}`);
  await page.waitForFunction(() => window.testPublisher.state !== 'starting', null, { timeout: 20_000 });
  expect(await page.evaluate(() => window.testPublisher.error ?? window.testPublisher.state)).toBe('live');
  return page;
}

/** The player's frame inside the store page, once it has loaded the player. */
async function playerFrame(page: Page): Promise<Frame> {
  await expect(page.locator('iframe[data-lss-player]')).toHaveCount(1);
  const handle = await page.locator('iframe[data-lss-player]').elementHandle();
  const frame = await handle!.contentFrame();
  await frame!.waitForSelector('#watch');
  return frame!;
}

type Message = { type: string; [key: string]: unknown };
const messages = (page: Page): Promise<Message[]> => page.evaluate(() => (window as unknown as { lssMessages: Message[] }).lssMessages);
const messagesOf = async (page: Page, type: string): Promise<Message[]> => (await messages(page)).filter((m) => m.type === type);

/** Frames the player's video presents (counted from the first call). */
function framesPainted(frame: Frame): Promise<number> {
  return frame.evaluate(() => {
    const video = document.querySelector('video') as (HTMLVideoElement & { lssCount?: { n: number } }) | null;
    if (!video) return -1;
    if (!video.lssCount) {
      const count = { n: 0 };
      video.lssCount = count;
      const onFrame = () => {
        count.n++;
        video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
    }
    return video.lssCount.n;
  });
}

test('a store page on another origin embeds the live show: video, the pinned card, and Buy reaches the store', async ({ browser }) => {
  const show = 'embed-live';
  const host = await publish(browser, show);
  const context = await browser.newContext();
  const page = await context.newPage();
  // Any tab opened from here on (the store page itself is not one).
  const opened: string[] = [];
  context.on('page', (p) => opened.push(p.url()));
  await page.goto(`${store.origin}/?show=${show}`);
  const player = await playerFrame(page);

  // The mini-player plays the show, muted.
  await expect(player.locator('#watch')).toHaveAttribute('data-phase', 'live', { timeout: 30_000 });
  await expect(player.locator('#watch')).toHaveAttribute('data-embed', 'mini');
  await expect.poll(() => framesPainted(player), { timeout: 30_000, message: 'the embedded video presents frames' }).toBeGreaterThan(10);
  expect(await player.evaluate(() => document.querySelector('video')!.muted)).toBe(true);
  await expect.poll(() => messagesOf(page, 'lss:ready')).toEqual([{ type: 'lss:ready', show, live: true }]);
  await expect.poll(() => messagesOf(page, 'lss:show-started')).toEqual([{ type: 'lss:show-started', show }]);

  // A pin: the card appears (text as text) and the store hears which product is shown.
  await host.evaluate((c) => window.testPublisher.setPin(c), card);
  await expect(player.getByTestId('pin-title')).toHaveText(card.title);
  await expect.poll(() => messagesOf(page, 'lss:product-shown')).toEqual([
    { type: 'lss:product-shown', productId: '12:34', title: card.title, variant: 'Blue', variantId: '9001', sku: 'SCARF-BLUE', price: '40.00', currency: 'EUR' },
  ]);

  // Expand: the full player with the chat beside the card.
  await page.getByRole('button', { name: 'Open the full player' }).click();
  await expect(player.locator('#watch')).toHaveAttribute('data-embed', 'full');
  await expect(player.getByRole('region', { name: 'Chat' })).toBeVisible();

  // A flash deal: the countdown runs in the player and the store hears the deal's price.
  const now = Date.now();
  await host.evaluate((c) => window.testPublisher.setPin(c), { ...card, deal: { price: '30.00', startedAt: now, endsAt: now + 120_000 } });
  await expect(player.getByTestId('pin-deal-countdown')).toBeVisible();
  await expect(player.getByTestId('pin-deal-price')).toContainText('30.00');
  await expect.poll(async () => (await messagesOf(page, 'lss:product-shown')).at(-1)?.price).toBe('30.00');

  // Buy: the store gets the product and variant, says it added to its own cart; the player opens no tab.
  await player.getByRole('link', { name: 'Buy now' }).click();
  await expect.poll(() => messagesOf(page, 'lss:buy-clicked')).toEqual([
    { type: 'lss:buy-clicked', productId: '12:34', variantId: '9001', sku: 'SCARF-BLUE', quantity: 1, url: card.buyUrl },
  ]);
  await expect(player.getByTestId('embed-note')).toHaveText('Added to your cart');
  expect(opened).toEqual([]);

  // The page's own code can send the player back to the corner.
  await page.evaluate(() => window.postMessage({ type: 'lss:close' }, location.origin));
  await expect(player.locator('#watch')).toHaveAttribute('data-embed', 'mini');

  // A store that does not answer: the player opens the Buy link in a new tab itself.
  await context.route('https://shop.example.invalid/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>Silk scarf</title>' }));
  const plain = await context.newPage();
  await plain.goto(`${store.origin}/?show=${show}&handle=0`);
  const plainPlayer = await playerFrame(plain);
  const tab = context.waitForEvent('page');
  await plainPlayer.getByRole('link', { name: 'Buy now' }).click();
  await expect.poll(() => messagesOf(plain, 'lss:buy-clicked')).toHaveLength(1);
  const shop = await tab;
  await expect(shop).toHaveURL(card.buyUrl);
  expect(await plainPlayer.getByTestId('embed-note').isHidden()).toBe(true);

  await host.evaluate(() => window.testPublisher.leave());
  await expect.poll(() => messagesOf(page, 'lss:show-ended')).toEqual([{ type: 'lss:show-ended', show }]);
  await expect(player.getByRole('status').first()).toContainText('The show has ended');
  await context.close();
});

test('before the show the player says it is not live, with the next show and the replay', async ({ browser }) => {
  const page = await (await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' })).newPage();
  const next = new Date(Date.now() + 26 * 3600_000).toISOString();
  await page.goto(`${store.origin}/?show=embed-later&next=${encodeURIComponent(next)}&replay=spring-drop`);
  const player = await playerFrame(page);
  await expect(player.locator('#status-title')).toHaveText('Not live right now');
  await expect(player.getByTestId('status-next')).toContainText('Next show: ');
  await expect(player.getByRole('link', { name: 'Watch the replay' })).toHaveAttribute('href', '/replay/spring-drop/');
  await expect.poll(() => messagesOf(page, 'lss:ready')).toEqual([{ type: 'lss:ready', show: 'embed-later', live: false }]);
});

test('a page on an origin not allowed cannot frame the player, and no page can frame the watch page', async ({ browser }) => {
  for (const [site, path] of [[otherSite, '/?show=embed-refused'], [store, '/frame-watch?show=embed-refused']] as const) {
    const page = await (await browser.newContext()).newPage();
    const refusals: string[] = [];
    page.on('console', (m) => {
      if (/frame-ancestors/.test(m.text())) refusals.push(m.text());
    });
    await page.goto(`${site.origin}${path}`);
    // Chromium reports the refusal on the framing page's console, and never runs the player.
    await expect.poll(() => refusals.length, { timeout: 20_000, message: 'Chromium refuses the frame (frame-ancestors)' }).toBeGreaterThan(0);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(frame).toBeDefined();
    expect(await frame!.locator('#watch').count()).toBe(0);
    expect(await messages(page)).toEqual([]);
  }
});

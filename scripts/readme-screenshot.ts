/**
 * Takes the README's pictures: docs/screenshot.png, a new studio at a
 * laptop's 1280 px with the demo catalog and show, live with the fake
 * camera, a product pinned with a flash deal running and chat with a claim
 * in it; and docs/watch-phone.png, the watch page on a phone where a buyer
 * has just claimed (the card, My claims, the contact question).
 * `npm run build && npx tsx scripts/readme-screenshot.ts`
 */
import path from 'node:path';
import { chromium } from '@playwright/test';
import type { PinState, SfuStatus } from '../src/shared/domain/live.js';
import type { SfuServer } from '../src/sfu/sfu-server.js';
import { TestSignalClient } from '../tests/harness/signal-client.js';
import { startStudio } from '../e2e/studio-fixture.js';
import config from '../playwright.config.js';

const out = path.resolve(import.meta.dirname, '../docs/screenshot.png');
const phoneOut = path.resolve(import.meta.dirname, '../docs/watch-phone.png');
const { studio, stop } = await startStudio(['--sfu-port', '0'], { demo: true });
const browser = await chromium.launch({ ...config.use?.launchOptions, headless: true });
try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(studio.url);
  await page.getByRole('button', { name: 'Turn on camera and microphone' }).click();
  for (const check of ['camera', 'microphone', 'server']) {
    await page.locator(`[data-testid="check-${check}"][data-state="ok"]`).waitFor({ timeout: 20_000 });
  }
  await page.getByRole('button', { name: 'Go live' }).click();
  await page.locator('[data-phase="live"]').first().waitFor({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Start show' }).click().catch(() => undefined);
  await page.getByRole('searchbox', { name: 'Search products' }).fill('wrap');
  const row = page.getByRole('grid', { name: 'Products' }).getByRole('row', { name: /HP-LWD-M-SND/ });
  await row.getByRole('button', { name: /^Pin / }).click();
  await page.locator('[data-testid="pin-delivery"][data-state="delivered"]').waitFor({ timeout: 10_000 });
  // A few viewers chat (over the real protocol): a question, a fan, a spammer whose link is held.
  const status = (await page.evaluate(() => window.studio!.getSfuStatus())) as { ok: true; value: SfuStatus };
  const { signalUrl, room } = status.value;
  const chatters: TestSignalClient[] = [];
  const lines = [
    ['Maya', 'Does the wrap dress come in XL?'],
    ['Jonah', 'love the sage color 😍'],
    ['deals4u', 'cheap followers at www.boost-your-shop.biz'],
    ['Priya', 'what is the fabric? is it see-through?'],
    ['Leo', 'sold M sand'],
  ] as const;
  for (const [i, [name, text]] of lines.entries()) {
    const viewer = await TestSignalClient.connect({ signalUrl } as SfuServer);
    await viewer.requests.request({ type: 'join', show: room, role: 'viewer', name, viewerKey: `readme-viewer-key-${i}-abcdef` });
    await viewer.requests.request({ type: 'chatSend', text });
    chatters.push(viewer);
  }
  await page.getByText('sold M sand').first().waitFor({ timeout: 10_000 });
  // A flash deal at 20 % off the pinned price, from the pinned strip.
  const pin = (await page.evaluate(() => window.studio!.getPinState())) as { ok: true; value: PinState };
  const regular = Number(pin.value.current?.card.price ?? '0');
  await page.getByRole('textbox', { name: 'Deal price' }).fill((regular * 0.8).toFixed(2));
  await page.getByRole('button', { name: 'Start deal' }).click();
  await page.getByTestId('deal-countdown').waitFor({ timeout: 10_000 });
  // A buyer on a phone: the watch page, a claim in chat, My claims and the contact question.
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true })).newPage();
  await phone.goto(status.value.viewerUrls[0]!);
  await phone.locator('[data-testid="pin-title"]').first().waitFor({ timeout: 15_000 });
  await phone.getByRole('textbox', { name: 'Message' }).fill('sold M sand');
  await phone.getByRole('button', { name: 'Send' }).click();
  await phone.getByRole('textbox', { name: 'Pick a name to chat' }).fill('Rosa');
  await phone.getByRole('button', { name: 'Join chat' }).click();
  await phone.getByRole('region', { name: 'My claims' }).getByTestId('my-claim').first().waitFor({ timeout: 15_000 });
  await page.waitForTimeout(4_500); // two stream-health windows
  await page.screenshot({ path: out });
  await phone.screenshot({ path: phoneOut });
  chatters.forEach((c) => c.close());
  console.log(`wrote ${path.relative(process.cwd(), out)} and ${path.relative(process.cwd(), phoneOut)}`);
} finally {
  await browser.close();
  await stop();
}

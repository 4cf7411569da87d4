/**
 * Takes docs/screenshot.png for the README: a new studio with the demo
 * catalog and show, live with the fake camera, a product pinned.
 * `npm run build && npx tsx scripts/readme-screenshot.ts`
 */
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startStudio } from '../e2e/studio-fixture.js';
import config from '../playwright.config.js';

const out = path.resolve(import.meta.dirname, '../docs/screenshot.png');
const { studio, stop } = await startStudio(['--sfu-port', '0'], { demo: true });
const browser = await chromium.launch({ ...config.use?.launchOptions, headless: true });
try {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
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
  await page.waitForTimeout(4_500); // two stream-health windows
  await page.screenshot({ path: out });
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
} finally {
  await browser.close();
  await stop();
}

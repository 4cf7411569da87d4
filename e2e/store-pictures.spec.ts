import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Frame, Page } from '@playwright/test';
import { solidPng, startPictureServer } from '../tests/harness/https-pictures.js';
import { isNear, outputPixel, type Rgb } from './compositor-pages.js';
import { getReadyToGoLive, livePill, viewerUrlOf, waitForPicture } from './go-live-pages.js';
import { startStoreSite } from './sfu-fixtures/store-site.js';
import { importCatalog, viewerCard } from './selling-pages.js';
import { expect, startStudio, test } from './studio-fixture.js';

/**
 * Issue 19, "done when": a seller whose store runs on their own network
 * (here https://localhost:<port>, with its own certificate the studio trusts
 * through NODE_EXTRA_CA_CERTS) sets it in Settings → Store with a currency
 * and an embedding page, and imports a Shopify export whose pictures are on
 * that store. The studio fetches each picture once (its own host is trusted
 * although it is this computer); the video card draws it, the watch page and
 * the embed on a second origin load it from the SFU's origin, and neither
 * asks the store for it (their browsers would accept its certificate).
 */

test.describe.configure({ timeout: 90_000 });

const MAGENTA: Rgb = [200, 40, 180];
const LAMP = 'Brass Desk Lamp';

async function loadedFromSfu(img: ReturnType<Page['getByTestId']>, sfuOrigin: string, id: string): Promise<void> {
  await expect(img).toHaveAttribute('src', `/media/${id}`);
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => ({ origin: new URL(el.currentSrc).origin, width: el.complete ? el.naturalWidth : 0 }))).toEqual({ origin: sfuOrigin, width: 64 });
}

test("a catalog's pictures on the seller's own store are fetched once and shown on the video, the watch page and the embed", async ({ browser }) => {
  const lamp = solidPng(64, 64, MAGENTA);
  const vase = solidPng(64, 64, [30, 160, 60]);
  const picturesStore = await startPictureServer({ '/lamp.png': { body: lamp, type: 'image/png' }, '/vase.png': { body: vase, type: 'image/png' } });
  const storeOrigin = `https://localhost:${new URL(picturesStore.origin).port}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-store-pictures-'));
  const ca = path.join(dir, 'store-ca.pem');
  fs.writeFileSync(ca, picturesStore.certificate);
  const { studio, stop } = await startStudio(['--sfu-port', '0'], { env: { NODE_EXTRA_CA_CERTS: ca } });
  let sfuOrigin = '';
  const site = await startStoreSite(() => sfuOrigin);
  try {
    const header = 'Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant SKU,Variant Inventory Tracker,Variant Inventory Qty,Variant Price,Image Src,Status';
    const csv = path.join(dir, 'store.csv');
    fs.writeFileSync(
      csv,
      [
        header,
        `brass-lamp,${LAMP},<p>Lamp</p>,E2E Boutique,Home,,TRUE,Title,Default Title,LAMP-1,shopify,5,89.00,${storeOrigin}/lamp.png,active`,
        `glass-vase,Glass Vase,<p>Vase</p>,E2E Boutique,Home,,TRUE,Title,Default Title,VASE-1,shopify,5,35.00,${storeOrigin}/vase.png,active`,
      ].join('\n') + '\n',
    );
    // The host's browser does not trust the store's certificate (the studio's catalog thumbnails still load imported addresses
    // themselves, not the kept copy; here they fail): the video card's picture can only come from the studio's kept copy.
    const host = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await host.goto(`${studio.url}&lss-test-hooks`);

    // Settings → Store: the store on this computer, its currency, and the page that embeds the player.
    await host.getByRole('button', { name: 'Settings' }).click();
    const settings = host.getByTestId('store-settings');
    await settings.getByLabel('Platform').selectOption('shopify');
    await settings.getByLabel('Store address').fill(storeOrigin);
    await settings.getByLabel('Store currency').fill('eur');
    await settings.getByRole('button', { name: 'Add a web page' }).click();
    await settings.getByLabel('Embed address 1').fill(site.origin);
    await settings.getByRole('button', { name: 'Save store' }).click();
    await expect(settings.getByRole('status')).toHaveText('Store saved. Buy buttons go to your store from the next pin.');
    await host.getByRole('button', { name: 'Close' }).click();

    // The import's pictures come in from the store in the background; none fails.
    await importCatalog(host, csv);
    const pictures = () => host.evaluate(() => window.studio!.getPictures());
    await expect.poll(pictures, { timeout: 20_000 }).toEqual({ ok: true, value: { progress: { total: 2, ready: 2, failed: 0, waiting: 0 }, failures: [] } });
    await expect(host.getByTestId('pictures-status').getByText(/could not be fetched/)).toHaveCount(0);

    await getReadyToGoLive(host);
    await host.getByRole('button', { name: 'Go live' }).click();
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    await host.getByRole('grid', { name: 'Products' }).getByRole('button', { name: `Pin ${LAMP}` }).click();
    await expect(host.getByTestId('pinned-title')).toHaveText(LAMP);

    // The video card draws the store's picture (from the studio's own origin).
    await expect.poll(() => outputPixel(host, 0.795, 0.35).then((p) => isNear(p, MAGENTA, 16)), { timeout: 8_000 }).toBe(true);

    // The watch page loads it from the SFU's own origin, with the price in the store's currency.
    const viewerUrl = await viewerUrlOf(host);
    sfuOrigin = new URL(viewerUrl).origin;
    const id = `${crypto.createHash('sha256').update(lamp).digest('hex')}.png`;
    // The viewer's and the store page's browsers accept the store's certificate: a picture loaded from the store would be seen there.
    const viewer = await (await browser.newContext({ viewport: { width: 390, height: 844 }, ignoreHTTPSErrors: true })).newPage();
    await viewer.goto(viewerUrl);
    await waitForPicture(viewer);
    await expect(viewerCard(viewer).getByTestId('pin-title')).toHaveText(LAMP);
    await expect(viewerCard(viewer)).toContainText('€');
    await loadedFromSfu(viewerCard(viewer).getByTestId('pin-image'), sfuOrigin, id);

    // The embed on the store's own page (a second origin) shows the card picture from the SFU's origin too.
    const room = new URL(viewerUrl).pathname.split('/').filter(Boolean).at(-1)!;
    const page = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
    await page.goto(`${site.origin}/?show=${encodeURIComponent(room)}`);
    await expect(page.locator('iframe[data-lss-player]')).toHaveCount(1);
    const player: Frame = (await (await page.locator('iframe[data-lss-player]').elementHandle())!.contentFrame())!;
    await expect(player.getByTestId('pin-title')).toHaveText(LAMP, { timeout: 20_000 });
    await loadedFromSfu(player.getByTestId('pin-image'), sfuOrigin, id);

    // The store was asked for each picture once, by the studio's fetcher; the watch page and the embed never asked it.
    expect([...picturesStore.requests].sort()).toEqual(['/lamp.png', '/vase.png']);
    expect(picturesStore.agents).toEqual(['LiveSellerStudio-Pictures', 'LiveSellerStudio-Pictures']);
  } finally {
    await stop();
    await Promise.all([picturesStore.close(), site.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

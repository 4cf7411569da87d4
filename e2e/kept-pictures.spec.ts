import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isNear, outputPixel, type Rgb } from './compositor-pages.js';
import { getReadyToGoLive, livePill, viewerUrlOf, waitForPicture } from './go-live-pages.js';
import { solidPng, startPictureHost } from './picture-hosts.js';
import { importCatalog, viewerCard } from './selling-pages.js';
import { expect, startStudio, test } from './studio-fixture.js';

/**
 * Issue 19, product pictures kept by the studio. A catalog names its picture
 * on a website the studio refuses to fetch from (this computer, like a
 * seller's intranet): the catalog says which product and why. The host drops
 * a picture file on the product in its drawer; pinned, the picture goes to
 * the SFU first, the watch page loads it from the SFU's own origin
 * (/media/<sha256>.png), and the video card draws it from the studio's
 * origin — no CORS header anywhere.
 */

test.describe.configure({ timeout: 150_000 });

const RED: Rgb = [220, 30, 30];
const GREEN: Rgb = [30, 180, 60];
const LAMP = 'Brass Desk Lamp';

test('a dropped picture is kept, sent to the SFU before the pin, and shown from the SFU and the studio', async ({ browser }) => {
  const store = await startPictureHost(solidPng(64, 64, RED), { cors: false });
  const { studio, stop } = await startStudio(['--sfu-port', '0']);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-kept-pictures-'));
  try {
    const header = 'Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant SKU,Variant Inventory Tracker,Variant Inventory Qty,Variant Price,Image Src,Status';
    const csv = path.join(dir, 'lamps.csv');
    fs.writeFileSync(csv, `${header}\nbrass-lamp,${LAMP},<p>Lamp</p>,E2E Boutique,Home,,TRUE,Title,Default Title,LAMP-1,shopify,5,89.00,${store.origin}/lamp.png,active\n`);
    const picture = path.join(dir, 'lamp-green.png');
    const green = solidPng(64, 64, GREEN);
    fs.writeFileSync(picture, green);
    const id = `${crypto.createHash('sha256').update(green).digest('hex')}.png`;

    const host = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, ignoreHTTPSErrors: true })).newPage();
    await host.goto(`${studio.url}&lss-test-hooks`);
    await importCatalog(host, csv);

    // The store's picture is on this computer: refused, and the catalog says which product and why.
    const status = host.getByTestId('pictures-status');
    await expect(status).toContainText('1 picture could not be fetched', { timeout: 20_000 });
    await status.getByRole('button', { name: 'Show which' }).click();
    await expect(status.getByRole('list', { name: 'Pictures not fetched' })).toContainText(`${LAMP}: the address leads to a private or local network (127.0.0.1)`);

    // The host drops a picture of their own on the product.
    await host.getByRole('grid', { name: 'Products' }).getByRole('button', { name: LAMP, exact: true }).click();
    const drawer = host.getByRole('dialog', { name: LAMP });
    await drawer.getByTestId('picture-drop').locator('input[type=file]').setInputFiles(picture);
    await expect(drawer.getByText('Picture saved.')).toBeVisible();
    await expect(status.getByText(/could not be fetched/)).toHaveCount(0); // the product has its own picture now
    await host.keyboard.press('Escape');

    await getReadyToGoLive(host);
    await host.getByRole('button', { name: 'Go live' }).click();
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    await host.getByRole('grid', { name: 'Products' }).getByRole('button', { name: `Pin ${LAMP}` }).click();
    await expect(host.getByTestId('pinned-title')).toHaveText(LAMP);

    // The video card draws it (from the studio's own origin: a store picture without CORS could not be drawn).
    await expect.poll(() => outputPixel(host, 0.795, 0.35).then((p) => isNear(p, GREEN, 16)), { timeout: 8_000 }).toBe(true);

    // The watch page loads it from the SFU's own origin.
    const viewerUrl = await viewerUrlOf(host);
    const viewer = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await viewer.goto(viewerUrl);
    await waitForPicture(viewer);
    await expect(viewerCard(viewer).getByTestId('pin-title')).toHaveText(LAMP);
    const img = viewerCard(viewer).getByTestId('pin-image');
    await expect(img).toHaveAttribute('src', `/media/${id}`);
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(64);
    const served = await viewer.request.get(new URL(`/media/${id}`, viewerUrl).href);
    expect(Buffer.from(await served.body())).toEqual(green);
    await viewer.screenshot({ path: test.info().outputPath('watch-kept-picture.png') });
  } finally {
    await stop();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

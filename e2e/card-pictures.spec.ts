import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { CARD_POINT, isNear, isWhite, outputPixel, outputPixels, type Rgb } from './compositor-pages.js';
import { getReadyToGoLive, livePill, viewerUrlOf, waitForPicture } from './go-live-pages.js';
import { solidPng, startPictureHost, type PictureHost } from './picture-hosts.js';
import { importCatalog, viewerCard } from './selling-pages.js';
import { expect, startStudio, test } from './studio-fixture.js';

/**
 * Issue 15, item 7: an imported picture whose website sends no CORS header
 * drew a white box on the video's card. Two local https picture hosts stand
 * in for a store's image websites, one with `Access-Control-Allow-Origin`
 * and one without. The card of a product whose picture is refused is laid
 * out without it (no empty box on the video), the product drawer says why,
 * and the watch page still shows the picture; a picture from a host that
 * allows it is drawn on the card.
 */

test.describe.configure({ timeout: 150_000 });

const RED: Rgb = [220, 30, 30];
const BLUE: Rgb = [20, 60, 230];
const HAT = 'Straw Sun Hat';
const MUG = 'Enamel Camp Mug';
const SCARF = 'Linen Scarf';

/** Where a card with a picture has it (the first-run card rect x 0.63–0.96, y 0.1–0.9; the picture is its top ~55%). */
const PICTURE_POINTS = [
  [0.7, 0.2],
  [0.795, 0.35],
  [0.9, 0.25],
  [0.75, 0.5],
  [0.88, 0.48],
] as const;
/** The card's white, or the light grey box an empty picture left. */
const isLight = ([r, g, b]: Rgb) => r >= 200 && g >= 200 && b >= 200;

function writeCatalog(noCors: PictureHost, cors: PictureHost): string {
  const header = 'Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant SKU,Variant Inventory Tracker,Variant Inventory Qty,Variant Price,Image Src,Status';
  const row = (handle: string, title: string, sku: string, price: string, image: string) =>
    `${handle},${title},<p>${title}</p>,E2E Boutique,Accessories,,TRUE,Title,Default Title,${sku},shopify,7,${price},${image},active`;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lss-pictures-')), 'pictures.csv');
  const rows = [
    row('straw-hat', HAT, 'HAT-1', '32.00', `${noCors.origin}/hat.png`),
    row('camp-mug', MUG, 'MUG-1', '18.00', `${cors.origin}/mug.png`),
    row('linen-scarf', SCARF, 'SCARF-1', '24.00', `${cors.origin}/missing/scarf.png`),
  ];
  fs.writeFileSync(file, [header, ...rows].join('\n') + '\n');
  return file;
}

async function pin(host: Page, title: string): Promise<void> {
  await host.getByRole('grid', { name: 'Products' }).getByRole('button', { name: `Pin ${title}` }).click();
  await expect(host.getByTestId('pinned-title')).toHaveText(title);
}

test('a picture whose website sends no CORS header: the video card shows the product without it, and the drawer says why', async ({ browser }) => {
  const noCors = await startPictureHost(solidPng(64, 64, RED), { cors: false });
  const cors = await startPictureHost(solidPng(64, 64, BLUE), { cors: true });
  const { studio, stop } = await startStudio(['--sfu-port', '0']);
  try {
    // The picture hosts' certificates are self-signed: both pages accept them, as they would a store's real certificate.
    const host = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, ignoreHTTPSErrors: true })).newPage();
    await host.goto(`${studio.url}&lss-test-hooks`);
    await importCatalog(host, writeCatalog(noCors, cors));
    await getReadyToGoLive(host);
    await host.getByRole('button', { name: 'Go live' }).click();
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });

    // The refused picture: the drawer tells the host why, in plain words (once the picture failed for the video)...
    await pin(host, HAT);
    await host.getByRole('grid', { name: 'Products' }).getByRole('button', { name: HAT, exact: true }).click();
    const hatDrawer = host.getByRole('dialog', { name: HAT });
    await expect(hatDrawer.getByRole('note')).toHaveText(
      "This picture's website doesn't allow it to be drawn on the video, so the video card shows the product without it. Viewers still see it on the watch page.",
    );
    await hatDrawer.screenshot({ path: test.info().outputPath('drawer-picture-note.png') });
    await host.keyboard.press('Escape');
    await expect(hatDrawer).toBeHidden();

    // ...and the card is on the video without an empty box where the picture would be: the camera shows there.
    await expect.poll(() => outputPixel(host, ...CARD_POINT).then((p) => isWhite(p)), { timeout: 3_000 }).toBe(true);
    expect((await outputPixels(host, PICTURE_POINTS)).filter(isLight)).toEqual([]);
    expect((await outputPixels(host, PICTURE_POINTS)).some((p) => isNear(p, RED, 40))).toBe(false);
    await host.screenshot({ path: test.info().outputPath('card-without-picture.png') });

    // ...and they do: the watch page's plain <img> needs no CORS.
    const viewer = await (await browser.newContext({ viewport: { width: 390, height: 844 }, ignoreHTTPSErrors: true })).newPage();
    await viewer.goto(await viewerUrlOf(host));
    await waitForPicture(viewer);
    await expect(viewerCard(viewer).getByTestId('pin-title')).toHaveText(HAT);
    await expect.poll(() => viewerCard(viewer).locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);

    // A picture from a website that allows it: drawn on the card, and the drawer has nothing to explain.
    await pin(host, MUG);
    await expect.poll(() => outputPixel(host, 0.795, 0.35).then((p) => isNear(p, BLUE, 12)), { timeout: 5_000 }).toBe(true);
    expect(isWhite(await outputPixel(host, ...CARD_POINT))).toBe(true);
    await host.getByRole('grid', { name: 'Products' }).getByRole('button', { name: MUG, exact: true }).click();
    const mugDrawer = host.getByRole('dialog', { name: MUG });
    await expect(mugDrawer.locator('img.thumb-large')).toHaveJSProperty('naturalWidth', 64);
    await expect(mugDrawer.getByRole('note')).toHaveCount(0);
    await host.keyboard.press('Escape');
    await expect(mugDrawer).toBeHidden();

    // A dead picture link: the drawer says that instead (the watch page cannot show it either).
    await host.getByRole('grid', { name: 'Products' }).getByRole('button', { name: SCARF, exact: true }).click();
    await expect(host.getByRole('dialog', { name: SCARF }).getByRole('note')).toHaveText(
      "This picture could not be loaded from its website, so the video card and the watch page show the product without it. Check the image link in your store's product list.",
    );
  } finally {
    await stop();
    await noCors.close();
    await cors.close();
  }
});

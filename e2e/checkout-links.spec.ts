import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openChatViewer, sendFromViewer } from './chat-pages.js';
import { myClaims } from './first-show-pages.js';
import { openStudio, startLiveStudio } from './go-live-pages.js';
import { buildSellingShow, HOOPS, importCatalog, pressSellingKey, SCARF, TOTE, viewerCard } from './selling-pages.js';
import { expect, test } from './studio-fixture.js';

/**
 * Claims become checkouts (issue 19), walked in Chromium with the real
 * parts (`studio web`, its built-in SFU, the watch page): a viewer claims
 * two products in chat, the host sends checkout links from the Claims tab,
 * and the viewer's page shows one "Check out your 2 items" link — the
 * Shopify cart permalink with both variant:qty pairs — which a reload keeps.
 */

test.describe.configure({ timeout: 180_000 });

const STORE = 'https://shop.example';
/** The store's IDs, as a Shopify export made by an app carries them ("ID", "Variant ID"). */
const VARIANT_IDS = { [TOTE.sku]: '40000000000001', [HOOPS.sku]: '40000000000002', [SCARF.sku]: '40000000000003' } as const;

function writeShopifyCatalogWithIds(): string {
  const header =
    'Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant SKU,Variant Inventory Tracker,Variant Inventory Qty,Variant Price,Variant Compare At Price,Status,ID,Variant ID';
  const row = (handle: string, id: string, p: { title: string; sku: keyof typeof VARIANT_IDS; price: string; stock: number }) =>
    `${handle},${p.title},<p>${p.title}</p>,E2E Boutique,Accessories,,TRUE,Title,Default Title,${p.sku},shopify,${p.stock},${p.price},,active,${id},${VARIANT_IDS[p.sku]}`;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lss-checkout-')), 'shopify-with-ids.csv');
  fs.writeFileSync(file, [header, row('silk-scarf', '7001', SCARF), row('canvas-tote', '7002', TOTE), row('gold-hoops', '7003', HOOPS)].join('\n') + '\n');
  return file;
}

test('a viewer claims two products; the host sends checkout links; the viewer gets one Shopify cart with both', async ({ browser }) => {
  const { studio, stop } = await startLiveStudio();
  try {
    const host = await openStudio(browser, studio);
    await importCatalog(host, writeShopifyCatalogWithIds());
    await buildSellingShow(host);
    await host.evaluate(async (url) => {
      const result = await window.studio!.updateSettings({ store: { platform: 'shopify', url }, selling: { claimsFromChat: true } });
      if (!result.ok) throw new Error(result.error.message);
    }, STORE);
    const anna = await openChatViewer(browser, host);

    // Anna claims the tote, then the hoops.
    await pressSellingKey(host, '1');
    await expect(viewerCard(anna).getByTestId('pin-title')).toHaveText(TOTE.title);
    await sendFromViewer(anna, 'sold', 'Anna');
    await expect(myClaims(anna).getByTestId('my-claim-status')).toHaveText(['Confirmed']);
    await pressSellingKey(host, '2');
    await expect(viewerCard(anna).getByTestId('pin-title')).toHaveText(HOOPS.title);
    await sendFromViewer(anna, 'sold please'); // a new text: chat holds a repeated message as a duplicate
    await expect(myClaims(anna).getByTestId('my-claim-status')).toHaveText(['Confirmed', 'Confirmed']);
    await expect(anna.getByTestId('checkout-link')).toHaveCount(0);

    // The Claims tab: Anna has not been sent a link; the host sends to everyone.
    await host.getByRole('tab', { name: 'Claims' }).click();
    const annaRow = host.getByTestId('checkout-buyer').filter({ hasText: 'Anna' });
    await expect(annaRow.getByTestId('checkout-status')).toHaveText('Not sent');
    await host.getByTestId('claims-checkout').getByRole('button', { name: 'Send to everyone' }).click();
    await expect(host.getByRole('status').filter({ hasText: 'Sent checkout links to 1 buyer (2 items)' })).toBeVisible();
    await expect(annaRow.getByTestId('checkout-status')).toHaveText(/^Link sent \d{1,2}:\d{2}/);

    // Anna's page: one link, the cart with both variant:qty pairs, opening the store in a new tab.
    const link = myClaims(anna).getByRole('link', { name: 'Check out your 2 items' });
    await expect(link).toBeVisible();
    const href = new URL((await link.getAttribute('href'))!);
    expect(href.origin).toBe(STORE);
    expect(href.pathname).toBe(`/cart/${VARIANT_IDS[TOTE.sku]}:1,${VARIANT_IDS[HOOPS.sku]}:1`);
    expect(href.searchParams.get('utm_source')).toBe('live-seller-studio');
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    await anna.screenshot({ path: test.info().outputPath('watch-page-checkout-link.png') });

    // A reload keeps it; sending again sends nothing new.
    await anna.reload();
    await expect(myClaims(anna).getByRole('link', { name: 'Check out your 2 items' })).toHaveAttribute('href', href.href);
    await host.getByTestId('claims-stock-row').filter({ hasText: TOTE.title }).getByRole('button', { name: `Send checkout links for ${TOTE.title}` }).click();
    await expect(host.getByRole('status').filter({ hasText: 'Everyone already has a link' })).toBeVisible();
    await expect(myClaims(anna).getByTestId('checkout-link')).toHaveCount(1);
  } catch (error) {
    console.log(studio.output().slice(-3000));
    throw error;
  } finally {
    for (const context of browser.contexts()) await context.close().catch(() => undefined);
    await stop();
  }
});

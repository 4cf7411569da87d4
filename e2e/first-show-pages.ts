import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Pieces for the first-show tests (issue 15): a shirt in two sizes with
 * known stock, a show made of it, and where each screen shows a product's
 * units left (the rundown row, the studio's pinned card, the watch page's
 * card, the Claims tab).
 */

export const SHIRT = {
  title: 'Linen Shirt',
  price: '35.00',
  sizes: [
    { size: 'S', sku: 'LINEN-S', stock: 5 },
    { size: 'M', sku: 'LINEN-M', stock: 15 },
  ],
} as const;

/** A Shopify CSV with the shirt in S and M (20 in all), a temp file the import dialog reads like a host's. */
export function writeShirtCatalog(): string {
  const header =
    'Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant SKU,Variant Inventory Tracker,Variant Inventory Qty,Variant Price,Variant Compare At Price,Status';
  const [s, m] = SHIRT.sizes;
  const lines = [
    header,
    `linen-shirt,${SHIRT.title},<p>Breezy.</p>,E2E Boutique,Tops,,TRUE,Size,${s.size},${s.sku},shopify,${s.stock},${SHIRT.price},,active`,
    `linen-shirt,,,,,,,,${m.size},${m.sku},shopify,${m.stock},${SHIRT.price},,`,
  ];
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lss-first-show-')), 'shirt-catalog.csv');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** A show with one product item, the whole shirt (key 1), made active so the rundown panel shows it. */
export async function buildShirtShow(host: Page): Promise<void> {
  await host.evaluate(async (sku) => {
    const studio = window.studio!;
    const must = <T,>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const row = must(await studio.searchCatalog({ query: sku, offset: 0, limit: 1 })).rows[0];
    if (!row) throw new Error(`${sku} is not in the catalog`);
    const show = must(await studio.createShow({ name: 'First show', scheduledStart: null }));
    must(await studio.addRundownItems({ showId: show.id, items: [{ kind: 'product', productId: row.productId, variantId: null }] }));
    must(await studio.setActiveShow({ showId: show.id }));
  }, SHIRT.sizes[0].sku);
  await expect(rundownRow(host, SHIRT.title)).toBeVisible();
}

export const rundownRow = (host: Page, title: string): Locator =>
  host.getByRole('list', { name: 'Rundown items' }).getByRole('listitem').filter({ hasText: title });

/** The Claims tab's "units left" line of a product. */
export const claimsStockLeft = (host: Page, title: string): Locator =>
  host.getByTestId('claims-stock-row').filter({ hasText: title }).getByTestId('claims-stock-left');

/** The watch page's "My claims" (the buyer's own claims and contact). */
export const myClaims = (viewer: Page): Locator => viewer.getByRole('region', { name: 'My claims' });

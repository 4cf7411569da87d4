import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Pieces for the selling end-to-end tests: a small catalog whose stock is
 * known (one scarf left), a show built from it, and the studio's selling
 * controls (hotkeys, the deal bar, the Claims tab) driven like a host would.
 */

export const SCARF = { title: 'Silk Scarf', sku: 'SCARF-1', price: '40.00', stock: 1 } as const;
export const TOTE = { title: 'Canvas Tote', sku: 'TOTE-1', price: '25.00', stock: 5 } as const;
export const HOOPS = { title: 'Gold Hoops', sku: 'HOOPS-1', price: '30.00', stock: 3 } as const;

/** A Shopify CSV with three single-variant products (a temp file; the import dialog reads it like a host's file). */
export function writeSellingCatalog(): string {
  const header =
    'Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant SKU,Variant Inventory Tracker,Variant Inventory Qty,Variant Price,Variant Compare At Price,Status';
  const row = (handle: string, p: { title: string; sku: string; price: string; stock: number }) =>
    `${handle},${p.title},<p>${p.title}</p>,E2E Boutique,Accessories,,TRUE,Title,Default Title,${p.sku},shopify,${p.stock},${p.price},,active`;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lss-selling-')), 'selling-catalog.csv');
  fs.writeFileSync(file, [header, row('silk-scarf', SCARF), row('canvas-tote', TOTE), row('gold-hoops', HOOPS)].join('\n') + '\n');
  return file;
}

export async function importCatalog(host: Page, file: string): Promise<void> {
  await host.getByRole('region', { name: 'Catalog' }).getByRole('button', { name: 'Import…' }).click();
  const dialog = host.getByRole('dialog', { name: 'Import products' });
  await dialog.getByLabel('Product file').setInputFiles(file);
  await dialog.getByRole('button', { name: /^Import \d+ products?$/ }).click();
  await expect(dialog.getByRole('status').filter({ hasText: /^Imported/ })).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
}

/**
 * The show the tests run: an intro segment, then Tote (key 1), Hoops (key 2),
 * Scarf (key 3). Built through the API (the catalog-rundown spec covers
 * building it by hand) and made active, so the rundown panel shows it.
 */
export async function buildSellingShow(host: Page): Promise<void> {
  await host.evaluate(
    async (skus) => {
      const studio = window.studio!;
      const must = <T,>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
        if (!r.ok) throw new Error(r.error.message);
        return r.value;
      };
      const products = [];
      for (const sku of skus) {
        const row = must(await studio.searchCatalog({ query: sku, offset: 0, limit: 1 })).rows[0];
        if (!row) throw new Error(`${sku} is not in the catalog`);
        products.push({ kind: 'product' as const, productId: row.productId, variantId: null });
      }
      const show = must(await studio.createShow({ name: 'Selling e2e', scheduledStart: null }));
      must(
        await studio.addRundownItems({
          showId: show.id,
          items: [{ kind: 'segment', segmentType: 'intro', title: 'Welcome', notes: '', plannedSeconds: 60 }, ...products],
        }),
      );
      must(await studio.setActiveShow({ showId: show.id }));
    },
    [TOTE.sku, HOOPS.sku, SCARF.sku],
  );
  // Made and activated within a few milliseconds: the rundown panel must still end on it
  // (its showsChanged re-read used to overwrite the newer rundownChanged).
  await expect(host.getByRole('list', { name: 'Rundown items' }).getByRole('listitem')).toHaveCount(4);
}

/** Selling keys go to the page, not to a field: nothing focused, as after a click on empty space. */
export async function pressSellingKey(host: Page, key: string): Promise<void> {
  await host.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await host.keyboard.press(key);
}

export const viewerCard = (viewer: Page): Locator => viewer.getByRole('complementary', { name: 'Featured product' });

export const claimRows = (host: Page): Locator => host.getByTestId('claim-row');

/** "04:59" → 299. */
export function countdownSeconds(text: string | null): number {
  const match = /(\d+):(\d{2})/.exec(text ?? '');
  if (!match) throw new Error(`Not a countdown: ${JSON.stringify(text)}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** A CSV document as rows of cells (RFC 4180 quoting), enough to check an export. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/**
 * Issue 19: an import keeps the currency a price names ("€24.00" is EUR,
 * not a bare 24.00), and a value that reads two ways ("1,299") is read by
 * the decimal mark the file shows anywhere (see price-marks.test.ts). Reads tests/fixtures/catalogs/prices-with-currencies.csv.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRICES_WITH_CURRENCIES_CSV } from '../../../../tests/harness/catalog-fixtures.js';
import { tempDir } from '../../../../tests/support/temp-dir.js';
import { openDatabase } from '../../db/open-database.js';
import { importCatalogFile } from '../catalog-import.js';
import { CatalogStore } from '../catalog-store.js';
import { parseCatalogFile } from './parse-catalog-file.js';
import { PriceCells } from './price-cells.js';

const priceOf = (products: Awaited<ReturnType<typeof parseCatalogFile>>['products'], sku: string) => {
  const product = products.find((p) => p.variants.some((v) => v.sku === sku));
  return product && { price: product.variants[0]?.price, compareAt: product.variants[0]?.compareAtPrice, currency: product.currency };
};

describe('importing prices that name their currency', () => {
  it('keeps each currency and reads "1,299" by the decimal comma the file shows, even on an earlier line', async () => {
    const result = await parseCatalogFile(PRICES_WITH_CURRENCIES_CSV, { storeCurrency: 'CAD' });
    expect(result.errors).toEqual([]);
    // Line 2 comes before line 3 shows decimal commas; the whole price column decides it.
    expect(priceOf(result.products, 'JK-1')).toEqual({ price: '1.299', compareAt: null, currency: null });
    expect(priceOf(result.products, 'SC-1')).toEqual({ price: '24.00', compareAt: '30.00', currency: 'EUR' });
    // After line 3 showed decimal commas, "1,299 €" is 1.299 euros (three decimals).
    expect(priceOf(result.products, 'BT-1')).toEqual({ price: '1.299', compareAt: null, currency: 'EUR' });
    expect(priceOf(result.products, 'HAT-1')).toEqual({ price: '18', compareAt: null, currency: 'GBP' });
    // A bare "$" is the store's dollar (CAD here).
    expect(priceOf(result.products, 'TT-1')).toEqual({ price: '12', compareAt: null, currency: 'CAD' });
    expect(priceOf(result.products, 'MG-1')).toEqual({ price: '9.50', compareAt: null, currency: 'USD' });
    expect(priceOf(result.products, 'TE-1')).toEqual({ price: '15', compareAt: null, currency: null });
  });

  it('reads a bare "$" as USD when the store currency is not a dollar', async () => {
    const result = await parseCatalogFile(PRICES_WITH_CURRENCIES_CSV, { storeCurrency: 'EUR' });
    expect(priceOf(result.products, 'TT-1')?.currency).toBe('USD');
  });

  it('shows the store currency for products whose file named none, and follows a later change of it', async () => {
    const db = openDatabase(path.join(tempDir(), 'studio.sqlite'));
    let storeCurrency = '';
    const store = new CatalogStore(db, { storeCurrency: () => storeCurrency });
    await importCatalogFile({ store, parse: parseCatalogFile }, PRICES_WITH_CURRENCIES_CSV, { format: 'auto', dryRun: false });
    const currencyOf = (sku: string) => {
      const row = store.search({ query: sku, offset: 0, limit: 1 }).rows[0]!;
      return [row.currency, store.getProduct(row.productId).currency];
    };
    expect(currencyOf('TE-1')).toEqual([null, null]);
    storeCurrency = 'GBP';
    expect(currencyOf('TE-1')).toEqual(['GBP', 'GBP']);
    // A currency the file named stays its own.
    expect(currencyOf('SC-1')).toEqual(['EUR', 'EUR']);
  });
});

describe('PriceCells', () => {
  it('starts from the convention a known format fixes', () => {
    const problems: string[] = [];
    expect(new PriceCells({ decimalMark: '.', storeCurrency: '' }).read('1,299', 'price', problems).amount).toBe('1299');
    expect(new PriceCells({ decimalMark: ',', storeCurrency: '' }).read('1.299', 'price', problems).amount).toBe('1299');
    expect(problems).toEqual([]);
  });
});

/**
 * Issue 19: a generic CSV's "1,299" is read the same wherever the file shows
 * its decimal mark, and a price whose currency settles it ("¥1,500",
 * "₩25,000", "$1,299") is never refused as ambiguous.
 */
import { describe, expect, it } from 'vitest';
import { PRICES_MARK_LATE_CSV, PRICES_STORE_YEN_CSV } from '../../../../tests/harness/catalog-fixtures.js';
import { parseCatalogFile } from './parse-catalog-file.js';

type Products = Awaited<ReturnType<typeof parseCatalogFile>>['products'];
const priceOf = (products: Products, sku: string) => {
  const variant = products.flatMap((p) => p.variants).find((v) => v.sku === sku);
  return variant && [variant.price, variant.compareAtPrice];
};

describe('prices whose decimal mark the cell does not show', () => {
  it('reads yen, won and dollar thousands in a yen store, and reports only the euro it cannot settle', async () => {
    const result = await parseCatalogFile(PRICES_STORE_YEN_CSV, { storeCurrency: 'JPY' });
    expect(priceOf(result.products, 'TB-1')).toEqual(['1500', null]);
    expect(priceOf(result.products, 'KM-1')).toEqual(['12000', null]);
    expect(priceOf(result.products, 'FS-1')).toEqual(['120000', null]);
    expect(priceOf(result.products, 'HB-1')).toEqual(['25000', null]);
    expect(priceOf(result.products, 'DL-1')).toEqual(['1299', null]);
    expect(priceOf(result.products, 'PR-1')).toEqual(['1500', null]);
    expect(priceOf(result.products, 'EC-1')).toBeUndefined();
    expect(result.errors).toEqual([{ line: 8, message: expect.stringContaining('price "€1,299" could be 1299 or 1.299') as unknown }]);
    expect(result.products.find((p) => p.variants.some((v) => v.sku === 'HB-1'))?.currency).toBe('KRW');
  });

  it('without the yen store, a bare "1,500" in the same file is reported, the symbols still settle theirs', async () => {
    const result = await parseCatalogFile(PRICES_STORE_YEN_CSV, { storeCurrency: 'EUR' });
    expect(priceOf(result.products, 'TB-1')).toEqual(['1500', null]);
    expect(priceOf(result.products, 'DL-1')).toEqual(['1299', null]);
    expect(priceOf(result.products, 'PR-1')).toBeUndefined();
    expect(result.errors.map((e) => e.line)).toEqual([7, 8]);
  });

  it('reads "1,299" by the decimal mark a later row shows, as it reads the same cell after that row', async () => {
    const result = await parseCatalogFile(PRICES_MARK_LATE_CSV, { storeCurrency: '' });
    expect(result.errors).toEqual([]);
    expect(priceOf(result.products, 'LT-1')).toEqual(['1299', null]);
    expect(priceOf(result.products, 'PH-1')).toEqual(['1299', '1499']);
    expect(priceOf(result.products, 'CB-1')).toEqual(['19.99', null]);
    expect(priceOf(result.products, 'CH-1')).toEqual(['1299', null]);
    // Held rows keep file order.
    expect(result.products.map((p) => p.variants[0]?.sku)).toEqual(['LT-1', 'PH-1', 'CB-1', 'CH-1']);
  });
});

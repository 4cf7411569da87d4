import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importedProduct } from '../../../tests/harness/imported-products.js';
import { SHOPIFY_VARIANT_IDS_CSV } from '../../../tests/harness/catalog-fixtures.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { openDatabase } from '../db/open-database.js';
import { CatalogStore } from './catalog-store.js';
import { parseCatalogFile } from './import/parse-catalog-file.js';

const openStore = () => {
  const db = openDatabase(path.join(tempDir(), 'studio.sqlite'));
  let clock = 1_000;
  return new CatalogStore(db, { now: () => clock++ });
};

const shirt = (productId: string | null, variantIds: (string | null)[]) =>
  importedProduct({
    sourceKey: 'linen-shirt',
    title: 'Linen Shirt',
    platformId: productId,
    optionNames: ['Size'],
    variants: variantIds.map((platformId, i) => ({ sku: `LS-${i}`, optionValues: [`S${i}`], platformId })),
  });

describe('store IDs in the catalog (issue 19)', () => {
  it('saves the IDs a Shopify export carries and reads them back on the product and its variants', async () => {
    const store = openStore();
    const parsed = await parseCatalogFile(SHOPIFY_VARIANT_IDS_CSV);
    const outcome = store.applyImport(parsed.products, 'shopify', { dryRun: false });
    const product = store.getProduct(outcome.planned[0]!.productId!);
    expect(product).toMatchObject({ sourceKey: 'linen-shirt', platformId: '7010000000001' });
    expect(product.variants.map((v) => [v.sku, v.platformId])).toEqual([
      ['LS-S', '40100000000011'],
      ['LS-M', '40100000000012'],
      ['LS-L', '40100000000013'],
    ]);
  });

  it('a re-import updates changed IDs, keeps them when the new file has none, and gives a new variant its own', () => {
    const store = openStore();
    const id = store.applyImport([shirt('70', ['401', '402'])], 'shopify', { dryRun: false }).planned[0]!.productId!;
    const before = store.getProduct(id);

    store.applyImport([shirt('71', ['401', '499'])], 'shopify', { dryRun: false });
    let after = store.getProduct(id);
    expect(after.platformId).toBe('71');
    expect(after.variants.map((v) => [v.id, v.platformId])).toEqual([
      [before.variants[0]!.id, '401'],
      [before.variants[1]!.id, '499'],
    ]);

    // A file without the ID columns (Shopify's own product export) leaves the IDs as they were, and changes nothing.
    const updatedAt = after.updatedAt;
    store.applyImport([shirt(null, [null, null])], 'shopify', { dryRun: false });
    after = store.getProduct(id);
    expect(after.platformId).toBe('71');
    expect(after.variants.map((v) => v.platformId)).toEqual(['401', '499']);
    expect(after.updatedAt).toBe(updatedAt);

    store.applyImport([shirt(null, [null, null, '403'])], 'shopify', { dryRun: false });
    expect(store.getProduct(id).variants.map((v) => v.platformId)).toEqual(['401', '499', '403']);
  });
});

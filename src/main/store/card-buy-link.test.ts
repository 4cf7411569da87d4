import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHOPIFY_VARIANT_IDS_CSV } from '../../../tests/harness/catalog-fixtures.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { CatalogStore } from '../catalog/catalog-store.js';
import { parseCatalogFile } from '../catalog/import/parse-catalog-file.js';
import { openDatabase } from '../db/open-database.js';
import { buildProductCard } from '../pin/product-card-builder.js';
import { storeSettingsSchema } from '../../shared/domain/store-settings.js';
import { cardBuyLink } from './card-buy-link.js';

async function importedShirt() {
  const catalog = new CatalogStore(openDatabase(path.join(tempDir(), 'studio.sqlite')));
  const parsed = await parseCatalogFile(SHOPIFY_VARIANT_IDS_CSV);
  return catalog.getProduct(catalog.applyImport(parsed.products, 'shopify', { dryRun: false }).planned[0]!.productId!);
}

describe('the Buy link on a product card', () => {
  it('is the Shopify cart permalink for an imported variant, naming the show, once the store is set', async () => {
    const shirt = await importedShirt();
    let store = storeSettingsSchema.parse({});
    const link = cardBuyLink({ store: () => store, show: (id) => ({ id, name: 'Summer Linen Live' }) });
    const medium = shirt.variants[1]!;
    // No store yet: the product has no link of its own, so no Buy button.
    expect(buildProductCard(shirt, medium.id, link(shirt, medium.id, 4)).buyUrl).toBeNull();
    store = storeSettingsSchema.parse({ platform: 'shopify', url: 'https://linen.example.com' });
    expect(buildProductCard(shirt, medium.id, link(shirt, medium.id, 4)).buyUrl).toBe(
      'https://linen.example.com/cart/40100000000012:1?utm_source=live-seller-studio&utm_medium=live&utm_campaign=summer-linen-live',
    );
  });

  it('still works for a show that is gone, without a campaign', async () => {
    const shirt = await importedShirt();
    const store = storeSettingsSchema.parse({ platform: 'shopify', url: 'https://linen.example.com' });
    const link = cardBuyLink({
      store: () => store,
      show: () => {
        throw new Error('no such show');
      },
    });
    expect(link(shirt, shirt.variants[0]!.id, 9)).toBe('https://linen.example.com/cart/40100000000011:1?utm_source=live-seller-studio&utm_medium=live');
  });
});

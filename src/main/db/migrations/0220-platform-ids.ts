import type { Migration } from './types.js';

const idCheck = (column: string): string => `${column} IS NULL OR (length(${column}) BETWEEN 1 AND 40)`;

/**
 * The IDs products and variants have in the seller's store (issue 19), kept
 * from the import so Buy buttons can fill the cart: a Shopify export's
 * product "ID" and "Variant ID" (cart permalinks `/cart/<variant id>:<qty>`),
 * a WooCommerce export's "ID" (the parent's on products, each variation's on
 * its variant: `?add-to-cart=<parent>&variation_id=<id>`). Text, not
 * INTEGER: Shopify IDs are 14 digits and more, and never used as numbers.
 * NULL: the file had no ID (products imported before keep working: Buy then
 * opens the product page or the product's own link).
 */
export const platformIdsMigration: Migration = {
  version: 220,
  name: 'platform-ids',
  up(db) {
    db.exec(`
      ALTER TABLE products ADD COLUMN platform_id TEXT CHECK (${idCheck('platform_id')});
      ALTER TABLE variants ADD COLUMN platform_id TEXT CHECK (${idCheck('platform_id')});
    `);
  },
};

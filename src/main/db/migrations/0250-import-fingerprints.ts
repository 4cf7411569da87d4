import type { Migration } from './types.js';

/**
 * Catalog import speed (issue 20): `products.import_fingerprint`, a hash of
 * the imported product (its fields, variants and images, as the file gave
 * them) that was last written to the row. A re-import whose product hashes
 * the same leaves the row, its variants, images and search rows alone
 * without reading them: writing the same import twice is a no-op, and the
 * import writer is the only writer of the catalog tables. Anything else that
 * ever changes a product, its variants or images must set it back to NULL.
 * NULL (rows imported before, or changed since): compare field by field.
 */
export const importFingerprintsMigration: Migration = {
  version: 250,
  name: 'import-fingerprints',
  up(db) {
    db.exec('ALTER TABLE products ADD COLUMN import_fingerprint TEXT;');
  },
};

import type { Migration } from './types.js';

/**
 * Product pictures kept in the data folder (issue 19). `picture_sources`:
 * each picture address an import named (a product's image or a variant's),
 * fetched once into `<data folder>/media/<media_id>` whichever products
 * share it; a product or variant reaches its file through its image
 * address (images.url, variants.image_url), so a re-import that rewrites
 * the product rows keeps the files and fetches nothing again. `failed`
 * keeps the plain reason until the host retries. `product_pictures`: a
 * picture the host gave a product itself (dropped in the product drawer, or
 * a file beside the imported CSV); it comes before the imported addresses.
 */
export const productPicturesMigration: Migration = {
  version: 230,
  name: 'product-pictures',
  up(db) {
    db.exec(`
      CREATE TABLE picture_sources (
        url        TEXT PRIMARY KEY CHECK (length(url) BETWEEN 1 AND 2048),
        status     TEXT NOT NULL CHECK (status IN ('waiting', 'ready', 'failed')),
        media_id   TEXT CHECK (media_id IS NULL OR media_id GLOB '[0-9a-f]*.[a-z]*'),
        error      TEXT CHECK (error IS NULL OR length(error) <= 300),
        updated_at INTEGER NOT NULL,
        CHECK ((status = 'ready') = (media_id IS NOT NULL)),
        CHECK ((status = 'failed') = (error IS NOT NULL))
      ) STRICT;

      CREATE INDEX picture_sources_by_status ON picture_sources (status) WHERE status <> 'ready';

      CREATE TABLE product_pictures (
        product_id INTEGER PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
        media_id   TEXT NOT NULL CHECK (media_id GLOB '[0-9a-f]*.[a-z]*'),
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};

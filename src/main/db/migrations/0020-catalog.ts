import type { Migration } from './types.js';

/**
 * A decimal string in major units ("19.99", "1500"): digits, at most one
 * dot, digits after it. Prices stay exact text; nothing here is a float.
 */
const decimalCheck = (column: string): string =>
  `${column} IS NULL OR (${column} GLOB '[0-9]*' AND ${column} NOT GLOB '*[^0-9.]*' ` +
  `AND ${column} NOT GLOB '*.*.*' AND ${column} NOT GLOB '*.')`;

const jsonArrayCheck = (column: string): string => `json_valid(${column}) AND json_type(${column}) = 'array'`;

/**
 * The product catalog: products, their variants and images, and a search
 * index with one row per variant.
 *
 * Re-imports find a product by (source_format, source_key) — the handle,
 * SKU or item id it has in the seller's store — so that key is unique per
 * format (a Shopify handle and a WooCommerce SKU may be the same text).
 *
 * catalog_search is a contentless FTS5 table (rowid = variants.id): the text
 * already lives in products/variants, and the store writes the index rows in
 * the same transaction as the variant rows (contentless_delete lets it
 * remove them by rowid; a trigger does so for every deleted variant).
 * sku_joined holds the SKU without separators so "tsblk" finds "TS-BLK-M"
 * as well as "ts-blk" does. Prefix indexes for 1, 2 and 3 characters keep
 * as-you-type queries fast from the first keystroke: on 100,000 variants a
 * one-letter prefix took 6–20 ms with only '2 3' (FTS5 then merges every
 * term starting with that letter) and 2–5 ms with '1 2 3', for ~18% more
 * index and ~25% more import time (docs/benchmarks.md).
 */
export const catalogMigration: Migration = {
  version: 20,
  name: 'catalog',
  up(db) {
    db.exec(`
      CREATE TABLE products (
        id               INTEGER PRIMARY KEY,
        source_format    TEXT NOT NULL CHECK (source_format IN ('shopify', 'woocommerce', 'google', 'csv')),
        source_key       TEXT NOT NULL CHECK (length(source_key) > 0),
        title            TEXT NOT NULL CHECK (length(title) > 0),
        description_text TEXT NOT NULL DEFAULT '',
        description_html TEXT NOT NULL DEFAULT '',
        vendor           TEXT NOT NULL DEFAULT '',
        product_type     TEXT NOT NULL DEFAULT '',
        tags             TEXT NOT NULL DEFAULT '[]' CHECK (${jsonArrayCheck('tags')}),
        status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'draft', 'archived')),
        buy_url          TEXT,
        currency         TEXT,
        option_names     TEXT NOT NULL DEFAULT '[]'
                         CHECK (${jsonArrayCheck('option_names')} AND json_array_length(option_names) <= 3),
        created_at       INTEGER NOT NULL,
        updated_at       INTEGER NOT NULL,
        UNIQUE (source_format, source_key)
      ) STRICT;

      -- The catalog table without a query lists variants by product title.
      CREATE INDEX products_by_title ON products (title COLLATE NOCASE, id);

      CREATE TABLE variants (
        id               INTEGER PRIMARY KEY,
        product_id       INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
        position         INTEGER NOT NULL CHECK (position >= 0),
        sku              TEXT CHECK (sku IS NULL OR length(sku) > 0),
        barcode          TEXT,
        option1          TEXT,
        option2          TEXT,
        option3          TEXT,
        price            TEXT CHECK (${decimalCheck('price')}),
        compare_at_price TEXT CHECK (${decimalCheck('compare_at_price')}),
        stock            INTEGER,
        image_url        TEXT
      ) STRICT;

      CREATE INDEX variants_by_product ON variants (product_id, position);
      -- Re-imports fall back to finding a product by one of its variants' SKUs.
      CREATE INDEX variants_by_sku ON variants (sku) WHERE sku IS NOT NULL;

      CREATE TABLE images (
        id         INTEGER PRIMARY KEY,
        product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
        position   INTEGER NOT NULL CHECK (position >= 0),
        url        TEXT NOT NULL CHECK (length(url) > 0),
        alt        TEXT NOT NULL DEFAULT ''
      ) STRICT;

      CREATE INDEX images_by_product ON images (product_id, position);

      CREATE VIRTUAL TABLE catalog_search USING fts5 (
        title, sku, sku_joined, vendor, tags, options,
        content = '',
        contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '1 2 3'
      );
      -- Whatever removes a variant (the store, or a product delete cascading)
      -- also removes its search row; inserts and updates are written by the
      -- store, which has the product fields at hand.
      CREATE TRIGGER variants_leave_search AFTER DELETE ON variants BEGIN
        DELETE FROM catalog_search WHERE rowid = old.id;
      END;
      -- Title matches count most, then SKU; vendor, tags and options less.
      INSERT INTO catalog_search (catalog_search, rank) VALUES ('rank', 'bm25(10.0, 8.0, 8.0, 3.0, 2.0, 2.0)');
    `);
  },
};

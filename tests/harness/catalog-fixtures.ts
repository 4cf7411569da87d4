/**
 * The real store exports in tests/fixtures/catalogs (see its README): one
 * place that knows where they are, for the parser and CLI tests, the studio
 * core tests and the benchmarks. A harness: no vitest here.
 */
import path from 'node:path';

export const CATALOG_FIXTURES = path.resolve(import.meta.dirname, '../fixtures/catalogs');

/** Shopify's product CSV template: 3 products, 16 variants (classic headers). */
export const SHOPIFY_TEMPLATE_CSV = path.join(CATALOG_FIXTURES, 'shopify-product-template.csv');

/** WooCommerce's sample products: 18 products from 25 rows (UTF-8 with a BOM). */
export const WOOCOMMERCE_SAMPLE_CSV = path.join(CATALOG_FIXTURES, 'woocommerce-sample-products.csv');

/** A Shopify export with the product "ID" and "Variant ID" columns (made by the project): 3 products. */
export const SHOPIFY_VARIANT_IDS_CSV = path.join(CATALOG_FIXTURES, 'shopify-variant-ids.csv');
/** Made by the project: prices naming their currency by symbol or code, one ambiguous "1,299" (issue 19). */
export const PRICES_WITH_CURRENCIES_CSV = path.join(CATALOG_FIXTURES, 'prices-with-currencies.csv');
/** Made by the project: a generic CSV for a yen store whose prices show no decimal mark (issue 19). */
export const PRICES_STORE_YEN_CSV = path.join(CATALOG_FIXTURES, 'prices-store-yen.csv');
/** Made by the project: "1,299" before the "19.99" that shows the file's decimal mark (issue 19). */
export const PRICES_MARK_LATE_CSV = path.join(CATALOG_FIXTURES, 'prices-mark-late.csv');

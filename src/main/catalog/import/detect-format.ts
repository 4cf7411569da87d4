/**
 * Which store exported this CSV, judged from its header row alone. Each
 * known format must show the columns that only it writes; anything else
 * is a generic CSV read through a column mapping. XML is told apart before
 * this (by its first character) and is only ever a Google feed.
 */
import type { CatalogFormat } from '../../../shared/domain/catalog.js';
import { normalizeHeader } from './columns.js';
import { googleAttributeName } from './google-feed.js';

const SHOPIFY_CLASSIC = ['variant sku', 'variant price', 'body (html)', 'option1 name', 'image src', 'variant inventory qty', 'variant compare at price'];
const SHOPIFY_CURRENT = ['title', 'option1 name', 'product image url', 'variant image url', 'compare-at price', 'inventory quantity', 'published on online store'];
const WOO_COLUMNS = [
  'regular price', 'sale price', 'in stock?', 'parent', 'grouped products', 'attribute 1 name', 'short description',
  'visibility in catalog', 'is featured?', 'tax status', 'external url', 'button text', 'backorders allowed?',
];
const GOOGLE_SPECIFIC = [
  'image_link', 'availability', 'item_group_id', 'google_product_category', 'additional_image_link', 'gtin', 'mpn',
  'sale_price', 'identifier_exists', 'condition', 'product_type',
];
const GOOGLE_COMMON = ['link', 'price', 'brand', 'description'];

const countPresent = (present: Set<string>, names: readonly string[]): number => names.filter((n) => present.has(n)).length;

export function detectCsvFormat(headers: readonly string[]): CatalogFormat {
  const present = new Set(headers.map(normalizeHeader));
  if (present.has('handle') && countPresent(present, SHOPIFY_CLASSIC) >= 1) return 'shopify';
  if (present.has('url handle') && countPresent(present, SHOPIFY_CURRENT) >= 1) return 'shopify';
  if (present.has('name') && (present.has('id') || present.has('sku')) && countPresent(present, WOO_COLUMNS) >= 2) return 'woocommerce';
  const google = new Set(headers.map(googleAttributeName));
  if (google.has('id') && google.has('title')) {
    const specific = countPresent(google, GOOGLE_SPECIFIC);
    if (specific >= 1 && specific + countPresent(google, GOOGLE_COMMON) >= 2) return 'google';
  }
  return 'csv';
}

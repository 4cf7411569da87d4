/**
 * One hash of what an import file said about a product, stored with the
 * product (products.import_fingerprint, migration 0250) so that a re-import
 * can tell an unchanged product without reading its rows.
 */
import crypto from 'node:crypto';
import type { CatalogFormat } from '../../shared/domain/catalog.js';
import type { ImportedProduct } from './import/types.js';

/**
 * What the file said about a product, as one hash (file line numbers left
 * out: moving rows changes nothing). Equal fingerprints mean equal imports,
 * and writing an import twice changes nothing the second time.
 */
export function importFingerprint(format: CatalogFormat, p: ImportedProduct): string {
  const text = JSON.stringify([
    format,
    p.sourceKey,
    p.title,
    p.descriptionText,
    p.descriptionHtml,
    p.vendor,
    p.productType,
    p.tags,
    p.status,
    p.buyUrl,
    p.currency,
    p.optionNames,
    p.platformId,
    p.variants.map((v) => [v.sku, v.barcode, v.optionValues, v.price, v.compareAtPrice, v.stock, v.imageUrl, v.platformId]),
    p.images.map((i) => [i.url, i.alt]),
  ]);
  return crypto.hash('sha256', text, 'base64');
}

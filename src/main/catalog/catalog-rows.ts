/**
 * Row shapes as SQLite returns them and their mapping to the domain types.
 * JSON columns are written only by the store and CHECKed by the schema, so
 * they are parsed without re-validation.
 */
import type {
  CatalogFormat,
  CatalogRow,
  ProductDetail,
  ProductImage,
  ProductStatus,
  Variant,
} from '../../shared/domain/catalog.js';
import { variantTitle } from './catalog-search-text.js';

export interface ProductRecord {
  id: number;
  source_format: CatalogFormat;
  source_key: string;
  title: string;
  description_text: string;
  description_html: string;
  vendor: string;
  product_type: string;
  tags: string;
  status: ProductStatus;
  buy_url: string | null;
  currency: string | null;
  platform_id: string | null;
  option_names: string;
  /** What the last import wrote to this product (migration 0250); null: compare field by field. */
  import_fingerprint: string | null;
  created_at: number;
  updated_at: number;
}

export interface VariantRecord {
  id: number;
  product_id: number;
  position: number;
  sku: string | null;
  barcode: string | null;
  option1: string | null;
  option2: string | null;
  option3: string | null;
  price: string | null;
  compare_at_price: string | null;
  stock: number | null;
  image_url: string | null;
  platform_id: string | null;
}

export interface ImageRecord {
  id: number;
  product_id: number;
  position: number;
  url: string;
  alt: string;
}

/** A search/list row: a variant joined with its product and first image. */
export interface CatalogRowRecord {
  product_id: number;
  variant_id: number;
  position: number;
  title: string;
  option1: string | null;
  option2: string | null;
  option3: string | null;
  sku: string | null;
  vendor: string;
  price: string | null;
  compare_at_price: string | null;
  currency: string | null;
  stock: number | null;
  image_url: string | null;
  status: ProductStatus;
}

/** Columns of CatalogRowRecord, for queries over `products p JOIN variants v`. */
export const CATALOG_ROW_COLUMNS = `
  p.id AS product_id, v.id AS variant_id, v.position, p.title, v.option1, v.option2, v.option3, v.sku, p.vendor,
  v.price, v.compare_at_price, p.currency, v.stock, p.status,
  COALESCE(v.image_url, (SELECT i.url FROM images i WHERE i.product_id = p.id ORDER BY i.position LIMIT 1)) AS image_url`;

/** option1..3 back to the aligned list: trailing empties dropped, a gap kept as "". */
export function optionValuesOf(r: { option1: string | null; option2: string | null; option3: string | null }): string[] {
  const values = [r.option1, r.option2, r.option3];
  while (values.length > 0 && values[values.length - 1] === null) values.pop();
  return values.map((v) => v ?? '');
}

/** Up to three option values as the option1..3 columns. */
export const optionColumns = (values: readonly string[]): [string | null, string | null, string | null] => [
  values[0] ?? null,
  values[1] ?? null,
  values[2] ?? null,
];

const parseStringArray = (json: string): string[] => JSON.parse(json) as string[];

export function toCatalogRow(r: CatalogRowRecord): CatalogRow {
  return {
    productId: r.product_id,
    variantId: r.variant_id,
    title: r.title,
    variantTitle: variantTitle(optionValuesOf(r)),
    sku: r.sku,
    vendor: r.vendor,
    price: r.price,
    compareAtPrice: r.compare_at_price,
    currency: r.currency,
    stock: r.stock,
    imageUrl: r.image_url,
    status: r.status,
  };
}

export function toVariant(r: VariantRecord): Variant {
  const optionValues = optionValuesOf(r);
  return {
    id: r.id,
    productId: r.product_id,
    position: r.position,
    sku: r.sku,
    barcode: r.barcode,
    optionValues,
    title: variantTitle(optionValues),
    price: r.price,
    compareAtPrice: r.compare_at_price,
    stock: r.stock,
    imageUrl: r.image_url,
    platformId: r.platform_id,
  };
}

export const toImage = (r: ImageRecord): ProductImage => ({ id: r.id, url: r.url, alt: r.alt, position: r.position });

export function toProductDetail(p: ProductRecord, variants: readonly VariantRecord[], images: readonly ImageRecord[]): ProductDetail {
  return {
    id: p.id,
    sourceFormat: p.source_format,
    sourceKey: p.source_key,
    title: p.title,
    descriptionText: p.description_text,
    descriptionHtml: p.description_html,
    vendor: p.vendor,
    productType: p.product_type,
    tags: parseStringArray(p.tags),
    status: p.status,
    buyUrl: p.buy_url,
    currency: p.currency,
    platformId: p.platform_id,
    optionNames: parseStringArray(p.option_names),
    variants: variants.map(toVariant),
    images: images.map(toImage),
    createdAt: p.created_at,
    updatedAt: p.updated_at,
  };
}

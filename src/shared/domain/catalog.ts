/**
 * The product catalog as the rest of the studio sees it. Prices are exact
 * decimal strings in major units ("19.99", "1500" for JPY) — never floats;
 * see `money.ts`.
 */

export const CATALOG_FORMATS = ['shopify', 'woocommerce', 'google', 'csv'] as const;
export type CatalogFormat = (typeof CATALOG_FORMATS)[number];

export const PRODUCT_STATUSES = ['active', 'draft', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** A decimal string such as "19.99": exact, major currency units. */
export type Money = string;

export interface ProductImage {
  readonly id: number;
  readonly url: string;
  readonly alt: string;
  readonly position: number;
}

export interface Variant {
  readonly id: number;
  readonly productId: number;
  readonly position: number;
  readonly sku: string | null;
  readonly barcode: string | null;
  /** Aligned with the product's option names; at most 3. */
  readonly optionValues: readonly string[];
  /** "M / Blue", or "" for a product without options. */
  readonly title: string;
  readonly price: Money | null;
  readonly compareAtPrice: Money | null;
  /** null when the store does not track stock. */
  readonly stock: number | null;
  readonly imageUrl: string | null;
  /** The variant's ID in the seller's store (Shopify "Variant ID", WooCommerce variation ID); null when the import had none. */
  readonly platformId: string | null;
}

export interface ProductDetail {
  readonly id: number;
  readonly sourceFormat: CatalogFormat;
  /** The id the product has in the seller's store (handle, SKU, item id): re-imports match on it. */
  readonly sourceKey: string;
  readonly title: string;
  /** Plain text made from the description; the HTML is kept as received but never rendered. */
  readonly descriptionText: string;
  readonly descriptionHtml: string;
  readonly vendor: string;
  readonly productType: string;
  readonly tags: readonly string[];
  readonly status: ProductStatus;
  readonly buyUrl: string | null;
  readonly currency: string | null;
  /** The product's ID in the seller's store (Shopify "ID", WooCommerce "ID": a variable product's is its variations' parent); null when the import had none. */
  readonly platformId: string | null;
  readonly optionNames: readonly string[];
  readonly variants: readonly Variant[];
  readonly images: readonly ProductImage[];
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** One row of the catalog table and of search results: a variant with its product's fields. */
export interface CatalogRow {
  readonly productId: number;
  readonly variantId: number;
  readonly title: string;
  readonly variantTitle: string;
  readonly sku: string | null;
  readonly vendor: string;
  readonly price: Money | null;
  readonly compareAtPrice: Money | null;
  readonly currency: string | null;
  readonly stock: number | null;
  readonly imageUrl: string | null;
  readonly status: ProductStatus;
}

/**
 * Where a row sits in the order its results come in, for keyset paging: pass
 * a page's `last` as `after` for the next page, its `first` as `before` for
 * the previous one. Listing (empty query) orders by product title, product
 * and variant position; a search by rank (bm25) when it is narrow enough to
 * rank — the page is found by the row's place among the ranked matches —
 * else in catalog order (variant id).
 */
export type CatalogCursor =
  | { readonly order: 'title'; readonly title: string; readonly productId: number; readonly position: number }
  | { readonly order: 'rank'; readonly variantId: number }
  | { readonly order: 'catalog'; readonly variantId: number };

export interface CatalogPage {
  /**
   * Rows matching: the exact number when `totalIsExact`, else a lower bound —
   * a broad search is counted only up to a limit ("2,000+ results").
   */
  readonly total: number;
  readonly totalIsExact: boolean;
  /** The first row's place in the results when the page was asked for by offset; null for a keyset page. */
  readonly offset: number | null;
  readonly rows: readonly CatalogRow[];
  /** Sort keys of the first and last rows (null when there are none). */
  readonly first: CatalogCursor | null;
  readonly last: CatalogCursor | null;
}

export interface CatalogStats {
  readonly products: number;
  readonly variants: number;
}

/** Fields a generic CSV column can be mapped to. */
export const CATALOG_FIELDS = [
  'handle',
  'title',
  'description',
  'vendor',
  'productType',
  'tags',
  'status',
  'buyUrl',
  'currency',
  'sku',
  'barcode',
  'price',
  'compareAtPrice',
  'stock',
  'imageUrl',
  'option1Name',
  'option1Value',
  'option2Name',
  'option2Value',
  'option3Name',
  'option3Value',
] as const;
export type CatalogField = (typeof CATALOG_FIELDS)[number];

/** For generic CSV: which header feeds each field (null: not imported). */
export type ColumnMapping = Partial<Record<CatalogField, string | null>>;

export interface RowError {
  /** 1-based line number in the file (the line where the record starts). */
  readonly line: number;
  readonly message: string;
}

/** What an import did, or would do in a dry run. Also the CLI's JSON output. */
export interface ImportReport {
  readonly format: CatalogFormat;
  readonly products: number;
  readonly variants: number;
  readonly images: number;
  readonly created: number;
  readonly updated: number;
  readonly errors: readonly RowError[];
}

/** A product as it will be imported, for the preview table. */
export interface ImportPreviewProduct {
  readonly line: number;
  readonly sourceKey: string;
  readonly title: string;
  readonly vendor: string;
  readonly status: ProductStatus;
  readonly variants: number;
  readonly images: number;
  readonly priceMin: Money | null;
  readonly priceMax: Money | null;
  readonly currency: string | null;
  readonly stock: number | null;
  readonly firstSku: string | null;
  /** 'create' or 'update' (a product with this key is already in the catalog). */
  readonly action: 'create' | 'update';
}

export interface ImportPreview {
  readonly report: ImportReport;
  readonly detectedFormat: CatalogFormat | null;
  readonly encoding: string;
  readonly delimiter: string | null;
  readonly headers: readonly string[];
  /** The mapping used (guessed or given) for generic CSV; null for known formats. */
  readonly mapping: ColumnMapping | null;
  readonly sample: readonly ImportPreviewProduct[];
  /** All row problems; `report.errors` holds the first 200 of them. */
  readonly errorCount: number;
}

export type ImportPhase = 'reading' | 'saving' | 'done' | 'failed' | 'cancelled';

export interface ImportProgress {
  readonly importId: string;
  readonly phase: ImportPhase;
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly rows: number;
  /** When done: what was saved; `report.errors` holds the first 200 row problems. */
  readonly report: ImportReport | null;
  /** All row problems when done (0 before). */
  readonly errorCount: number;
  /** Why a failed import failed, in host words; the catalog is unchanged. */
  readonly error: string | null;
}

/**
 * What the catalog file parsers hand to the import service. Runs in main
 * (Node). The parsers never touch the database: they turn a seller's export
 * file into these plain objects plus a list of per-row problems.
 */
import type { CatalogFormat, ColumnMapping, Money, ProductStatus, RowError } from '../../../shared/domain/catalog.js';

export interface ImportedImage {
  url: string;
  alt: string;
}

export interface ImportedVariant {
  /** 1-based file line where its record starts. */
  line: number;
  sku: string | null;
  barcode: string | null;
  /** Aligned with the product's optionNames (at most 3). */
  optionValues: string[];
  /** Exact decimal strings, see shared/domain/money.ts. */
  price: Money | null;
  compareAtPrice: Money | null;
  /** Whole number; null when the store does not track stock. */
  stock: number | null;
  imageUrl: string | null;
  /** The variant's ID in the store (Shopify "Variant ID", WooCommerce variation "ID"); null when the file has none. */
  platformId: string | null;
}

export interface ImportedProduct {
  line: number;
  /**
   * Stable match key for re-import: Shopify handle, WooCommerce "id:NN" (or
   * the SKU when the file has no IDs), Google item_group_id or id, generic
   * CSV handle or SKU. Unique within one parse result.
   */
  sourceKey: string;
  title: string;
  descriptionHtml: string;
  descriptionText: string;
  vendor: string;
  productType: string;
  tags: string[];
  status: ProductStatus;
  buyUrl: string | null;
  currency: string | null;
  /** The product's ID in the store (Shopify "ID", WooCommerce "ID" — a variable product's is the parent ID); null when the file has none. */
  platformId: string | null;
  /** [] for products without options (Shopify "Default Title"). */
  optionNames: string[];
  /** At least one. */
  variants: ImportedVariant[];
  /** Ordered, deduplicated by URL. */
  images: ImportedImage[];
}

export interface ParseProgress {
  bytesRead: number;
  totalBytes: number;
  /** Data rows (or XML items) read so far. */
  rows: number;
}

export interface ParseOptions {
  format?: CatalogFormat | 'auto';
  /** Generic CSV: overrides the guessed mapping per field (null = do not import that field). */
  mapping?: ColumnMapping;
  /** settings.store.currency ('' or absent: none): which dollar a bare "$" in a price cell is. */
  storeCurrency?: string;
  /** Called about ten times a second while reading, and once at the end. */
  onProgress?: (p: ParseProgress) => void;
  /** Aborting rejects the parse with an AbortError, promptly. */
  signal?: AbortSignal;
}

/**
 * The text encoding the file was read with. UTF-16 only when the file starts
 * with a UTF-16 byte order mark (Excel's "Unicode Text" export).
 */
export type FileEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export interface ParseResult {
  format: CatalogFormat;
  /**
   * What auto-detection makes of the headers, whatever format was forced:
   * a store format, or 'csv' for any other CSV (XML is always 'google').
   */
  detectedFormat: CatalogFormat | null;
  encoding: FileEncoding;
  /** null for XML. */
  delimiter: string | null;
  headers: string[];
  /** Generic CSV only: every field, with the header feeding it or null. */
  mapping: ColumnMapping | null;
  /** In file order of first appearance. */
  products: ImportedProduct[];
  /** Per-row problems, sorted by line; `message` has no "Line N:" prefix. */
  errors: RowError[];
}

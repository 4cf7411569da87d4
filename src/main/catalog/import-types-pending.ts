/**
 * TEMPORARY: the parser's types as agreed, until src/main/catalog/import/types.ts
 * lands. Replace every import of this file with './import/types.js' then.
 */
import type { CatalogFormat, ColumnMapping, Money, ProductStatus, RowError } from '../../shared/domain/catalog.js';

export interface ImportedImage { url: string; alt: string }
export interface ImportedVariant {
  line: number;
  sku: string | null;
  barcode: string | null;
  optionValues: string[];
  price: Money | null;
  compareAtPrice: Money | null;
  stock: number | null;
  imageUrl: string | null;
}
export interface ImportedProduct {
  line: number;
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
  optionNames: string[];
  variants: ImportedVariant[];
  images: ImportedImage[];
}
export interface ParseOptions {
  format?: CatalogFormat | 'auto';
  mapping?: ColumnMapping;
  onProgress?: (p: { bytesRead: number; totalBytes: number; rows: number }) => void;
  signal?: AbortSignal;
}
export interface ParseResult {
  format: CatalogFormat;
  detectedFormat: CatalogFormat | null;
  encoding: 'utf-8' | 'windows-1252';
  delimiter: string | null;
  headers: string[];
  mapping: ColumnMapping | null;
  products: ImportedProduct[];
  errors: RowError[];
}

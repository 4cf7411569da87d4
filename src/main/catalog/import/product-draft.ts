/**
 * The mutable product every format importer fills row by row, and the step
 * that turns it into the ImportedProduct handed to the import service.
 */
import type { RowError } from '../../../shared/domain/catalog.js';
import type { ImportedImage, ImportedProduct, ImportedVariant } from './types.js';

export const MAX_OPTIONS = 3;

/** What every format importer is: rows in, products and row errors out. */
export interface RowImporter {
  /** One data row, cells aligned with the header; `line` is where the record starts. */
  addRow(row: readonly string[], line: number): void;
  finish(): ImportedProduct[];
}

export type ReportRowError = (error: RowError) => void;

interface ImageEntry {
  url: string;
  alt: string;
  position: number;
  order: number;
}

/**
 * A product's images, deduplicated by URL. Explicit positions (Shopify
 * "Image Position") win; images without one keep file order after them.
 */
export class ImageList {
  private readonly byUrl = new Map<string, ImageEntry>();

  add(url: string, alt = '', position: number | null = null): void {
    if (url === '') return;
    const existing = this.byUrl.get(url);
    if (existing) {
      if (existing.alt === '' && alt !== '') existing.alt = alt;
      if (existing.position === Infinity && position !== null) existing.position = position;
      return;
    }
    this.byUrl.set(url, { url, alt, position: position ?? Infinity, order: this.byUrl.size });
  }

  get size(): number {
    return this.byUrl.size;
  }

  toArray(): ImportedImage[] {
    return [...this.byUrl.values()]
      .sort((a, b) => (a.position === b.position ? a.order - b.order : a.position < b.position ? -1 : 1))
      .map(({ url, alt }) => ({ url, alt }));
  }
}

/** A product while its rows are read: the imported shape, with images still being collected. */
export interface ProductDraft extends Omit<ImportedProduct, 'images'> {
  images: ImageList;
  /** Variant rows skipped for bad values: a product left with none is dropped, not given an empty variant. */
  rejectedVariantRows: number;
}

export function newDraft(line: number, sourceKey: string): ProductDraft {
  return {
    line,
    sourceKey,
    title: '',
    descriptionHtml: '',
    descriptionText: '',
    vendor: '',
    productType: '',
    tags: [],
    status: 'active',
    buyUrl: null,
    currency: null,
    platformId: null,
    optionNames: [],
    variants: [],
    images: new ImageList(),
    rejectedVariantRows: 0,
  };
}

export function emptyVariant(line: number): ImportedVariant {
  return { line, sku: null, barcode: null, optionValues: [], price: null, compareAtPrice: null, stock: null, imageUrl: null, platformId: null };
}

/**
 * The finished product, or null when it cannot be imported (no title, or all
 * of its variant rows were bad — those rows were already reported).
 */
export function finishDraft(draft: ProductDraft, report: ReportRowError): ImportedProduct | null {
  if (draft.title === '') {
    report({ line: draft.line, message: 'the product has no title' });
    return null;
  }
  let variants = draft.variants;
  if (variants.length === 0) {
    if (draft.rejectedVariantRows > 0) return null;
    variants = [emptyVariant(draft.line)];
  }
  const optionNames = draft.optionNames.slice(0, MAX_OPTIONS);
  const width = optionNames.length;
  for (const variant of variants) {
    // Aligned with the option names: a product without options has no values.
    if (variant.optionValues.length !== width) {
      variant.optionValues = Array.from({ length: width }, (_, i) => variant.optionValues[i] ?? '');
    }
  }
  return {
    line: draft.line,
    sourceKey: draft.sourceKey,
    title: draft.title,
    descriptionHtml: draft.descriptionHtml,
    descriptionText: draft.descriptionText,
    vendor: draft.vendor,
    productType: draft.productType,
    tags: draft.tags,
    status: draft.status,
    buyUrl: draft.buyUrl,
    currency: draft.currency,
    platformId: draft.platformId,
    optionNames,
    variants,
    images: draft.images.toArray(),
  };
}

/** Drops options no variant gives a value to (a mapped "Color" column left blank for a simple product). */
export function dropEmptyOptions(draft: ProductDraft): void {
  const keep = draft.optionNames.map((_, i) => draft.variants.some((v) => (v.optionValues[i] ?? '') !== ''));
  if (keep.every(Boolean)) return;
  draft.optionNames = draft.optionNames.filter((_, i) => keep[i]);
  for (const v of draft.variants) v.optionValues = v.optionValues.filter((_, i) => keep[i]);
}

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NON_WORD_RUN = /[^\p{L}\p{N}]+/gu;
const EDGE_DASHES = /^-+|-+$/g;

/** "Café Mug (Large)" -> "cafe-mug-large": a key for rows that have a title but no handle. */
export function slugify(text: string): string {
  return text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase().replace(NON_WORD_RUN, '-').replace(EDGE_DASHES, '');
}

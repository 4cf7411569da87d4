/**
 * WooCommerce product CSV (Products › Export). One row per product; a
 * variable product's variations are rows of type "variation" whose Parent
 * is the parent's SKU or "id:NN". Rows are kept until the end of the file
 * because a variation may come before its parent.
 *
 * - simple / external / grouped: one product with one variant. A grouped
 *   product has no price of its own; its children are rows of their own.
 *   An external product's "External URL" is its buy link.
 * - variable: its variations become the variants. Option names are the
 *   parent's attributes that variations give a value to; a variation that
 *   leaves one blank ("any Size" in WooCommerce) gets "Any Size".
 * - price = Sale price when set (Regular price becomes the compare-at price),
 *   else Regular price.
 * - IDs: the product keeps its "ID" (a variable product's is its variations'
 *   "Parent"), each variation's variant its own "ID", so Buy can add to the
 *   cart (`?add-to-cart=<parent>&variation_id=<id>`, src/main/store/buy-links.ts).
 * - productType = the deepest category of the first "A > B > C" path; every
 *   category's deepest name is also kept as a tag so search finds it.
 */
import type { ProductStatus } from '../../../shared/domain/catalog.js';
import { CatalogFileError } from './catalog-file-error.js';
import { type Problems, deepestCategory, mergeTags, readStock, readYesNo, splitList } from './cell-values.js';
import { PriceCells } from './price-cells.js';
import { type Column, HeaderIndex, cellText, describeHeaders, storeIdCell } from './columns.js';
import { htmlToText } from './html-text.js';
import {
  MAX_OPTIONS,
  type ProductDraft,
  type ReportRowError,
  type RowImporter,
  finishDraft,
  newDraft,
  slugify,
} from './product-draft.js';
import type { ImportedProduct, ImportedVariant } from './types.js';

interface WooColumns {
  id: Column;
  type: Column;
  sku: Column;
  name: Column;
  published: Column;
  shortDescription: Column;
  description: Column;
  inStock: Column;
  stock: Column;
  salePrice: Column;
  regularPrice: Column;
  categories: Column;
  tags: Column;
  images: Column;
  parent: Column;
  externalUrl: Column;
  barcode: Column;
  brand: Column;
  attributes: { name: Column; value: Column }[];
}

function wooColumns(headers: readonly string[]): WooColumns {
  const idx = new HeaderIndex(headers);
  const attributes: WooColumns['attributes'] = [];
  for (let n = 1; idx.has(`attribute ${n} name`); n++) {
    attributes.push({ name: idx.find(`attribute ${n} name`), value: idx.find(`attribute ${n} value(s)`, `attribute ${n} values`) });
  }
  return {
    id: idx.find('id'),
    type: idx.find('type'),
    sku: idx.find('sku'),
    name: idx.find('name'),
    published: idx.find('published'),
    shortDescription: idx.find('short description'),
    description: idx.find('description'),
    inStock: idx.find('in stock?', 'in stock'),
    stock: idx.find('stock'),
    salePrice: idx.find('sale price'),
    regularPrice: idx.find('regular price'),
    categories: idx.find('categories'),
    tags: idx.find('tags'),
    images: idx.find('images'),
    parent: idx.find('parent'),
    externalUrl: idx.find('external url'),
    barcode: idx.find('gtin, upc, ean, or isbn', 'gtin, upc, ean or isbn', 'gtin', 'ean', 'upc', 'barcode'),
    brand: idx.find('brands', 'brand'),
    attributes,
  };
}

/** A row read and checked, kept until the end of the file. */
interface WooRow {
  line: number;
  id: string;
  /** The ID when it is one (digits), for Buy links. */
  platformId: string | null;
  types: string[];
  sku: string;
  name: string;
  status: ProductStatus;
  descriptionHtml: string;
  price: string | null;
  compareAtPrice: string | null;
  /** The currency a price cell named ("€24.00"), or null. */
  currency: string | null;
  stock: number | null;
  barcode: string;
  categories: string[];
  tags: string[];
  images: string[];
  parent: string;
  externalUrl: string;
  brand: string;
  attributes: { name: string; value: string }[];
}

/** `prices`: WooCommerce exports write "." as the decimal mark. */
export function createWooCommerceImporter(headers: readonly string[], report: ReportRowError, prices = new PriceCells({ decimalMark: '.', storeCurrency: '' })): RowImporter {
  const col = wooColumns(headers);
  if (col.name < 0 || (col.sku < 0 && col.id < 0)) {
    throw new CatalogFileError(
      `This file is not a WooCommerce product CSV: it needs the "Name" column and an "ID" or "SKU" column. Columns found: ${describeHeaders(headers)}.`,
    );
  }
  return new WooCommerceImporter(col, report, prices);
}

const ESCAPED_NEWLINE = /\\\\n|\\n/g;
const UNESCAPED_COMMA = /(?<!\\),/;
const IMAGE_SEPARATOR = /\s*,\s*/;

class WooCommerceImporter implements RowImporter {
  private readonly rows: WooRow[] = [];

  constructor(
    private readonly col: WooColumns,
    private readonly report: ReportRowError,
    private readonly prices: PriceCells,
  ) {}

  addRow(row: readonly string[], line: number): void {
    const col = this.col;
    const problems: Problems = [];
    const saleCell = this.prices.read(cellText(row, col.salePrice), 'sale price', problems);
    const regularCell = this.prices.read(cellText(row, col.regularPrice), 'regular price', problems);
    const sale = saleCell.amount;
    const regular = regularCell.amount;
    const stock = readStock(cellText(row, col.stock), problems);
    if (problems.length > 0) {
      for (const message of problems) this.report({ line, message });
      return;
    }
    const inStock = cellText(row, col.inStock).toLowerCase();
    const outOfStock = inStock === 'outofstock' || readYesNo(inStock) === false;
    const description = unescapeNewlines(cellText(row, col.description) || cellText(row, col.shortDescription));
    const attributes = col.attributes.map((a) => ({ name: cellText(row, a.name), value: cellText(row, a.value) })).filter((a) => a.name !== '');
    this.rows.push({
      line,
      id: cellText(row, col.id),
      platformId: storeIdCell(row, col.id),
      types: splitList(cellText(row, col.type).toLowerCase()),
      sku: cellText(row, col.sku),
      name: cellText(row, col.name),
      status: wooStatus(cellText(row, col.published)),
      descriptionHtml: description,
      price: sale ?? regular,
      compareAtPrice: sale !== null ? regular : null,
      currency: saleCell.currency ?? regularCell.currency,
      stock: stock ?? (outOfStock ? 0 : null),
      barcode: cellText(row, col.barcode),
      categories: splitEscaped(cellText(row, col.categories)),
      tags: splitEscaped(cellText(row, col.tags)),
      images: splitList(cellText(row, col.images), IMAGE_SEPARATOR),
      parent: cellText(row, col.parent),
      externalUrl: cellText(row, col.externalUrl),
      brand: splitEscaped(cellText(row, col.brand))[0] ?? '',
      attributes,
    });
  }

  finish(): ImportedProduct[] {
    const drafts = new Map<WooRow, ProductDraft>();
    const variationsOf = new Map<WooRow, WooRow[]>();
    const byId = new Map<string, WooRow>();
    const bySku = new Map<string, WooRow>();
    const usedKeys = new Map<string, number>();

    for (const row of this.rows) {
      if (row.types.includes('variation')) continue;
      const key = row.id !== '' ? `id:${row.id}` : row.sku !== '' ? row.sku : `name:${slugify(row.name)}`;
      const firstLine = usedKeys.get(key);
      if (firstLine !== undefined) {
        const what = row.id !== '' ? `ID ${row.id}` : row.sku !== '' ? `SKU "${row.sku}"` : `name "${row.name}"`;
        this.report({ line: row.line, message: `the ${what} is already used on line ${firstLine}; this row was skipped` });
        continue;
      }
      usedKeys.set(key, row.line);
      if (row.id !== '') byId.set(row.id, row);
      if (row.sku !== '' && !bySku.has(row.sku)) bySku.set(row.sku, row);
      drafts.set(row, this.productDraft(row, key));
    }

    for (const row of this.rows) {
      if (!row.types.includes('variation')) continue;
      if (row.parent === '') {
        this.report({ line: row.line, message: 'this variation has no parent (the "Parent" column is empty)' });
        continue;
      }
      const idRef = /^id:\s*(\d+)$/i.exec(row.parent)?.[1];
      const parent = idRef !== undefined ? byId.get(idRef) : (bySku.get(row.parent) ?? byId.get(row.parent));
      if (parent === undefined) {
        this.report({ line: row.line, message: `this variation's parent "${row.parent}" is not in the file` });
        continue;
      }
      const siblings = variationsOf.get(parent);
      if (siblings) siblings.push(row);
      else variationsOf.set(parent, [row]);
    }

    const products: ImportedProduct[] = [];
    for (const [row, draft] of drafts) {
      const variations = variationsOf.get(row);
      if (variations) this.addVariations(draft, row, variations);
      else draft.variants.push(ownVariant(row));
      draft.currency = row.currency ?? variations?.find((v) => v.currency !== null)?.currency ?? null;
      const product = finishDraft(draft, this.report);
      if (product) products.push(product);
    }
    return products;
  }

  private productDraft(row: WooRow, sourceKey: string): ProductDraft {
    const draft = newDraft(row.line, sourceKey);
    draft.title = row.name;
    draft.descriptionHtml = row.descriptionHtml;
    draft.descriptionText = htmlToText(row.descriptionHtml, { keepNewlines: true });
    draft.vendor = row.brand;
    draft.productType = deepestCategory(row.categories[0] ?? '');
    draft.tags = mergeTags(row.tags, row.categories.map(deepestCategory));
    draft.status = row.status;
    draft.platformId = row.platformId;
    draft.buyUrl = row.types.includes('external') && row.externalUrl !== '' ? row.externalUrl : null;
    for (const url of row.images) draft.images.add(url);
    return draft;
  }

  private addVariations(draft: ProductDraft, parent: WooRow, variations: WooRow[]): void {
    // Option names: the parent's attributes in its order, then any that only variations name.
    const used = new Map<string, string>();
    const consider = (name: string): void => {
      const key = name.toLowerCase();
      if (!used.has(key) && variations.some((v) => v.attributes.some((a) => a.name.toLowerCase() === key && a.value !== ''))) {
        used.set(key, name);
      }
    };
    for (const a of parent.attributes) consider(a.name);
    for (const v of variations) for (const a of v.attributes) consider(a.name);
    const names = [...used.values()];
    if (names.length > MAX_OPTIONS) {
      this.report({
        line: parent.line,
        message: `the product varies by ${names.length} attributes; the studio keeps the first ${MAX_OPTIONS} (${names.slice(0, MAX_OPTIONS).join(', ')})`,
      });
    }
    draft.optionNames = names.slice(0, MAX_OPTIONS);
    for (const v of variations) {
      const variant = ownVariant(v);
      variant.optionValues = draft.optionNames.map((name) => {
        const value = v.attributes.find((a) => a.name.toLowerCase() === name.toLowerCase())?.value ?? '';
        return value !== '' ? value : `Any ${name}`;
      });
      variant.imageUrl = v.images[0] ?? null;
      variant.platformId = v.platformId;
      for (const url of v.images) draft.images.add(url);
      draft.variants.push(variant);
    }
  }
}

function ownVariant(row: WooRow): ImportedVariant {
  const grouped = row.types.includes('grouped');
  return {
    line: row.line,
    sku: row.sku || null,
    barcode: row.barcode || null,
    optionValues: [],
    // A grouped product is a bundle page: its children carry the prices.
    price: grouped ? null : row.price,
    compareAtPrice: grouped ? null : row.compareAtPrice,
    stock: row.stock,
    imageUrl: null,
    platformId: null,
  };
}

/** Published: 1 = live, 0 = draft, -1 = private (not for sale): both of the latter are drafts here. */
function wooStatus(published: string): ProductStatus {
  if (published === '-1') return 'draft';
  return readYesNo(published) === false ? 'draft' : 'active';
}

/** WooCommerce writes line breaks in descriptions as a literal "\n" (and a real backslash-n as "\\n"). */
function unescapeNewlines(text: string): string {
  return text.includes('\\') ? text.replace(ESCAPED_NEWLINE, (m) => (m === '\\n' ? '\n' : '\\n')) : text;
}

/** Splits a WooCommerce list where a comma inside a name is written "\,". */
function splitEscaped(raw: string): string[] {
  if (raw === '') return [];
  return splitList(raw, UNESCAPED_COMMA).map((item) => item.replace(/\\,/g, ','));
}

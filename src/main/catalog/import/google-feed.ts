/**
 * Google Merchant Center product feeds. The tabular form (TSV, sometimes
 * CSV) and the XML form (google-xml.ts) both produce `GoogleItem`s — an
 * attribute name ("image_link", "price") to its values — and this file turns
 * items into products:
 *
 * - items sharing an item_group_id are the variants of one product; the
 *   options are those of color / size / material / pattern whose values
 *   differ within the group;
 * - price "15.00 USD", "USD 15.00" or "15,00 EUR": the code is the currency;
 *   sale_price, when set, is the price and price becomes the compare-at price;
 * - availability out_of_stock means stock 0; otherwise stock is unknown
 *   (null) unless the feed has a quantity column;
 * - image_link then additional_image_link are the images; link is the buy
 *   URL; brand the vendor; id the SKU unless the feed has a sku column.
 */
import { CatalogFileError } from './catalog-file-error.js';
import { type Problems, deepestCategory, mergeTags, readStock, splitList } from './cell-values.js';
import { PriceCells } from './price-cells.js';
import { describeHeaders } from './columns.js';
import { htmlToText } from './html-text.js';
import { MAX_OPTIONS, type ReportRowError, type RowImporter, finishDraft, newDraft } from './product-draft.js';
import type { ImportedProduct, ImportedVariant } from './types.js';

/** One feed item: normalized attribute name -> its values (XML may repeat an element). */
export type GoogleItem = Map<string, string[]>;

const PREFIX_OR_SPACES = /^g:|[\s-]+/g;

/** "g:image_link", "Image link", "image-link" -> "image_link". */
export function googleAttributeName(name: string): string {
  return name.trim().toLowerCase().replace(PREFIX_OR_SPACES, (m) => (m === 'g:' ? '' : '_'));
}

/** Attributes that become options when they differ within an item group, with their display names. */
const OPTION_ATTRIBUTES: readonly (readonly [string, string])[] = [
  ['color', 'Color'],
  ['size', 'Size'],
  ['material', 'Material'],
  ['pattern', 'Pattern'],
  ['age_group', 'Age group'],
  ['gender', 'Gender'],
];

interface FeedVariant {
  variant: ImportedVariant;
  title: string;
  attributes: string[];
}

interface FeedGroup {
  line: number;
  key: string;
  items: FeedVariant[];
  description: string;
  brand: string;
  link: string;
  currency: string | null;
  productTypes: string[];
  images: string[];
}

const first = (item: GoogleItem, name: string): string => {
  const values = item.get(name);
  if (values === undefined) return '';
  for (const v of values) if (v.trim() !== '') return v.trim();
  return '';
};

export class GoogleFeedBuilder {
  private readonly groups = new Map<string, FeedGroup>();
  private readonly itemLines = new Map<string, number>();

  constructor(
    private readonly report: ReportRowError,
    /** Google's feed spec writes "." as the decimal mark ("15.00 USD"). */
    private readonly prices = new PriceCells({ decimalMark: '.', storeCurrency: '' }),
  ) {}

  addItem(item: GoogleItem, line: number): void {
    const id = first(item, 'id');
    const title = first(item, 'title');
    if (id === '') {
      this.report({ line, message: title === '' ? 'the item has no id' : `the item "${title}" has no id` });
      return;
    }
    const seenOn = this.itemLines.get(id);
    if (seenOn !== undefined) {
      this.report({ line, message: `the id "${id}" is already used on line ${seenOn}; this item was skipped` });
      return;
    }
    if (title === '') {
      this.report({ line, message: 'the product has no title' });
      return;
    }
    const problems: Problems = [];
    const price = this.prices.read(first(item, 'price'), 'price', problems);
    const sale = this.prices.read(first(item, 'sale_price'), 'sale price', problems);
    const quantity = readStock(first(item, 'quantity') || first(item, 'sell_on_google_quantity'), problems, 'quantity');
    if (problems.length > 0) {
      for (const message of problems) this.report({ line, message });
      return;
    }
    this.itemLines.set(id, line);
    const availability = first(item, 'availability').toLowerCase().replace(/[\s-]+/g, '_');
    const imageLink = first(item, 'image_link');
    const variant: ImportedVariant = {
      line,
      sku: first(item, 'sku') || id,
      barcode: first(item, 'gtin') || null,
      optionValues: [],
      price: sale.amount ?? price.amount,
      compareAtPrice: sale.amount !== null ? price.amount : null,
      stock: quantity ?? (availability === 'out_of_stock' ? 0 : null),
      imageUrl: imageLink || null,
      // A feed item's Buy link is its own `link` (the product's buyUrl).
      platformId: null,
    };

    const key = first(item, 'item_group_id') || id;
    let group = this.groups.get(key);
    if (group === undefined) {
      group = { line, key, items: [], description: '', brand: '', link: '', currency: null, productTypes: [], images: [] };
      this.groups.set(key, group);
    }
    group.items.push({ variant, title, attributes: OPTION_ATTRIBUTES.map(([name]) => first(item, name)) });
    group.description ||= first(item, 'description');
    group.brand ||= first(item, 'brand');
    group.link ||= first(item, 'link');
    group.currency ??= sale.currency ?? price.currency;
    if (group.productTypes.length === 0) group.productTypes = (item.get('product_type') ?? []).filter((t) => t.trim() !== '');
    if (imageLink !== '') group.images.push(imageLink);
    for (const extra of item.get('additional_image_link') ?? []) group.images.push(extra.trim());
  }

  finish(): ImportedProduct[] {
    const products: ImportedProduct[] = [];
    for (const group of this.groups.values()) {
      const draft = newDraft(group.line, group.key);
      draft.title = group.items.length === 1 ? (group.items[0]?.title ?? '') : sharedTitle(group.items.map((i) => i.title));
      draft.descriptionHtml = group.description;
      draft.descriptionText = htmlToText(group.description, { keepNewlines: true });
      draft.vendor = group.brand;
      draft.productType = deepestCategory(group.productTypes[0] ?? '');
      draft.tags = mergeTags(group.productTypes.map(deepestCategory));
      draft.buyUrl = group.link || null;
      draft.currency = group.currency;
      for (const url of group.images) draft.images.add(url);
      assignOptions(group.items, draft.optionNames);
      draft.variants = group.items.map((i) => i.variant);
      const product = finishDraft(draft, this.report);
      if (product) products.push(product);
    }
    return products;
  }
}

/** Sets option names (into `names`) and each variant's values from the attributes that differ within the group. */
function assignOptions(items: FeedVariant[], names: string[]): void {
  if (items.length < 2) return;
  const differing: number[] = [];
  OPTION_ATTRIBUTES.forEach((_, a) => {
    const values = new Set(items.map((i) => i.attributes[a]));
    if (values.size > 1) differing.push(a);
  });
  const chosen = differing.slice(0, MAX_OPTIONS);
  if (chosen.length > 0) {
    for (const a of chosen) names.push(OPTION_ATTRIBUTES[a]?.[1] ?? '');
    for (const i of items) i.variant.optionValues = chosen.map((a) => i.attributes[a] ?? '');
    return;
  }
  // Nothing tells the variants apart but their titles (or ids).
  const titlesDiffer = new Set(items.map((i) => i.title)).size === items.length;
  names.push('Variant');
  for (const i of items) i.variant.optionValues = [titlesDiffer ? i.title : (i.variant.sku ?? '')];
}

const TRAILING_SEPARATORS = /[\s\-–—|,:;/(]+$/;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** "Classic Tee - Red - M" + "Classic Tee - Blue - S" -> "Classic Tee"; falls back to the first title. */
export function sharedTitle(titles: string[]): string {
  const [head = '', ...rest] = titles;
  let end = head.length;
  for (const t of rest) {
    let i = 0;
    while (i < end && i < t.length && t[i] === head[i]) i++;
    end = i;
  }
  if (rest.every((t) => t.length === end) && end === head.length) return head;
  let prefix = head.slice(0, end);
  // Do not cut inside a word ("Shirt Red" + "Shirt Rose" must not give "Shirt R").
  const next = head[end];
  if (next !== undefined && WORD_CHAR.test(next) && WORD_CHAR.test(prefix.slice(-1))) {
    const cut = prefix.search(/[^\p{L}\p{N}][\p{L}\p{N}]*$/u);
    prefix = cut >= 0 ? prefix.slice(0, cut) : '';
  }
  prefix = prefix.replace(TRAILING_SEPARATORS, '');
  return prefix.length >= 3 ? prefix : head;
}

/** Google feed as TSV/CSV: one item per row, additional_image_link comma-separated. */
export function createGoogleTableImporter(headers: readonly string[], report: ReportRowError, prices = new PriceCells({ decimalMark: '.', storeCurrency: '' })): RowImporter {
  const names = headers.map(googleAttributeName);
  if (!names.includes('id') || !names.includes('title')) {
    throw new CatalogFileError(
      `This file is not a Google Merchant Center feed: it needs the "id" and "title" columns. Columns found: ${describeHeaders(headers)}.`,
    );
  }
  const builder = new GoogleFeedBuilder(report, prices);
  return {
    addRow(row, line) {
      const item: GoogleItem = new Map();
      names.forEach((name, i) => {
        const value = row[i]?.trim() ?? '';
        if (name === '' || value === '') return;
        const values = name === 'additional_image_link' ? splitList(value) : [value];
        const existing = item.get(name);
        if (existing) existing.push(...values);
        else item.set(name, values);
      });
      builder.addItem(item, line);
    },
    finish: () => builder.finish(),
  };
}

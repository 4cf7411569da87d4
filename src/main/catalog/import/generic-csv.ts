/**
 * Any other CSV, read through a column mapping (guessed, then adjusted by
 * the host; see generic-mapping.ts).
 *
 * How rows become products — predictable on purpose:
 * - with a handle column: rows sharing a handle are one product (like
 *   Shopify); a row with a blank handle and a blank title continues the
 *   product of the row above;
 * - without one: each row is a product, except that when option columns are
 *   mapped, consecutive rows with the same title and option values are the
 *   variants of one product ("T-Shirt / Red", "T-Shirt / Blue").
 * Option names come from the "Option N name" column when mapped, else from
 * the header of the value column ("Color").
 * A semicolon-separated file comes from a decimal-comma locale, so "1.299"
 * is read as one thousand two hundred ninety-nine there; in any other file
 * "1,299" is reported on its line until the file shows its decimal mark
 * (see price-cells.ts).
 */
import type { CatalogField } from '../../../shared/domain/catalog.js';
import { CatalogFileError, SUPPORTED_FORMATS } from './catalog-file-error.js';
import { type Problems, deepestCategory, readStatusWord, readStock, readYesNo, splitList } from './cell-values.js';
import { type Column, cellText, describeHeaders } from './columns.js';
import { htmlToText } from './html-text.js';
import type { PriceCells } from './price-cells.js';
import { type ProductDraft, type ReportRowError, type RowImporter, dropEmptyOptions, finishDraft, newDraft, slugify } from './product-draft.js';
import type { ImportedProduct } from './types.js';

type ColumnsOf<T extends string> = Record<T, Column>;

const IMAGE_LIST_SEPARATOR = /\s*[,|;]\s*|\s+(?=https?:\/\/)/;
const HTML_TAG = /<\/?[a-z][^>]*>/i;

export function createGenericCsvImporter(
  headers: readonly string[],
  mapping: Record<CatalogField, string | null>,
  report: ReportRowError,
  prices: PriceCells,
): RowImporter {
  const col = Object.fromEntries(
    Object.entries(mapping).map(([field, header]) => [field, header === null ? -1 : headers.indexOf(header)]),
  ) as ColumnsOf<CatalogField>;
  if (col.title < 0 && col.sku < 0) {
    throw new CatalogFileError(
      `This file is not a known store export (supported: ${SUPPORTED_FORMATS}), and none of its columns looks like a product title or SKU. ` +
        `Choose which column holds the title (or at least the SKU). Columns found: ${describeHeaders(headers)}.`,
    );
  }
  return new GenericCsvImporter(headers, col, report, prices);
}

class GenericCsvImporter implements RowImporter {
  private readonly drafts = new Map<string, ProductDraft>();
  private current: ProductDraft | null = null;
  private currentGroupTitle = '';
  private readonly optionValueColumns: Column[];
  private readonly optionNameColumns: Column[];
  private readonly optionHeaderNames: string[];

  constructor(
    headers: readonly string[],
    private readonly col: ColumnsOf<CatalogField>,
    private readonly report: ReportRowError,
    private readonly prices: PriceCells,
  ) {
    // Only mapped value columns count, so names and values stay aligned even if option 1 is left unmapped.
    const slots = [
      [col.option1Value, col.option1Name],
      [col.option2Value, col.option2Name],
      [col.option3Value, col.option3Name],
    ].filter(([value]) => (value ?? -1) >= 0);
    this.optionValueColumns = slots.map(([value]) => value ?? -1);
    this.optionNameColumns = slots.map(([, name]) => name ?? -1);
    this.optionHeaderNames = this.optionValueColumns.map((c) => (headers[c] ?? '').trim());
  }

  addRow(row: readonly string[], line: number): void {
    const col = this.col;
    const sku = cellText(row, col.sku);
    const title = col.title >= 0 ? cellText(row, col.title) : sku;
    const optionValues = this.optionValueColumns.map((c) => cellText(row, c));
    const hasOptions = optionValues.some((v) => v !== '');

    const problems: Problems = [];
    const price = this.prices.read(cellText(row, col.price), 'price', problems);
    const compare = this.prices.read(cellText(row, col.compareAtPrice), 'compare-at price', problems);
    const stock = readStock(cellText(row, col.stock), problems);

    const draft = this.productFor(row, line, title, sku, hasOptions);
    if (draft === null) return;
    if (draft.title === '' && title !== '') this.readProductFields(draft, row, title);
    if (problems.length > 0) {
      for (const message of problems) this.report({ line, message });
      draft.rejectedVariantRows++;
      return;
    }
    draft.currency ??= price.currency ?? compare.currency;

    const images = this.imageUrls(row);
    for (const url of images) draft.images.add(url);
    // Prices: a row with only a compare-at (or "regular") price sells at that price.
    const hasSalePrice = price.amount !== null;
    draft.variants.push({
      line,
      sku: sku || null,
      barcode: cellText(row, col.barcode) || null,
      optionValues: hasOptions ? trimTrailingBlanks(optionValues) : [],
      price: hasSalePrice ? price.amount : compare.amount,
      compareAtPrice: hasSalePrice ? compare.amount : null,
      stock,
      imageUrl: images[0] ?? null,
      platformId: null,
    });
  }

  /** The product this row belongs to, creating it when the row starts a new one; null when the row is skipped. */
  private productFor(row: readonly string[], line: number, title: string, sku: string, hasOptions: boolean): ProductDraft | null {
    const handle = cellText(row, this.col.handle);
    if (this.col.handle >= 0) {
      if (handle === '' && title === '' && this.current !== null) return this.current;
      if (handle !== '') return this.draftFor(handle, line, null);
    } else if (hasOptions && this.current !== null && title !== '' && title === this.currentGroupTitle) {
      return this.current;
    }
    if (title === '') {
      const message = this.col.title >= 0 ? 'the product has no title' : 'the row has no SKU (and no title column is chosen)';
      this.report({ line, message });
      this.current = null;
      return null;
    }
    if (sku !== '') {
      const taken = this.drafts.get(sku);
      if (taken !== undefined) {
        this.report({ line, message: `the SKU "${sku}" is already used on line ${taken.line}; this row was skipped` });
        return null;
      }
      return this.draftFor(sku, line, title);
    }
    let key = `title:${slugify(title) || title}`;
    for (let n = 2; this.drafts.has(key); n++) key = `title:${slugify(title) || title}#${n}`;
    return this.draftFor(key, line, title);
  }

  private draftFor(key: string, line: number, groupTitle: string | null): ProductDraft {
    let draft = this.drafts.get(key);
    if (draft === undefined) {
      draft = newDraft(line, key);
      this.drafts.set(key, draft);
    }
    this.current = draft;
    this.currentGroupTitle = groupTitle ?? '';
    return draft;
  }

  private readProductFields(draft: ProductDraft, row: readonly string[], title: string): void {
    const col = this.col;
    draft.title = title;
    draft.descriptionHtml = cellText(row, col.description);
    draft.descriptionText = htmlToText(draft.descriptionHtml, { keepNewlines: !HTML_TAG.test(draft.descriptionHtml) });
    draft.vendor = cellText(row, col.vendor);
    draft.productType = deepestCategory(splitList(cellText(row, col.productType), /[,;|]/)[0] ?? '');
    draft.tags = splitList(cellText(row, col.tags), /[,;|]/);
    const status = cellText(row, col.status);
    draft.status = readStatusWord(status) ?? (readYesNo(status) === false ? 'draft' : 'active');
    draft.buyUrl = cellText(row, col.buyUrl) || null;
    const currency = cellText(row, col.currency).toUpperCase();
    if (/^[A-Z]{3}$/.test(currency)) draft.currency = currency;
    draft.optionNames = this.optionValueColumns.map(
      (_, i) => cellText(row, this.optionNameColumns[i] ?? -1) || this.optionHeaderNames[i] || `Option ${i + 1}`,
    );
  }

  private imageUrls(row: readonly string[]): string[] {
    const raw = cellText(row, this.col.imageUrl);
    if (raw === '') return [];
    return raw.indexOf('http', 4) > 0 ? splitList(raw, IMAGE_LIST_SEPARATOR) : [raw];
  }

  finish(): ImportedProduct[] {
    const products: ImportedProduct[] = [];
    for (const draft of this.drafts.values()) {
      dropEmptyOptions(draft);
      const product = finishDraft(draft, this.report);
      if (product) products.push(product);
    }
    return products;
  }
}

function trimTrailingBlanks(values: string[]): string[] {
  let end = values.length;
  while (end > 0 && values[end - 1] === '') end--;
  return values.slice(0, end);
}

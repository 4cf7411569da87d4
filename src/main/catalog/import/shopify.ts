/**
 * Shopify product CSV, both header generations:
 * - classic: "Handle, Title, Body (HTML), …, Variant SKU, Variant Inventory Qty,
 *   Variant Price, Image Src, Variant Image, Status";
 * - current (2024+): "Title, URL handle, Description, …, SKU, Inventory quantity,
 *   Price, Compare-at price, Product image URL, Variant image URL".
 *
 * One product spans several rows sharing a handle: the first row carries the
 * product fields and later rows leave them blank; each row with variant data
 * is a variant; rows with only an image add that image.
 *
 * Exports made by apps (and Shopify's own bulk tools) may also carry the
 * product "ID" and the "Variant ID": kept, so Buy can fill the cart
 * (`/cart/<variant id>:<qty>`, src/main/store/buy-links.ts).
 */
import { CatalogFileError } from './catalog-file-error.js';
import { type Problems, deepestCategory, readStatusWord, readStock, readYesNo, splitList } from './cell-values.js';
import { PriceCells } from './price-cells.js';
import { type Column, HeaderIndex, cellText, describeHeaders, storeIdCell } from './columns.js';
import { htmlToText } from './html-text.js';
import { type ProductDraft, type ReportRowError, type RowImporter, finishDraft, newDraft, slugify } from './product-draft.js';
import type { ImportedProduct } from './types.js';

/** Option1 Name "Title" with value "Default Title" is Shopify's way of saying "no options". */
const DEFAULT_TITLE = 'default title';

interface ShopifyColumns {
  handle: Column;
  title: Column;
  body: Column;
  vendor: Column;
  type: Column;
  category: Column;
  tags: Column;
  published: Column;
  status: Column;
  optionNames: Column[];
  optionValues: Column[];
  sku: Column;
  barcode: Column;
  price: Column;
  compareAtPrice: Column;
  quantity: Column;
  tracker: Column;
  imageSrc: Column;
  imagePosition: Column;
  imageAlt: Column;
  variantImage: Column;
  productId: Column;
  variantId: Column;
}

function shopifyColumns(headers: readonly string[]): ShopifyColumns {
  const idx = new HeaderIndex(headers);
  const n = [1, 2, 3];
  return {
    handle: idx.find('handle', 'url handle'),
    title: idx.find('title'),
    body: idx.find('body (html)', 'description', 'body html', 'body'),
    vendor: idx.find('vendor'),
    type: idx.find('type', 'product type'),
    category: idx.find('product category', 'standard product type', 'standardized product type'),
    tags: idx.find('tags'),
    published: idx.find('published', 'published on online store'),
    status: idx.find('status'),
    optionNames: n.map((i) => idx.find(`option${i} name`)),
    optionValues: n.map((i) => idx.find(`option${i} value`)),
    sku: idx.find('variant sku', 'sku'),
    barcode: idx.find('variant barcode', 'barcode'),
    price: idx.find('variant price', 'price'),
    compareAtPrice: idx.find('variant compare at price', 'compare-at price', 'compare at price', 'variant compare-at price'),
    quantity: idx.find('variant inventory qty', 'inventory quantity', 'variant inventory quantity'),
    tracker: idx.find('variant inventory tracker', 'inventory tracker'),
    imageSrc: idx.find('image src', 'product image url', 'image url'),
    imagePosition: idx.find('image position'),
    imageAlt: idx.find('image alt text'),
    variantImage: idx.find('variant image', 'variant image url'),
    productId: idx.find('id', 'product id'),
    variantId: idx.find('variant id'),
  };
}

/** `prices`: Shopify writes "." as its decimal mark. */
export function createShopifyImporter(headers: readonly string[], report: ReportRowError, prices = new PriceCells({ decimalMark: '.', storeCurrency: '' })): RowImporter {
  const col = shopifyColumns(headers);
  if (col.handle < 0 && col.title < 0) {
    throw new CatalogFileError(
      `This file is not a Shopify product CSV: it has no "Handle" (or "URL handle") and no "Title" column. Columns found: ${describeHeaders(headers)}.`,
    );
  }
  return new ShopifyImporter(col, report, prices);
}

class ShopifyImporter implements RowImporter {
  private readonly drafts = new Map<string, ProductDraft>();
  /** Handles whose product row said "Default Title": their variants carry no option values. */
  private readonly withoutOptions = new Set<ProductDraft>();

  constructor(
    private readonly col: ShopifyColumns,
    private readonly report: ReportRowError,
    private readonly prices: PriceCells,
  ) {}

  addRow(row: readonly string[], line: number): void {
    const col = this.col;
    const title = cellText(row, col.title);
    let handle = cellText(row, col.handle);
    if (handle === '') {
      if (title === '') {
        this.report({ line, message: 'the row has no handle and no title, so it belongs to no product' });
        return;
      }
      // The current template lets a new product go without "URL handle": Shopify derives it from the title.
      handle = slugify(title) || title;
    }
    let draft = this.drafts.get(handle);
    if (draft === undefined) {
      draft = newDraft(line, handle);
      this.drafts.set(handle, draft);
    }
    if (title !== '' && draft.title === '') this.readProductFields(draft, row, title);
    draft.platformId ??= storeIdCell(row, col.productId);

    const imageSrc = cellText(row, col.imageSrc);
    if (imageSrc !== '') {
      const position = Number.parseInt(cellText(row, col.imagePosition), 10);
      draft.images.add(imageSrc, cellText(row, col.imageAlt), Number.isFinite(position) ? position : null);
    }
    this.readVariant(draft, row, line);
  }

  private readProductFields(draft: ProductDraft, row: readonly string[], title: string): void {
    const col = this.col;
    draft.title = title;
    draft.descriptionHtml = cellText(row, col.body);
    draft.descriptionText = htmlToText(draft.descriptionHtml);
    draft.vendor = cellText(row, col.vendor);
    draft.productType = cellText(row, col.type) || deepestCategory(cellText(row, col.category));
    draft.tags = splitList(cellText(row, col.tags));
    // Status (active/draft/archived) is the truth; classic files without it only say Published TRUE/FALSE.
    draft.status = readStatusWord(cellText(row, col.status)) ?? (readYesNo(cellText(row, col.published)) === false ? 'draft' : 'active');
    const names = col.optionNames.map((c) => cellText(row, c));
    const firstValue = cellText(row, col.optionValues[0] ?? -1).toLowerCase();
    if (firstValue === DEFAULT_TITLE) {
      this.withoutOptions.add(draft);
      draft.optionNames = [];
    } else {
      while (names.length > 0 && names[names.length - 1] === '') names.pop();
      draft.optionNames = names.map((name, i) => name || `Option ${i + 1}`);
    }
  }

  private readVariant(draft: ProductDraft, row: readonly string[], line: number): void {
    const col = this.col;
    const optionValues = col.optionValues.map((c) => cellText(row, c));
    const sku = cellText(row, col.sku);
    const barcode = cellText(row, col.barcode);
    const priceText = cellText(row, col.price);
    const compareText = cellText(row, col.compareAtPrice);
    const quantityText = cellText(row, col.quantity);
    const variantImage = cellText(row, col.variantImage);
    const variantId = storeIdCell(row, col.variantId);
    const hasVariantData =
      optionValues.some((v) => v !== '') || sku !== '' || barcode !== '' || priceText !== '' || compareText !== '' || quantityText !== '' ||
      variantId !== null;
    if (!hasVariantData) {
      // An image-only row (or a blank continuation row). A variant image here has no variant to attach to.
      if (variantImage !== '') draft.images.add(variantImage);
      return;
    }
    const problems: Problems = [];
    const priceCell = this.prices.read(priceText, 'price', problems);
    const compareCell = this.prices.read(compareText, 'compare-at price', problems);
    const price = priceCell.amount;
    const compareAtPrice = compareCell.amount;
    const quantity = readStock(quantityText, problems, 'inventory quantity');
    if (problems.length > 0) {
      for (const message of problems) this.report({ line, message });
      draft.rejectedVariantRows++;
      return;
    }
    // A blank inventory tracker means Shopify does not track this variant's
    // stock: the quantity in the file is then meaningless (usually 0) and
    // showing "sold out" on the stream would be wrong.
    const tracked = col.tracker < 0 || cellText(row, col.tracker) !== '';
    // Shopify's own export names no currency; a price typed as "€24.00" does.
    draft.currency ??= priceCell.currency ?? compareCell.currency;
    if (variantImage !== '') draft.images.add(variantImage);
    draft.variants.push({
      line,
      sku: sku || null,
      barcode: barcode || null,
      optionValues: this.withoutOptions.has(draft) ? [] : trimTrailingBlanks(optionValues),
      price,
      compareAtPrice,
      stock: tracked ? quantity : null,
      imageUrl: variantImage || null,
      platformId: variantId,
    });
  }

  finish(): ImportedProduct[] {
    const products: ImportedProduct[] = [];
    for (const draft of this.drafts.values()) {
      if (draft.optionNames.length === 0 && !this.withoutOptions.has(draft)) inferOptionNames(draft);
      const product = finishDraft(draft, this.report);
      if (product) products.push(product);
    }
    return products;
  }
}

function trimTrailingBlanks(values: string[]): string[] {
  let end = values.length;
  while (end > 0 && values[end - 1] === '') end--;
  return end === values.length ? values : values.slice(0, end);
}

/** Variants carry option values but the product row named no options: call them "Option 1", "Option 2"… */
function inferOptionNames(draft: ProductDraft): void {
  const width = draft.variants.reduce((max, v) => Math.max(max, v.optionValues.length), 0);
  if (width === 1 && draft.variants.every((v) => v.optionValues[0]?.toLowerCase() === DEFAULT_TITLE)) {
    for (const v of draft.variants) v.optionValues = [];
    return;
  }
  draft.optionNames = Array.from({ length: width }, (_, i) => `Option ${i + 1}`);
}

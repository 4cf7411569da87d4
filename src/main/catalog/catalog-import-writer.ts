/**
 * Writes an imported product list into the catalog: decides which products
 * are new and which update an existing one, then writes everything in one
 * transaction. The dry run takes the same decisions without writing.
 */
import type { CatalogFormat, RowError } from '../../shared/domain/catalog.js';
import type { StudioDatabase } from '../db/open-database.js';
import { optionColumns, optionValuesOf, type ProductRecord, type VariantRecord } from './catalog-rows.js';
import { CatalogSearchIndex, sameDocument } from './catalog-search-index.js';
import { searchDocument } from './catalog-search-text.js';
import type { ImportedProduct, ImportedVariant } from './import/types.js';
import { importFingerprint } from './import-fingerprint.js';
import { matchVariants, sameVariant } from './variant-matching.js';

export type ImportAction = 'create' | 'update';

export interface PlannedProduct {
  readonly product: ImportedProduct;
  readonly action: ImportAction;
  /** The catalog product it updates; for creates, the new id once written (null in a dry run). */
  readonly productId: number | null;
}

export interface ImportOutcome {
  readonly format: CatalogFormat;
  readonly products: number;
  readonly variants: number;
  readonly images: number;
  readonly created: number;
  readonly updated: number;
  readonly planned: readonly PlannedProduct[];
  /** Products left out, e.g. a second product with the same handle in one file. */
  readonly skipped: readonly RowError[];
}

/** An import into an empty catalog of at least this many products builds the indexes once at the end. */
const BULK_LOAD_PRODUCTS = 1_000;
/** The page cache while an import writes (negative: KiB), 32 MB. */
const IMPORT_CACHE_KIB = -32_768;

/** A product always has at least one variant: the catalog lists and searches variants. */
const DEFAULT_VARIANT: Omit<ImportedVariant, 'line'> = {
  sku: null,
  barcode: null,
  optionValues: [],
  price: null,
  compareAtPrice: null,
  stock: null,
  imageUrl: null,
  platformId: null,
};

const variantsOf = (p: ImportedProduct): ImportedVariant[] =>
  p.variants.length > 0 ? p.variants : [{ ...DEFAULT_VARIANT, line: p.line }];

/** How re-imports find existing products (exported for the query-plan tests). */
export const MATCH_QUERIES = {
  byKey: 'SELECT id FROM products WHERE source_format = ? AND source_key = ?',
  bySku: 'SELECT DISTINCT product_id FROM variants WHERE sku = ? ORDER BY product_id',
  anySku: 'SELECT EXISTS (SELECT 1 FROM variants WHERE sku IS NOT NULL)',
} as const;

export class CatalogImportWriter {
  private readonly findByKey;
  private readonly findBySku;
  private readonly anySku;
  private readonly insertProduct;
  private readonly updateProduct;
  private readonly existingVariants;
  private readonly insertVariant;
  private readonly updateVariant;
  private readonly updateVariantValues;
  private readonly touchProduct;
  private readonly setFingerprint;
  private readonly deleteVariant;
  private readonly deleteImages;
  private readonly insertImage;
  private readonly productRow;
  private readonly storedFingerprint;
  private readonly imagesOf;
  private readonly search: CatalogSearchIndex;
  private readonly catalogEmpty;
  private readonly catalogIndexes;

  constructor(
    private readonly db: StudioDatabase,
    private readonly now: () => number,
  ) {
    this.findByKey = db.prepare<[string, string], number>(MATCH_QUERIES.byKey).pluck();
    this.findBySku = db.prepare<[string], number>(MATCH_QUERIES.bySku).pluck();
    this.anySku = db.prepare<[], number>(MATCH_QUERIES.anySku).pluck();
    const productColumns = `source_format, source_key, title, description_text, description_html, vendor,
      product_type, tags, status, buy_url, currency, option_names, platform_id, import_fingerprint`;
    this.insertProduct = db.prepare(
      `INSERT INTO products (${productColumns}, created_at, updated_at)
       VALUES (@format, @key, @title, @text, @html, @vendor, @type, @tags, @status, @buyUrl, @currency, @options, @platformId,
         @fingerprint, @now, @now)`,
    );
    // A store ID, once known, stays when a later file has none (platform_id: COALESCE below and in the variants' SETs).
    this.updateProduct = db.prepare(
      `UPDATE products SET source_format = @format, source_key = @key, title = @title, description_text = @text,
         description_html = @html, vendor = @vendor, product_type = @type, tags = @tags, status = @status,
         buy_url = @buyUrl, currency = @currency, option_names = @options,
         platform_id = COALESCE(@platformId, platform_id), import_fingerprint = @fingerprint, updated_at = @now
       WHERE id = @id`,
    );
    this.productRow = db.prepare<[number], ProductRecord>('SELECT * FROM products WHERE id = ?');
    this.storedFingerprint = db.prepare<[number], string | null>('SELECT import_fingerprint FROM products WHERE id = ?').pluck();
    this.existingVariants = db.prepare<[number], VariantRecord>('SELECT * FROM variants WHERE product_id = ? ORDER BY position');
    this.imagesOf = db.prepare<[number], { url: string; alt: string }>(
      'SELECT url, alt FROM images WHERE product_id = ? ORDER BY position',
    );
    this.insertVariant = db.prepare(
      `INSERT INTO variants (product_id, position, sku, barcode, option1, option2, option3, price, compare_at_price, stock, image_url, platform_id)
       VALUES (@productId, @position, @sku, @barcode, @o1, @o2, @o3, @price, @compareAt, @stock, @image, @platformId)`,
    );
    this.updateVariant = db.prepare(
      `UPDATE variants SET position = @position, sku = @sku, barcode = @barcode, option1 = @o1, option2 = @o2,
         option3 = @o3, price = @price, compare_at_price = @compareAt, stock = @stock, image_url = @image,
         platform_id = COALESCE(@platformId, platform_id)
       WHERE id = @id`,
    );
    // Most re-imports only refresh prices and stock: leaving the indexed
    // columns (position, sku) out of the SET spares the index updates (2× faster).
    this.updateVariantValues = db.prepare(
      `UPDATE variants SET barcode = @barcode, option1 = @o1, option2 = @o2, option3 = @o3, price = @price,
         compare_at_price = @compareAt, stock = @stock, image_url = @image, platform_id = COALESCE(@platformId, platform_id)
       WHERE id = @id`,
    );
    this.touchProduct = db.prepare<[number, string, number]>('UPDATE products SET updated_at = ?, import_fingerprint = ? WHERE id = ?');
    this.setFingerprint = db.prepare<[string, number]>('UPDATE products SET import_fingerprint = ? WHERE id = ?');
    this.deleteVariant = db.prepare<[number]>('DELETE FROM variants WHERE id = ?');
    this.deleteImages = db.prepare<[number]>('DELETE FROM images WHERE product_id = ?');
    this.insertImage = db.prepare<[number, number, string, string]>(
      'INSERT INTO images (product_id, position, url, alt) VALUES (?, ?, ?, ?)',
    );
    this.search = new CatalogSearchIndex(db);
    this.catalogEmpty = db.prepare<[], number>('SELECT NOT EXISTS (SELECT 1 FROM products)').pluck();
    this.catalogIndexes = db.prepare<[], { name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_schema
       WHERE type = 'index' AND tbl_name IN ('products', 'variants', 'images') AND sql IS NOT NULL ORDER BY name`,
    );
  }

  /**
   * Matching, so that re-importing a store's file never duplicates:
   *  1. the same (format, source key) — the handle, parent SKU or item id;
   *  2. otherwise a product one of whose variants has one of the imported
   *     SKUs (the seller changed a handle, or moved stores), if no other
   *     imported product already claimed it.
   * Key matches are decided for the whole file before any SKU fallback, so a
   * product that keeps its key is never taken by another product's SKU.
   */
  plan(products: readonly ImportedProduct[], format: CatalogFormat): { planned: PlannedProduct[]; skipped: RowError[] } {
    const skipped: RowError[] = [];
    const firstLineByKey = new Map<string, number>();
    const unique: ImportedProduct[] = [];
    for (const product of products) {
      const firstLine = firstLineByKey.get(product.sourceKey);
      if (firstLine !== undefined) {
        skipped.push({
          line: product.line,
          message: `The product "${product.sourceKey}" appears again (first on line ${firstLine}); this copy was skipped.`,
        });
        continue;
      }
      firstLineByKey.set(product.sourceKey, product.line);
      unique.push(product);
    }

    const claimed = new Set<number>();
    const matches = unique.map((product) => {
      const id = this.findByKey.get(format, product.sourceKey);
      if (id !== undefined) claimed.add(id);
      return id ?? null;
    });
    // Into a catalog without SKUs (a first import) there is nothing to fall back to.
    const skuFallback = this.anySku.get() === 1;
    const planned = unique.map((product, i): PlannedProduct => {
      const id = matches[i] ?? (skuFallback ? this.matchBySku(product, claimed) : null);
      if (id === null) return { product, action: 'create', productId: null };
      claimed.add(id);
      return { product, action: 'update', productId: id };
    });
    return { planned, skipped };
  }

  private matchBySku(product: ImportedProduct, claimed: ReadonlySet<number>): number | null {
    for (const variant of product.variants) {
      if (variant.sku === null) continue;
      for (const id of this.findBySku.all(variant.sku)) if (!claimed.has(id)) return id;
    }
    return null;
  }

  /** Plans and (unless dryRun) writes, in one immediate transaction: all or nothing. */
  apply(products: readonly ImportedProduct[], format: CatalogFormat, options: { dryRun: boolean }): ImportOutcome {
    if (options.dryRun) {
      // A dry run only reads; a deferred transaction still gives it one consistent snapshot.
      return this.db.transaction(() => {
        const { planned, skipped } = this.plan(products, format);
        return summarize(format, planned, skipped);
      }).deferred();
    }
    let outcome: ImportOutcome;
    const cacheSize = this.db.pragma('cache_size', { simple: true }) as number;
    try {
      // Index pages stay in memory while the import touches them (the default is 2 MB).
      this.db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
      outcome = this.db.transaction(() => {
        const { planned, skipped } = this.plan(products, format);
        const bulk = planned.length >= BULK_LOAD_PRODUCTS && this.catalogEmpty.get() === 1;
        const indexes = bulk ? this.dropIndexes() : [];
        const written = planned.map((p) => this.write(p, format));
        for (const sql of indexes) this.db.exec(sql);
        this.search.flush();
        return summarize(format, written, skipped);
      }).immediate();
    } catch (error) {
      this.search.discard();
      throw error;
    } finally {
      this.db.pragma(`cache_size = ${cacheSize}`);
    }
    this.search.settle();
    return outcome;
  }

  /**
   * Into an empty catalog: drops the secondary indexes, to be built once at the end (same transaction:
   * a failed import leaves them as they were). Returns the statements that create them again.
   */
  private dropIndexes(): string[] {
    const indexes = this.catalogIndexes.all();
    for (const { name } of indexes) this.db.exec(`DROP INDEX "${name.replaceAll('"', '""')}"`);
    return indexes.map((index) => index.sql);
  }

  /**
   * Writes one product. On update only what changed is written: a re-import
   * that mostly refreshes stock and prices leaves titles, images and the
   * search index alone, and `updated_at` moves only when something changed.
   * A product whose import fingerprint is the one stored with it is the
   * same import written again: nothing is read or written.
   */
  private write(planned: PlannedProduct, format: CatalogFormat): PlannedProduct {
    const p = planned.product;
    const fingerprint = importFingerprint(format, p);
    if (planned.productId !== null && this.storedFingerprint.get(planned.productId) === fingerprint) return planned;
    const fields = {
      format,
      key: p.sourceKey,
      title: p.title,
      text: p.descriptionText,
      html: p.descriptionHtml,
      vendor: p.vendor,
      type: p.productType,
      tags: JSON.stringify(p.tags),
      status: p.status,
      buyUrl: p.buyUrl,
      currency: p.currency,
      options: JSON.stringify(p.optionNames.slice(0, 3)),
      platformId: p.platformId,
      fingerprint,
      now: this.now(),
    };
    if (planned.productId === null) {
      const productId = Number(this.insertProduct.run(fields).lastInsertRowid);
      this.insertVariants(productId, p);
      p.images.forEach((image, position) => this.insertImage.run(productId, position, image.url, image.alt));
      return { ...planned, productId };
    }
    const productId = planned.productId;
    const before = this.productRow.get(productId)!;
    const productChanged =
      before.source_format !== fields.format ||
      before.source_key !== fields.key ||
      before.title !== fields.title ||
      before.description_text !== fields.text ||
      before.description_html !== fields.html ||
      before.vendor !== fields.vendor ||
      before.product_type !== fields.type ||
      before.tags !== fields.tags ||
      before.status !== fields.status ||
      before.buy_url !== fields.buyUrl ||
      before.currency !== fields.currency ||
      before.option_names !== fields.options ||
      (fields.platformId !== null && before.platform_id !== fields.platformId);
    const variantsChanged = this.writeVariants(productId, p, before);
    const imagesChanged = this.writeImages(productId, p);
    if (productChanged) this.updateProduct.run({ ...fields, id: productId });
    else if (variantsChanged || imagesChanged) this.touchProduct.run(fields.now, fingerprint, productId);
    else this.setFingerprint.run(fingerprint, productId);
    return planned;
  }

  /** A new product's variants and their search rows. */
  private insertVariants(productId: number, product: ImportedProduct): void {
    variantsOf(product).forEach((variant, position) => {
      const optionValues = variant.optionValues.slice(0, 3);
      const [o1, o2, o3] = optionColumns(optionValues);
      const rowid = Number(
        this.insertVariant.run({
          productId,
          position,
          sku: variant.sku,
          barcode: variant.barcode,
          o1,
          o2,
          o3,
          price: variant.price,
          compareAt: variant.compareAtPrice,
          stock: variant.stock,
          image: variant.imageUrl,
          platformId: variant.platformId,
        }).lastInsertRowid,
      );
      this.search.insert(rowid, searchDocument(product, { sku: variant.sku, optionValues }));
    });
  }

  /** Replaces the images when the list (urls, alt texts, order) differs. */
  private writeImages(productId: number, product: ImportedProduct): boolean {
    const current = this.imagesOf.all(productId);
    const same =
      current.length === product.images.length &&
      current.every((image, i) => image.url === product.images[i]!.url && image.alt === product.images[i]!.alt);
    if (same) return false;
    this.deleteImages.run(productId);
    product.images.forEach((image, position) => this.insertImage.run(productId, position, image.url, image.alt));
    return true;
  }

  /**
   * On update, a variant keeps its id (rundown items point at it) when its
   * SKU matches, or else its option values ("M / Blue"); variants no longer
   * in the file are removed (their rundown items fall back to the product).
   * Returns whether anything changed.
   */
  private writeVariants(productId: number, product: ImportedProduct, before: ProductRecord | null): boolean {
    const imported = variantsOf(product);
    const existing = before ? this.existingVariants.all(productId) : [];
    const { reuse, leftover } = matchVariants(existing, imported);
    for (const v of leftover) this.deleteVariant.run(v.id);
    let changed = leftover.length > 0;
    const oldProduct = before && {
      title: before.title,
      vendor: before.vendor,
      productType: before.product_type,
      tags: JSON.parse(before.tags) as string[],
    };
    imported.forEach((variant, position) => {
      const optionValues = variant.optionValues.slice(0, 3);
      const [o1, o2, o3] = optionColumns(optionValues);
      const values = {
        productId,
        position,
        sku: variant.sku,
        barcode: variant.barcode,
        o1,
        o2,
        o3,
        price: variant.price,
        compareAt: variant.compareAtPrice,
        stock: variant.stock,
        image: variant.imageUrl,
        platformId: variant.platformId,
      };
      const doc = searchDocument(product, { sku: variant.sku, optionValues });
      const old = reuse.get(position);
      if (!old) {
        const rowid = Number(this.insertVariant.run(values).lastInsertRowid);
        this.search.insert(rowid, doc);
        changed = true;
        return;
      }
      if (!sameVariant(old, values)) {
        const moved = old.position !== values.position || old.sku !== values.sku;
        (moved ? this.updateVariant : this.updateVariantValues).run({ ...values, id: old.id });
        changed = true;
      }
      const oldDoc = searchDocument(oldProduct!, { sku: old.sku, optionValues: optionValuesOf(old) });
      if (!sameDocument(oldDoc, doc)) this.search.queue(old.id, doc, true);
    });
    return changed;
  }
}

function summarize(format: CatalogFormat, planned: readonly PlannedProduct[], skipped: readonly RowError[]): ImportOutcome {
  let variants = 0;
  let images = 0;
  let created = 0;
  for (const { product, action } of planned) {
    variants += variantsOf(product).length;
    images += product.images.length;
    if (action === 'create') created++;
  }
  return { format, products: planned.length, variants, images, created, updated: planned.length - created, planned, skipped };
}

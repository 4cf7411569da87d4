/**
 * The product catalog in SQLite, behind one typed class: imports (through
 * CatalogImportWriter), search as you type, product detail and counts.
 * Main process only; the one writer of the catalog tables.
 */
import { StudioError } from '../../shared/api/result.js';
import type { CatalogFormat, CatalogPage, CatalogRow, CatalogStats, ProductDetail } from '../../shared/domain/catalog.js';
import { shownCurrency } from '../../shared/domain/money.js';
import type { StudioDatabase } from '../db/open-database.js';
import { CatalogImportWriter, type ImportOutcome } from './catalog-import-writer.js';
import {
  CATALOG_ROW_COLUMNS,
  toCatalogRow,
  toProductDetail,
  type CatalogRowRecord,
  type ImageRecord,
  type ProductRecord,
  type VariantRecord,
} from './catalog-rows.js';
import { matchExpression } from './catalog-search-text.js';
import type { ImportedProduct } from './import/types.js';

export interface CatalogSearch {
  readonly query: string;
  readonly offset: number;
  readonly limit: number;
}

export interface CatalogStoreOptions {
  readonly now?: () => number;
  /**
   * The seller's store currency (settings.store.currency, '' for none):
   * products whose file named no currency are read as priced in it, so
   * setting it later applies to a catalog already imported. The stored
   * row keeps null (a re-import compares what the file said).
   */
  readonly storeCurrency?: () => string;
}

/** The hot queries, exported for the EXPLAIN QUERY PLAN tests. */
export const CATALOG_QUERIES = {
  // Walks products in title order (products_by_title) and each product's
  // variants in position order (variants_by_product): no sort step, so the
  // first page comes back at once however large the catalog is.
  listRows: `SELECT ${CATALOG_ROW_COLUMNS}
    FROM products p JOIN variants v ON v.product_id = p.id
    ORDER BY p.title COLLATE NOCASE, p.id, v.position
    LIMIT ? OFFSET ?`,
  countMatches: 'SELECT count(*) FROM catalog_search WHERE catalog_search MATCH ?',
  // Rank (bm25 with the column weights set in the migration) picks the page
  // inside FTS5; only those rows are joined to their variant and product.
  rankedRows: `WITH hits AS (
      SELECT rowid AS variant_id, rank FROM catalog_search WHERE catalog_search MATCH ?
      ORDER BY rank LIMIT ? OFFSET ?
    )
    SELECT ${CATALOG_ROW_COLUMNS}
    FROM hits JOIN variants v ON v.id = hits.variant_id JOIN products p ON p.id = v.product_id
    ORDER BY hits.rank`,
  // Broad matches in catalog (import) order: FTS5 walks its doclist and stops after the page.
  catalogOrderRows: `WITH hits AS (
      SELECT rowid AS variant_id FROM catalog_search WHERE catalog_search MATCH ?
      ORDER BY rowid LIMIT ? OFFSET ?
    )
    SELECT ${CATALOG_ROW_COLUMNS}
    FROM hits JOIN variants v ON v.id = hits.variant_id JOIN products p ON p.id = v.product_id
    ORDER BY hits.variant_id`,
} as const;

/**
 * Ranking costs about half a microsecond per matching row (bm25 reads each
 * row's column sizes), so a one- or two-letter prefix matching half the
 * catalog would take 30+ ms. Up to this many matches results are ranked;
 * beyond it they come in catalog order, which FTS5 can page through without
 * looking at every match. The host narrows a broad query by typing on.
 */
export const RANKED_MATCHES_LIMIT = 2_000;

/** How many products `iterateProducts` reads per round trip. */
const PRODUCT_BATCH = 500;

export class CatalogStore {
  private readonly writer: CatalogImportWriter;
  private readonly countVariants;
  private readonly countProducts;
  private readonly listRows;
  private readonly countMatches;
  private readonly rankedRows;
  private readonly catalogOrderRows;
  private readonly productById;
  private readonly variantsOfProduct;
  private readonly imagesOfProduct;
  private readonly productBatch;
  private readonly variantsOfBatch;
  private readonly imagesOfBatch;
  /** settings.store.currency now ('' for none); the import reads a bare "$" with it. */
  readonly storeCurrency: () => string;

  constructor(db: StudioDatabase, options: CatalogStoreOptions = {}) {
    this.writer = new CatalogImportWriter(db, options.now ?? Date.now);
    this.storeCurrency = options.storeCurrency ?? (() => '');
    this.countVariants = db.prepare<[], number>('SELECT count(*) FROM variants').pluck();
    this.countProducts = db.prepare<[], number>('SELECT count(*) FROM products').pluck();
    this.listRows = db.prepare<[number, number], CatalogRowRecord>(CATALOG_QUERIES.listRows);
    this.countMatches = db.prepare<[string], number>(CATALOG_QUERIES.countMatches).pluck();
    this.rankedRows = db.prepare<[string, number, number], CatalogRowRecord>(CATALOG_QUERIES.rankedRows);
    this.catalogOrderRows = db.prepare<[string, number, number], CatalogRowRecord>(CATALOG_QUERIES.catalogOrderRows);
    this.productById = db.prepare<[number], ProductRecord>('SELECT * FROM products WHERE id = ?');
    this.variantsOfProduct = db.prepare<[number], VariantRecord>(
      'SELECT * FROM variants WHERE product_id = ? ORDER BY position',
    );
    this.imagesOfProduct = db.prepare<[number], ImageRecord>('SELECT * FROM images WHERE product_id = ? ORDER BY position');
    this.productBatch = db.prepare<[number, number], ProductRecord>(
      'SELECT * FROM products WHERE id > ? ORDER BY id LIMIT ?',
    );
    this.variantsOfBatch = db.prepare<[number, number], VariantRecord>(
      'SELECT * FROM variants WHERE product_id BETWEEN ? AND ? ORDER BY product_id, position',
    );
    this.imagesOfBatch = db.prepare<[number, number], ImageRecord>(
      'SELECT * FROM images WHERE product_id BETWEEN ? AND ? ORDER BY product_id, position',
    );
  }

  /**
   * Saves an import in one immediate transaction (nothing is written if any
   * of it fails), or with dryRun only works out what it would do.
   */
  applyImport(products: readonly ImportedProduct[], format: CatalogFormat, options: { dryRun: boolean }): ImportOutcome {
    return this.writer.apply(products, format, options);
  }

  /**
   * Variant rows: all of them by title for an empty query, else the rows
   * where every term matches as a prefix — best match first, or in catalog
   * order when the query is still too broad to rank quickly.
   */
  search({ query, offset, limit }: CatalogSearch): CatalogPage {
    const match = matchExpression(query);
    if (match === null) {
      return { total: this.countVariants.get() ?? 0, offset, rows: this.shownRows(this.listRows.all(limit, offset)) };
    }
    const total = this.countMatches.get(match) ?? 0;
    if (total === 0) return { total, offset, rows: [] };
    const rows = total <= RANKED_MATCHES_LIMIT ? this.rankedRows : this.catalogOrderRows;
    return { total, offset, rows: this.shownRows(rows.all(match, limit, offset)) };
  }

  findProduct(productId: number): ProductDetail | null {
    const product = this.productById.get(productId);
    if (!product) return null;
    const detail = toProductDetail(product, this.variantsOfProduct.all(productId), this.imagesOfProduct.all(productId));
    return { ...detail, currency: shownCurrency(detail.currency, this.storeCurrency()) };
  }

  private shownRows(records: readonly CatalogRowRecord[]): CatalogRow[] {
    const store = this.storeCurrency();
    return records.map((r) => ({ ...toCatalogRow(r), currency: shownCurrency(r.currency, store) }));
  }

  getProduct(productId: number): ProductDetail {
    const product = this.findProduct(productId);
    if (!product) throw new StudioError('not-found', 'That product is no longer in the catalog.');
    return product;
  }

  stats(): CatalogStats {
    return { products: this.countProducts.get() ?? 0, variants: this.countVariants.get() ?? 0 };
  }

  /** Every product with its variants and images, in id order, a batch at a time (for exports). */
  *iterateProducts(): Generator<ProductDetail> {
    let afterId = 0;
    for (;;) {
      const products = this.productBatch.all(afterId, PRODUCT_BATCH);
      const last = products[products.length - 1];
      if (!last) return;
      const first = products[0]!;
      const variants = groupByProduct(this.variantsOfBatch.all(first.id, last.id));
      const images = groupByProduct(this.imagesOfBatch.all(first.id, last.id));
      for (const p of products) yield toProductDetail(p, variants.get(p.id) ?? [], images.get(p.id) ?? []);
      afterId = last.id;
    }
  }
}

function groupByProduct<R extends { product_id: number }>(rows: readonly R[]): Map<number, R[]> {
  const groups = new Map<number, R[]>();
  for (const row of rows) {
    const list = groups.get(row.product_id);
    if (list) list.push(row);
    else groups.set(row.product_id, [row]);
  }
  return groups;
}

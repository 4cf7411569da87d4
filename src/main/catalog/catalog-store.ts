/**
 * The product catalog in SQLite, behind one typed class: imports (through
 * CatalogImportWriter), search as you type, product detail and counts.
 * Main process only; the one writer of the catalog tables.
 */
import { StudioError } from '../../shared/api/result.js';
import type {
  CatalogCursor,
  CatalogFormat,
  CatalogPage,
  CatalogRow,
  CatalogStats,
  ProductDetail,
} from '../../shared/domain/catalog.js';
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
  /** Where the page starts by position; ignored when `after` or `before` is given. */
  readonly offset: number;
  readonly limit: number;
  /** Keyset paging: the rows after this one (a page's `last`)… */
  readonly after?: CatalogCursor | undefined;
  /** …or the rows before this one (a page's `first`), still in result order. */
  readonly before?: CatalogCursor | undefined;
  /** Count every match even for a broad search (slower); by default counting stops at SEARCH_COUNT_LIMIT. */
  readonly exactTotal?: boolean;
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
  // The rank itself is not selected: reading it for the page's rows runs
  // bm25 again for each (0.2–0.9 ms a page). The join is nested loops with
  // hits outermost (pinned by query-plans.test.ts), so rows keep rank order.
  rankedRows: `WITH hits AS (
      SELECT rowid AS variant_id FROM catalog_search WHERE catalog_search MATCH ?
      ORDER BY rank LIMIT ? OFFSET ?
    )
    SELECT ${CATALOG_ROW_COLUMNS}
    FROM hits JOIN variants v ON v.id = hits.variant_id JOIN products p ON p.id = v.product_id`,
  // Broad matches in catalog (import) order: FTS5 walks its doclist and stops after the page.
  catalogOrderRows: `WITH hits AS (
      SELECT rowid AS variant_id FROM catalog_search WHERE catalog_search MATCH ?
      ORDER BY rowid LIMIT ? OFFSET ?
    )
    SELECT ${CATALOG_ROW_COLUMNS}
    FROM hits JOIN variants v ON v.id = hits.variant_id JOIN products p ON p.id = v.product_id
    ORDER BY hits.variant_id`,
  // Bounded count: stops reading the FTS doclists after `limit` matches.
  countMatchesUpTo: 'SELECT count(*) FROM (SELECT 1 FROM catalog_search WHERE catalog_search MATCH ? LIMIT ?)',
  // Keyset pages of the list: seek in products_by_title to the cursor's title,
  // then skip the rows up to (title, product, position) — no OFFSET walk.
  listRowsAfter: `SELECT ${CATALOG_ROW_COLUMNS}
    FROM products p JOIN variants v ON v.product_id = p.id
    WHERE p.title COLLATE NOCASE >= @title
      AND (p.title COLLATE NOCASE > @title OR p.id > @productId OR (p.id = @productId AND v.position > @position))
    ORDER BY p.title COLLATE NOCASE, p.id, v.position
    LIMIT @limit`,
  listRowsBefore: `SELECT ${CATALOG_ROW_COLUMNS}
    FROM products p JOIN variants v ON v.product_id = p.id
    WHERE p.title COLLATE NOCASE <= @title
      AND (p.title COLLATE NOCASE < @title OR p.id < @productId OR (p.id = @productId AND v.position < @position))
    ORDER BY p.title COLLATE NOCASE DESC, p.id DESC, v.position DESC
    LIMIT @limit`,
  // Ranked keyset pages: every match is ranked anyway (at most RANKED_MATCHES_LIMIT),
  // so the page is found by the cursor row's place among all the ranked ids.
  rankedIds: 'SELECT rowid FROM catalog_search WHERE catalog_search MATCH ? ORDER BY rank',
  rowsByIds: `SELECT ${CATALOG_ROW_COLUMNS}
    FROM json_each(?) j JOIN variants v ON v.id = j.value JOIN products p ON p.id = v.product_id
    ORDER BY j.key`,
  // Catalog-order keyset pages: FTS5 starts its doclist walk at the rowid.
  catalogOrderRowsAfter: `WITH hits AS (
      SELECT rowid AS variant_id FROM catalog_search WHERE catalog_search MATCH @match AND rowid > @variantId
      ORDER BY rowid LIMIT @limit
    )
    SELECT ${CATALOG_ROW_COLUMNS}
    FROM hits JOIN variants v ON v.id = hits.variant_id JOIN products p ON p.id = v.product_id
    ORDER BY hits.variant_id`,
  catalogOrderRowsBefore: `WITH hits AS (
      SELECT rowid AS variant_id FROM catalog_search WHERE catalog_search MATCH @match AND rowid < @variantId
      ORDER BY rowid DESC LIMIT @limit
    )
    SELECT ${CATALOG_ROW_COLUMNS}
    FROM hits JOIN variants v ON v.id = hits.variant_id JOIN products p ON p.id = v.product_id
    ORDER BY hits.variant_id DESC`,
} as const;

/**
 * Ranking costs about half a microsecond per matching row (bm25 reads each
 * row's column sizes), so a one- or two-letter prefix matching half the
 * catalog would take 30+ ms. Up to this many matches results are ranked;
 * beyond it they come in catalog order, which FTS5 can page through without
 * looking at every match. The host narrows a broad query by typing on.
 */
export const RANKED_MATCHES_LIMIT = 2_000;

/**
 * A search counts its matches up to this many and then says "2,000+": an
 * exact count of a one-letter prefix reads half the index (2–6 ms), and the
 * number is only there to tell the host whether to type on. It is also the
 * ranking limit, so one bounded count decides both.
 */
export const SEARCH_COUNT_LIMIT = RANKED_MATCHES_LIMIT;

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
  private readonly countMatchesUpTo;
  private readonly listRowsAfter;
  private readonly listRowsBefore;
  private readonly rankedIds;
  private readonly rowsByIds;
  private readonly catalogOrderRowsAfter;
  private readonly catalogOrderRowsBefore;
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
    this.countMatchesUpTo = db.prepare<[string, number], number>(CATALOG_QUERIES.countMatchesUpTo).pluck();
    type TitleKey = { title: string; productId: number; position: number; limit: number };
    type IdKey = { match: string; variantId: number; limit: number };
    this.listRowsAfter = db.prepare<[TitleKey], CatalogRowRecord>(CATALOG_QUERIES.listRowsAfter);
    this.listRowsBefore = db.prepare<[TitleKey], CatalogRowRecord>(CATALOG_QUERIES.listRowsBefore);
    this.rankedIds = db.prepare<[string], number>(CATALOG_QUERIES.rankedIds).pluck();
    this.rowsByIds = db.prepare<[string], CatalogRowRecord>(CATALOG_QUERIES.rowsByIds);
    this.catalogOrderRowsAfter = db.prepare<[IdKey], CatalogRowRecord>(CATALOG_QUERIES.catalogOrderRowsAfter);
    this.catalogOrderRowsBefore = db.prepare<[IdKey], CatalogRowRecord>(CATALOG_QUERIES.catalogOrderRowsBefore);
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
   * order when the query is still too broad to rank quickly. A page starts
   * at `offset`, or after/before a row's cursor (keyset: as quick at the
   * end of the catalog as at its start).
   */
  search({ query, offset, limit, after, before, exactTotal = false }: CatalogSearch): CatalogPage {
    const cursor = after ?? before;
    const pageOffset = cursor ? null : offset;
    const match = matchExpression(query);
    if (match === null) {
      const total = this.countVariants.get() ?? 0;
      let records: CatalogRowRecord[];
      if (cursor?.order === 'title') {
        const key = { title: cursor.title, productId: cursor.productId, position: cursor.position, limit };
        records = after ? this.listRowsAfter.all(key) : this.listRowsBefore.all(key).reverse();
      } else if (cursor) {
        records = []; // a search's cursor: the query was cleared since, nothing of it is before or after
      } else {
        records = this.listRows.all(limit, offset);
      }
      return this.page(total, true, pageOffset, records, 'title');
    }
    const counted = exactTotal ? (this.countMatches.get(match) ?? 0) : (this.countMatchesUpTo.get(match, SEARCH_COUNT_LIMIT + 1) ?? 0);
    const totalIsExact = exactTotal || counted <= SEARCH_COUNT_LIMIT;
    const total = totalIsExact ? counted : SEARCH_COUNT_LIMIT;
    if (counted === 0) return this.page(0, true, pageOffset, [], 'catalog');
    // A cursor keeps the order its page came in (the catalog may have changed since); else the count picks it.
    const order = cursor?.order ?? (counted <= RANKED_MATCHES_LIMIT ? 'rank' : 'catalog');
    let records: CatalogRowRecord[];
    if (cursor?.order === 'rank' && counted > RANKED_MATCHES_LIMIT) {
      records = []; // the catalog changed and the query is now too broad to rank; the table reloads
    } else if (cursor?.order === 'rank') {
      const ids = this.rankedIds.all(match);
      const at = ids.indexOf(cursor.variantId);
      // A row no longer found (the catalog changed; the table reloads): nothing to page from.
      const page = at < 0 ? [] : after ? ids.slice(at + 1, at + 1 + limit) : ids.slice(Math.max(0, at - limit), at);
      records = page.length === 0 ? [] : this.rowsByIds.all(JSON.stringify(page));
    } else if (cursor?.order === 'catalog') {
      const key = { match, variantId: cursor.variantId, limit };
      records = after ? this.catalogOrderRowsAfter.all(key) : this.catalogOrderRowsBefore.all(key).reverse();
    } else if (cursor) {
      records = []; // a list cursor: the query was typed since
    } else {
      records = (order === 'rank' ? this.rankedRows : this.catalogOrderRows).all(match, limit, offset);
    }
    return this.page(total, totalIsExact, pageOffset, records, order);
  }

  private page(
    total: number,
    totalIsExact: boolean,
    offset: number | null,
    records: readonly CatalogRowRecord[],
    order: CatalogCursor['order'],
  ): CatalogPage {
    const firstRecord = records[0];
    const lastRecord = records[records.length - 1];
    return {
      total,
      totalIsExact,
      offset,
      rows: this.shownRows(records),
      first: firstRecord ? cursorOf(firstRecord, order) : null,
      last: lastRecord ? cursorOf(lastRecord, order) : null,
    };
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

function cursorOf(record: CatalogRowRecord, order: CatalogCursor['order']): CatalogCursor {
  switch (order) {
    case 'title':
      return { order, title: record.title, productId: record.product_id, position: record.position };
    case 'rank':
    case 'catalog':
      return { order, variantId: record.variant_id };
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

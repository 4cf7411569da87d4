/**
 * Keeps catalog_search (one FTS5 row per variant) in step with the variant
 * rows, cheaply. Measured on 100,000 variants (docs/benchmarks.md):
 *  - inserting rows into a contentless FTS5 table is cheap (~20 µs a row);
 *  - replacing rows is not: each replacement leaves a tombstone in every
 *    segment, costing 30–50 µs a row on a merged index and 100–450 µs on
 *    a fragmented one — 13 s to replace all 100,000;
 *  - wiping the index ('delete-all') and inserting everything again takes
 *    ~2.5 s, and merging the segments afterwards ('optimize') ~0.5 s, which
 *    makes broad prefix queries 3–4× faster.
 * So an import indexes new variants at once, queues the rows whose text
 * changed (when they are many it rebuilds the whole index, otherwise it
 * replaces them one by one), and after a large import merges the index.
 */
import type { StudioDatabase } from '../db/open-database.js';
import { optionValuesOf } from './catalog-rows.js';
import { searchDocument, type SearchDocument } from './catalog-search-text.js';

/** Rebuild instead of replacing when more than this share of all rows would be replaced. */
const REBUILD_SHARE = 0.25;
/** Merge the index after an import that wrote at least this many rows. */
const OPTIMIZE_AFTER_WRITES = 1_000;
const REBUILD_BATCH = 5_000;

interface SearchSource {
  id: number;
  title: string;
  vendor: string;
  product_type: string;
  tags: string;
  sku: string | null;
  option1: string | null;
  option2: string | null;
  option3: string | null;
}

export class CatalogSearchIndex {
  private readonly insertRow;
  private readonly replaceRow;
  private readonly deleteAll;
  private readonly optimizeIndex;
  private readonly sourceBatch;
  private readonly countVariants;
  private pending: { rowid: number; doc: SearchDocument; replaces: boolean }[] = [];
  private written = 0;

  constructor(db: StudioDatabase) {
    const columns = 'rowid, title, sku, sku_joined, vendor, tags, options';
    const values = '@rowid, @title, @sku, @skuJoined, @vendor, @tags, @options';
    this.insertRow = db.prepare(`INSERT INTO catalog_search (${columns}) VALUES (${values})`);
    this.replaceRow = db.prepare(`INSERT OR REPLACE INTO catalog_search (${columns}) VALUES (${values})`);
    this.deleteAll = db.prepare("INSERT INTO catalog_search (catalog_search) VALUES ('delete-all')");
    this.optimizeIndex = db.prepare("INSERT INTO catalog_search (catalog_search) VALUES ('optimize')");
    this.sourceBatch = db.prepare<[number, number], SearchSource>(
      `SELECT v.id, p.title, p.vendor, p.product_type, p.tags, v.sku, v.option1, v.option2, v.option3
       FROM variants v JOIN products p ON p.id = v.product_id
       WHERE v.id > ? ORDER BY v.id LIMIT ?`,
    );
    this.countVariants = db.prepare<[], number>('SELECT count(*) FROM variants').pluck();
  }

  /**
   * A new variant: indexed at once, inside the import's transaction (an
   * insert leaves no tombstone, and nothing is held until the flush).
   */
  insert(rowid: number, doc: SearchDocument): void {
    this.insertRow.run({ rowid, ...doc });
    this.written++;
  }

  /** A variant's text changed: re-index it when the import flushes (or rebuild, when many did). */
  queue(rowid: number, doc: SearchDocument, replaces: boolean): void {
    this.pending.push({ rowid, doc, replaces });
  }

  /** Writes the queued rows, inside the import's transaction. */
  flush(): void {
    const pending = this.pending;
    this.pending = [];
    const replacements = pending.filter((p) => p.replaces).length;
    const total = this.countVariants.get() ?? 0;
    if (replacements > 0 && replacements > total * REBUILD_SHARE) {
      this.rebuild();
      this.written += total;
      return;
    }
    for (const { rowid, doc, replaces } of pending) (replaces ? this.replaceRow : this.insertRow).run({ rowid, ...doc });
    this.written += pending.length;
  }

  /** Drops what was queued (the transaction failed). */
  discard(): void {
    this.pending = [];
    this.written = 0;
  }

  /** After the import committed: merges the index if the import wrote a lot to it. */
  settle(): void {
    const written = this.written;
    this.written = 0;
    if (written < OPTIMIZE_AFTER_WRITES) return;
    try {
      this.optimizeIndex.run();
    } catch {
      // Only speed is lost: FTS5 keeps merging segments by itself as rows are written.
    }
  }

  /** Wipes the index and indexes every variant again, in id order, a batch at a time. */
  rebuild(): void {
    this.deleteAll.run();
    let afterId = 0;
    const tagsByJson = new Map<string, string[]>();
    for (;;) {
      const batch = this.sourceBatch.all(afterId, REBUILD_BATCH);
      for (const row of batch) {
        let tags = tagsByJson.get(row.tags);
        if (!tags) tagsByJson.set(row.tags, (tags = JSON.parse(row.tags) as string[]));
        const doc = searchDocument(
          { title: row.title, vendor: row.vendor, productType: row.product_type, tags },
          { sku: row.sku, optionValues: optionValuesOf(row) },
        );
        this.insertRow.run({ rowid: row.id, ...doc });
      }
      const last = batch[batch.length - 1];
      if (!last) return;
      afterId = last.id;
    }
  }
}

/** Field by field: cheaper than serializing, and the documents are flat. */
export function sameDocument(a: SearchDocument, b: SearchDocument): boolean {
  return (
    a.title === b.title &&
    a.sku === b.sku &&
    a.skuJoined === b.skuJoined &&
    a.vendor === b.vendor &&
    a.tags === b.tags &&
    a.options === b.options
  );
}

import type { PictureFailure, PictureProgress } from '../../shared/domain/pictures.js';
import { PICTURE_FAILURES_SHOWN } from '../../shared/domain/pictures.js';
import type { StudioDatabase } from '../db/open-database.js';

/** Every picture address the catalog names (products' images, variants' images). */
const CATALOG_URLS = `SELECT url FROM images UNION SELECT image_url FROM variants WHERE image_url IS NOT NULL`;

/** A product's main picture address: its first image, else its first variant's. */
const MAIN_URL = `COALESCE(
  (SELECT i.url FROM images i WHERE i.product_id = p.id ORDER BY i.position LIMIT 1),
  (SELECT v.image_url FROM variants v WHERE v.product_id = p.id AND v.image_url IS NOT NULL ORDER BY v.position LIMIT 1))`;

/** Only web addresses are fetched; anything else (a file name, data:) is not queued. */
const isWebAddress = (url: string) => /^https?:\/\//i.test(url) && url.length <= 2048;

/**
 * The picture tables of migration 0230, behind one class (main process
 * only; the one writer of them).
 */
export class PictureStore {
  constructor(
    private readonly db: StudioDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  /** Queues every catalog address not known yet; returns how many were new. */
  queueCatalog(): number {
    const urls = (this.db.prepare(CATALOG_URLS).pluck().all() as string[]).filter(isWebAddress);
    const insert = this.db.prepare(`INSERT OR IGNORE INTO picture_sources (url, status, updated_at) VALUES (?, 'waiting', ?)`);
    let added = 0;
    this.db.transaction(() => {
      for (const url of urls) added += insert.run(url, this.now()).changes;
    })();
    return added;
  }

  /** Picture names in the catalog that are not web addresses (files beside an imported CSV) and not kept yet. */
  localNames(): string[] {
    return (this.db.prepare(`${CATALOG_URLS} EXCEPT SELECT url FROM picture_sources WHERE status = 'ready'`).pluck().all() as string[]).filter(
      (url) => !isWebAddress(url) && url.length <= 2048,
    );
  }

  /** A file beside an imported CSV, kept (mediaId) or not (reason). */
  setLocal(name: string, outcome: { readonly mediaId: string } | { readonly reason: string }): void {
    const ready = 'mediaId' in outcome;
    this.db
      .prepare(
        `INSERT INTO picture_sources (url, status, media_id, error, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (url) DO UPDATE SET status = excluded.status, media_id = excluded.media_id, error = excluded.error, updated_at = excluded.updated_at`,
      )
      .run(name, ready ? 'ready' : 'failed', ready ? outcome.mediaId : null, ready ? null : outcome.reason.slice(0, 300), this.now());
  }

  /** The next addresses to fetch. */
  waiting(limit: number): string[] {
    return this.db.prepare(`SELECT url FROM picture_sources WHERE status = 'waiting' ORDER BY updated_at, url LIMIT ?`).pluck().all(limit) as string[];
  }

  markReady(url: string, mediaId: string): void {
    this.db.prepare(`UPDATE picture_sources SET status = 'ready', media_id = ?, error = NULL, updated_at = ? WHERE url = ?`).run(mediaId, this.now(), url);
  }

  markFailed(url: string, reason: string): void {
    this.db
      .prepare(`UPDATE picture_sources SET status = 'failed', media_id = NULL, error = ?, updated_at = ? WHERE url = ?`)
      .run(reason.slice(0, 300), this.now(), url);
  }

  /** Failed pictures go back in the queue: one product's, or all (null). Returns how many. */
  retry(productId: number | null): number {
    // Files beside a CSV are not fetched: importing the CSV again retries them.
    const set = `UPDATE picture_sources SET status = 'waiting', error = NULL, updated_at = ? WHERE status = 'failed' AND url LIKE 'http%'`;
    if (productId === null) return this.db.prepare(set).run(this.now()).changes;
    return this.db
      .prepare(
        `${set} AND url IN (SELECT url FROM images WHERE product_id = ? UNION SELECT image_url FROM variants WHERE product_id = ? AND image_url IS NOT NULL)`,
      )
      .run(this.now(), productId, productId).changes;
  }

  progress(): PictureProgress {
    const rows = this.db
      .prepare(`SELECT status, count(*) AS n FROM picture_sources WHERE url IN (${CATALOG_URLS}) GROUP BY status`)
      .all() as { status: 'waiting' | 'ready' | 'failed'; n: number }[];
    const count = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
    const ready = count('ready');
    const failed = count('failed');
    const waiting = count('waiting');
    return { total: ready + failed + waiting, ready, failed, waiting };
  }

  /** Products whose main picture failed (and that have no picture of their own), by title. */
  failures(): PictureFailure[] {
    return this.db
      .prepare(
        `SELECT p.id AS productId, p.title AS title, s.url AS url, s.error AS reason
         FROM products p JOIN picture_sources s ON s.url = ${MAIN_URL}
         WHERE s.status = 'failed' AND NOT EXISTS (SELECT 1 FROM product_pictures pp WHERE pp.product_id = p.id)
         ORDER BY p.title COLLATE NOCASE, p.id LIMIT ?`,
      )
      .all(PICTURE_FAILURES_SHOWN) as PictureFailure[];
  }

  /** The kept file for an address, or null (not fetched, or failed). */
  mediaForUrl(url: string): string | null {
    const row = this.db.prepare(`SELECT media_id FROM picture_sources WHERE url = ? AND status = 'ready'`).pluck().get(url) as string | undefined;
    return row ?? null;
  }

  /** The picture the host gave this product itself, or null. */
  productPicture(productId: number): string | null {
    const row = this.db.prepare(`SELECT media_id FROM product_pictures WHERE product_id = ?`).pluck().get(productId) as string | undefined;
    return row ?? null;
  }

  setProductPicture(productId: number, mediaId: string | null): void {
    if (mediaId === null) this.db.prepare(`DELETE FROM product_pictures WHERE product_id = ?`).run(productId);
    else
      this.db
        .prepare(
          `INSERT INTO product_pictures (product_id, media_id, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (product_id) DO UPDATE SET media_id = excluded.media_id, updated_at = excluded.updated_at`,
        )
        .run(productId, mediaId, this.now());
  }
}

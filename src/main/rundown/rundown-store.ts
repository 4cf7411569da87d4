/**
 * Shows, their rundowns and the live cursor in SQLite, behind one typed
 * class. Positions are kept dense (0..n-1) by every write; the cursor and
 * the visits that time each item are rows, so both survive a restart.
 */
import type { z } from 'zod';
import { StudioError } from '../../shared/api/result.js';
import type { newRundownItemSchema } from '../../shared/api/contract/rundown.js';
import type { RundownCursor, RundownItem, RundownState, SegmentType, Show } from '../../shared/domain/rundown.js';
import type { VariantRecord } from '../catalog/catalog-rows.js';
import type { StudioDatabase } from '../db/open-database.js';
import { variantProduct, wholeProduct, type ProductFacts } from './rundown-product.js';

export type NewRundownItem = z.output<typeof newRundownItemSchema>;

export interface ShowChanges {
  readonly name?: string | undefined;
  readonly scheduledStart?: number | null | undefined;
  readonly practice?: boolean | undefined;
}

export interface ItemChanges {
  readonly title?: string | undefined;
  readonly notes?: string | undefined;
  readonly plannedSeconds?: number | null | undefined;
}

interface ShowRecord {
  id: number;
  name: string;
  scheduled_start: number | null;
  practice: 0 | 1;
  created_at: number;
  item_count: number;
  planned_seconds: number;
}

interface ItemRecord {
  id: number;
  show_id: number;
  position: number;
  kind: 'product' | 'segment';
  segment_type: SegmentType | null;
  title: string;
  notes: string;
  planned_seconds: number | null;
  product_id: number | null;
  variant_id: number | null;
  product_title: string | null;
  currency: string | null;
  buy_url: string | null;
  first_image_url: string | null;
  actual_ms: number;
}

interface CursorRecord {
  current_item_id: number | null;
  current_since: number | null;
  show_started_at: number | null;
}

interface ItemRef {
  id: number;
  show_id: number;
  position: number;
  kind: 'product' | 'segment';
}

const NOT_STARTED: RundownCursor = { currentItemId: null, currentSince: null, showStartedAt: null };

const SHOW_COLUMNS = `s.id, s.name, s.scheduled_start, s.practice, s.created_at,
  (SELECT count(*) FROM rundown_items i WHERE i.show_id = s.id) AS item_count,
  (SELECT coalesce(sum(i.planned_seconds), 0) FROM rundown_items i WHERE i.show_id = s.id) AS planned_seconds`;

/** The hot queries, exported for the EXPLAIN QUERY PLAN tests. */
export const RUNDOWN_QUERIES = {
  // The rundown panel's query: items in order via rundown_items_by_show,
  // each joined to its product by primary key.
  items: `SELECT i.id, i.show_id, i.position, i.kind, i.segment_type, i.title, i.notes, i.planned_seconds,
      i.product_id, i.variant_id, p.title AS product_title, p.currency, p.buy_url,
      (SELECT im.url FROM images im WHERE im.product_id = p.id ORDER BY im.position LIMIT 1) AS first_image_url,
      (SELECT coalesce(sum(rv.ended_at - rv.started_at), 0) FROM rundown_visits rv
        WHERE rv.item_id = i.id AND rv.ended_at IS NOT NULL) AS actual_ms
    FROM rundown_items i LEFT JOIN products p ON p.id = i.product_id
    WHERE i.show_id = ? ORDER BY i.position`,
} as const;

const toShow = (r: ShowRecord): Show => ({
  id: r.id,
  name: r.name,
  scheduledStart: r.scheduled_start,
  practice: r.practice === 1,
  itemCount: r.item_count,
  plannedSeconds: r.planned_seconds,
  createdAt: r.created_at,
});

export class RundownStore {
  private readonly s;

  constructor(
    private readonly db: StudioDatabase,
    private readonly now: () => number = Date.now,
  ) {
    const sql = <P extends unknown[] = [], R = unknown>(text: string) => db.prepare<P, R>(text);
    this.s = {
      shows: sql<[], ShowRecord>(
        `SELECT ${SHOW_COLUMNS} FROM shows s ORDER BY s.scheduled_start IS NULL, s.scheduled_start, s.id`,
      ),
      show: sql<[number], ShowRecord>(`SELECT ${SHOW_COLUMNS} FROM shows s WHERE s.id = ?`),
      insertShow: sql<[string, number | null, number, number]>('INSERT INTO shows (name, scheduled_start, created_at, practice) VALUES (?, ?, ?, ?)'),
      updateShow: sql<[string, number | null, number, number]>('UPDATE shows SET name = ?, scheduled_start = ?, practice = ? WHERE id = ?'),
      deleteShow: sql<[number]>('DELETE FROM shows WHERE id = ?'),
      copyItems: sql<[number, number, number]>(
        `INSERT INTO rundown_items
           (show_id, position, kind, product_id, variant_id, segment_type, title, notes, planned_seconds, created_at)
         SELECT ?, position, kind, product_id, variant_id, segment_type, title, notes, planned_seconds, ?
         FROM rundown_items WHERE show_id = ? ORDER BY position`,
      ),
      items: sql<[number], ItemRecord>(RUNDOWN_QUERIES.items),
      variant: sql<[number], VariantRecord>('SELECT * FROM variants WHERE id = ?'),
      variantsOf: sql<[number], VariantRecord>('SELECT * FROM variants WHERE product_id = ? ORDER BY position'),
      productTitle: sql<[number], string>('SELECT title FROM products WHERE id = ?').pluck(),
      variantOwner: sql<[number], number>('SELECT product_id FROM variants WHERE id = ?').pluck(),
      item: sql<[number], ItemRef>('SELECT id, show_id, position, kind FROM rundown_items WHERE id = ?'),
      itemIds: sql<[number], number>('SELECT id FROM rundown_items WHERE show_id = ? ORDER BY position, id').pluck(),
      positions: sql<[number], { id: number; position: number }>('SELECT id, position FROM rundown_items WHERE show_id = ?'),
      itemCount: sql<[number], number>('SELECT count(*) FROM rundown_items WHERE show_id = ?').pluck(),
      shiftFrom: sql<[number, number, number]>(
        'UPDATE rundown_items SET position = position + ? WHERE show_id = ? AND position >= ?',
      ),
      insertItem: sql<[Record<string, unknown>]>(
        `INSERT INTO rundown_items
           (show_id, position, kind, product_id, variant_id, segment_type, title, notes, planned_seconds, created_at)
         VALUES (@showId, @position, @kind, @productId, @variantId, @segmentType, @title, @notes, @plannedSeconds, @now)`,
      ),
      updateItem: sql<[string, string, number | null, number]>(
        'UPDATE rundown_items SET title = ?, notes = ?, planned_seconds = ? WHERE id = ?',
      ),
      itemFields: sql<[number], { title: string; notes: string; planned_seconds: number | null }>(
        'SELECT title, notes, planned_seconds FROM rundown_items WHERE id = ?',
      ),
      deleteItem: sql<[number]>('DELETE FROM rundown_items WHERE id = ?'),
      setPosition: sql<[number, number]>('UPDATE rundown_items SET position = ? WHERE id = ?'),
      cursor: sql<[number], CursorRecord>(
        'SELECT current_item_id, current_since, show_started_at FROM rundown_cursors WHERE show_id = ?',
      ),
      saveCursor: sql<[number, number | null, number | null, number | null]>(
        `INSERT INTO rundown_cursors (show_id, current_item_id, current_since, show_started_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (show_id) DO UPDATE SET current_item_id = excluded.current_item_id,
           current_since = excluded.current_since, show_started_at = excluded.show_started_at`,
      ),
      // max(): a clock stepped back (NTP after a restart) must not fail the CHECK.
      closeVisits: sql<[number, number]>(
        `UPDATE rundown_visits SET ended_at = max(?, started_at)
         WHERE ended_at IS NULL AND item_id IN (SELECT id FROM rundown_items WHERE show_id = ?)`,
      ),
      openVisit: sql<[number, number]>('INSERT INTO rundown_visits (item_id, started_at) VALUES (?, ?)'),
      activeShow: sql<[], number | null>('SELECT show_id FROM active_show WHERE id = 1').pluck(),
      setActiveShow: sql<[number | null]>('UPDATE active_show SET show_id = ? WHERE id = 1'),
    };
  }

  // ---- shows -------------------------------------------------------------

  listShows(): Show[] {
    return this.s.shows.all().map(toShow);
  }

  getShow(showId: number): Show {
    const row = this.s.show.get(showId);
    if (!row) throw new StudioError('not-found', 'That show no longer exists.');
    return toShow(row);
  }

  /** `practice`: a rehearsal (docs/practice.md): its claims never reach exports, reports as sales or another show's stock. */
  createShow(name: string, scheduledStart: number | null, practice = false): Show {
    const id = Number(this.s.insertShow.run(name, scheduledStart, this.now(), practice ? 1 : 0).lastInsertRowid);
    return this.getShow(id);
  }

  updateShow(showId: number, changes: ShowChanges): Show {
    const show = this.getShow(showId);
    this.s.updateShow.run(
      changes.name ?? show.name,
      changes.scheduledStart !== undefined ? changes.scheduledStart : show.scheduledStart,
      (changes.practice ?? show.practice) ? 1 : 0,
      showId,
    );
    return this.getShow(showId);
  }

  /** Deletes the show with its items, cursor and visits; true if it existed. */
  deleteShow(showId: number): boolean {
    return this.s.deleteShow.run(showId).changes > 0;
  }

  /** A new show with a copy of the rundown — not its cursor or timings: shows as templates. */
  duplicateShow(showId: number, name: string): Show {
    return this.db
      .transaction(() => {
        const source = this.getShow(showId);
        const now = this.now();
        // A copy of a practice show is a practice show too (a rehearsal template stays one).
        const id = Number(this.s.insertShow.run(name, null, now, source.practice ? 1 : 0).lastInsertRowid);
        this.s.copyItems.run(id, now, source.id);
        return this.getShow(id);
      })
      .immediate();
  }

  activeShowId(): number | null {
    return this.s.activeShow.get() ?? null;
  }

  setActiveShow(showId: number): void {
    this.getShow(showId);
    this.s.setActiveShow.run(showId);
  }

  // ---- rundown -----------------------------------------------------------

  getRundown(showId: number): RundownState {
    const show = this.getShow(showId);
    const items = this.s.items.all(showId).map((r) => this.toItem(r));
    const row = this.s.cursor.get(showId);
    const cursor: RundownCursor = row
      ? { currentItemId: row.current_item_id, currentSince: row.current_since, showStartedAt: row.show_started_at }
      : NOT_STARTED;
    const currentIndex = items.findIndex((i) => i.id === cursor.currentItemId);
    const next = cursor.currentItemId === null ? items[0] : currentIndex >= 0 ? items[currentIndex + 1] : undefined;
    return { show, items, cursor, nextItemId: next?.id ?? null, now: this.now() };
  }

  private toItem(r: ItemRecord): RundownItem {
    let product = null;
    if (r.product_id !== null && r.product_title !== null) {
      const facts: ProductFacts = {
        productId: r.product_id,
        title: r.product_title,
        currency: r.currency,
        buyUrl: r.buy_url,
        firstImageUrl: r.first_image_url,
      };
      const variant = r.variant_id === null ? undefined : this.s.variant.get(r.variant_id);
      product = variant ? variantProduct(facts, variant) : wholeProduct(facts, this.s.variantsOf.all(r.product_id));
    }
    return {
      id: r.id,
      showId: r.show_id,
      position: r.position,
      kind: r.kind,
      segmentType: r.segment_type,
      title: product?.title ?? r.title,
      notes: r.notes,
      plannedSeconds: r.planned_seconds,
      product,
      actualSeconds: Math.round(r.actual_ms / 1000),
    };
  }

  /** Inserts items before `position` (default: at the end), in the order given. */
  addItems(showId: number, items: readonly NewRundownItem[], position?: number): void {
    this.db
      .transaction(() => {
        this.getShow(showId);
        const count = this.s.itemCount.get(showId) ?? 0;
        const at = Math.min(position ?? count, count);
        const rows = items.map((item, i) => ({ ...this.itemRow(item), showId, position: at + i, now: this.now() }));
        this.s.shiftFrom.run(items.length, showId, at);
        for (const row of rows) this.s.insertItem.run(row);
      })
      .immediate();
  }

  private itemRow(item: NewRundownItem) {
    if (item.kind === 'segment') {
      return {
        kind: 'segment',
        productId: null,
        variantId: null,
        segmentType: item.segmentType,
        title: item.title,
        notes: item.notes,
        plannedSeconds: item.plannedSeconds,
      };
    }
    const title = this.s.productTitle.get(item.productId);
    if (title === undefined) throw new StudioError('not-found', 'That product is no longer in the catalog.');
    if (item.variantId !== null && this.s.variantOwner.get(item.variantId) !== item.productId) {
      throw new StudioError('not-found', `That variant of "${title}" is no longer in the catalog.`);
    }
    // The title is kept so the item still says what it was if the product leaves the catalog.
    return { kind: 'product', productId: item.productId, variantId: item.variantId, segmentType: null, title, notes: '', plannedSeconds: null };
  }

  private item(itemId: number): ItemRef {
    const item = this.s.item.get(itemId);
    if (!item) throw new StudioError('not-found', 'That rundown item no longer exists.');
    return item;
  }

  /** Returns the item's show. */
  updateItem(itemId: number, changes: ItemChanges): number {
    const item = this.item(itemId);
    const current = this.s.itemFields.get(itemId)!;
    if (changes.title !== undefined && item.kind === 'product' && changes.title !== current.title) {
      throw new StudioError('invalid-input', 'A product item shows the product title from the catalog; add a note instead.');
    }
    this.s.updateItem.run(
      changes.title ?? current.title,
      changes.notes ?? current.notes,
      changes.plannedSeconds !== undefined ? changes.plannedSeconds : current.planned_seconds,
      itemId,
    );
    return item.show_id;
  }

  /** Returns the item's show. Removing the current item leaves nothing current. */
  removeItem(itemId: number): number {
    return this.db
      .transaction(() => {
        const item = this.item(itemId);
        const cursor = this.s.cursor.get(item.show_id);
        if (cursor?.current_item_id === itemId) {
          this.s.closeVisits.run(this.now(), item.show_id);
          this.s.saveCursor.run(item.show_id, null, null, cursor.show_started_at);
        }
        this.s.deleteItem.run(itemId);
        this.renumber(item.show_id, this.s.itemIds.all(item.show_id));
        return item.show_id;
      })
      .immediate();
  }

  /** Returns the item's show. `toPosition` past the end means last. */
  moveItem(itemId: number, toPosition: number): number {
    return this.db
      .transaction(() => {
        const item = this.item(itemId);
        const ids = this.s.itemIds.all(item.show_id).filter((id) => id !== itemId);
        ids.splice(Math.min(toPosition, ids.length), 0, itemId);
        this.renumber(item.show_id, ids);
        return item.show_id;
      })
      .immediate();
  }

  /** Writes positions 0..n-1 in the given order, touching only rows that change. */
  private renumber(showId: number, orderedIds: readonly number[]): void {
    const before = new Map(this.s.positions.all(showId).map((r) => [r.id, r.position]));
    orderedIds.forEach((id, position) => {
      if (before.get(id) !== position) this.s.setPosition.run(position, id);
    });
  }

  // ---- live cursor -------------------------------------------------------

  /**
   * Makes an item current (closing the visit of the one before and opening
   * one for it), or with null goes back to "not started". Choosing the item
   * that is already current changes nothing, so its timer keeps running.
   */
  setCursor(showId: number, itemId: number | null): void {
    this.db
      .transaction(() => {
        this.getShow(showId);
        if (itemId !== null && this.item(itemId).show_id !== showId) {
          throw new StudioError('invalid-input', 'That item belongs to another show.');
        }
        const cursor = this.s.cursor.get(showId);
        if ((cursor?.current_item_id ?? null) === itemId) return;
        const now = this.now();
        this.s.closeVisits.run(now, showId);
        if (itemId === null) {
          this.s.saveCursor.run(showId, null, null, null);
          return;
        }
        this.s.openVisit.run(itemId, now);
        this.s.saveCursor.run(showId, itemId, now, cursor?.show_started_at ?? now);
      })
      .immediate();
  }

  /** Next or previous item; at either end the current item stays current. */
  advance(showId: number, direction: 'next' | 'previous'): void {
    this.db
      .transaction(() => {
        const ids = this.s.itemIds.all(showId);
        const current = this.s.cursor.get(showId)?.current_item_id ?? null;
        const index = current === null ? -1 : ids.indexOf(current);
        let target: number | undefined;
        if (direction === 'next') target = index < 0 ? ids[0] : (ids[index + 1] ?? ids[index]);
        else target = index < 0 ? undefined : (ids[index - 1] ?? ids[index]);
        if (target !== undefined) this.setCursor(showId, target);
        else this.getShow(showId);
      })
      .immediate();
  }
}

import type { PinRecord } from '../../shared/domain/live.js';
import { productCardSchema, type ProductCard } from '../../shared/sfu/product-card.js';
import type { StudioDatabase } from '../db/open-database.js';

interface PinRow {
  id: number;
  show_id: number | null;
  product_id: number | null;
  variant_id: number | null;
  rundown_item_id: number | null;
  card: string;
  pinned_at: number;
  unpinned_at: number | null;
}

export interface NewPin {
  readonly showId: number | null;
  readonly productId: number;
  readonly variantId: number | null;
  readonly rundownItemId: number | null;
  readonly card: ProductCard;
}

const COLUMNS = 'id, show_id, product_id, variant_id, rundown_item_id, card, pinned_at, unpinned_at';

/** The hot queries, exported for the EXPLAIN QUERY PLAN tests. */
export const PIN_QUERIES = {
  current: `SELECT ${COLUMNS} FROM pins WHERE unpinned_at IS NULL`,
  historyOfShow: `SELECT ${COLUMNS} FROM pins WHERE show_id = ? ORDER BY pinned_at DESC, id DESC LIMIT ?`,
  historyAll: `SELECT ${COLUMNS} FROM pins ORDER BY pinned_at DESC, id DESC LIMIT ?`,
  /**
   * The pin showing at a time. Pins never overlap, so only the newest pin
   * begun by then can contain it: one index step, then its end is checked
   * (a filter inside the LIMIT would scan on through older pins).
   */
  at: `SELECT ${COLUMNS} FROM (SELECT ${COLUMNS} FROM pins WHERE pinned_at <= ? ORDER BY pinned_at DESC, id DESC LIMIT 1)
       WHERE unpinned_at IS NULL OR unpinned_at > ?`,
} as const;

/**
 * The pins table. Each write is one transaction, so after a crash the file
 * holds either the old current pin or the new one, never two or none by
 * accident.
 */
export class PinStore {
  private readonly currentStmt;
  private readonly historyOfShowStmt;
  private readonly historyAllStmt;
  private readonly closeCurrentStmt;
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly itemShowStmt;
  private readonly atStmt;
  private readonly updateCardStmt;
  private readonly pinTx;
  private readonly unpinTx;

  constructor(db: StudioDatabase) {
    this.currentStmt = db.prepare<[], PinRow>(PIN_QUERIES.current);
    this.historyOfShowStmt = db.prepare<[number, number], PinRow>(PIN_QUERIES.historyOfShow);
    this.historyAllStmt = db.prepare<[number], PinRow>(PIN_QUERIES.historyAll);
    this.byIdStmt = db.prepare<[number], PinRow>(`SELECT ${COLUMNS} FROM pins WHERE id = ?`);
    // max(): a clock that stepped back must not make a pin end before it began.
    this.closeCurrentStmt = db.prepare<[number]>('UPDATE pins SET unpinned_at = max(?, pinned_at) WHERE unpinned_at IS NULL');
    this.insertStmt = db.prepare<[number | null, number, number | null, number | null, string, number]>(
      `INSERT INTO pins (show_id, product_id, variant_id, rundown_item_id, card, pinned_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.itemShowStmt = db.prepare<[number], { show_id: number }>('SELECT show_id FROM rundown_items WHERE id = ?');
    this.atStmt = db.prepare<[number, number], PinRow>(PIN_QUERIES.at);
    this.updateCardStmt = db.prepare<[string, number]>('UPDATE pins SET card = ? WHERE id = ?');
    this.pinTx = db.transaction((pin: NewPin, now: number): number => {
      this.closeCurrentStmt.run(now);
      const { lastInsertRowid } = this.insertStmt.run(
        pin.showId,
        pin.productId,
        pin.variantId,
        pin.rundownItemId,
        JSON.stringify(pin.card),
        now,
      );
      return Number(lastInsertRowid);
    });
    this.unpinTx = db.transaction((now: number): number => this.closeCurrentStmt.run(now).changes);
  }

  current(): PinRecord | null {
    const row = this.currentStmt.get();
    return row ? toRecord(row) : null;
  }

  /** Ends the current pin (if any) and makes this one current. */
  pin(pin: NewPin, now = Date.now()): PinRecord {
    const id = this.pinTx.immediate(pin, now);
    return toRecord(this.byIdStmt.get(id)!);
  }

  /** Ends the current pin; false when nothing was pinned. */
  unpin(now = Date.now()): boolean {
    return this.unpinTx.immediate(now) > 0;
  }

  /** The pin that was showing at `at` (epoch ms): pinned_at ≤ at < unpinned_at; null when nothing was. */
  at(at: number): PinRecord | null {
    const row = this.atStmt.get(at, at);
    return row ? toRecord(row) : null;
  }

  /** Replaces a pin's card (new stock, a deal), so a restart shows what viewers last saw; false when the pin is gone. */
  updateCard(id: number, card: ProductCard): boolean {
    return this.updateCardStmt.run(JSON.stringify(card), id).changes > 0;
  }

  /** Newest first; one show's pins, or every pin when showId is null. */
  history(showId: number | null, limit: number): PinRecord[] {
    const rows = showId === null ? this.historyAllStmt.all(limit) : this.historyOfShowStmt.all(showId, limit);
    return rows.map(toRecord);
  }

  /** The show a rundown item belongs to, or undefined when the item does not exist. */
  showOfRundownItem(itemId: number): number | undefined {
    return this.itemShowStmt.get(itemId)?.show_id;
  }
}

function toRecord(row: PinRow): PinRecord {
  return {
    id: row.id,
    showId: row.show_id,
    productId: row.product_id,
    variantId: row.variant_id,
    rundownItemId: row.rundown_item_id,
    card: readCard(row),
    pinnedAt: row.pinned_at,
    unpinnedAt: row.unpinned_at,
  };
}

/**
 * Parsed again so a hand-edited row cannot carry what a card may not; a row
 * that no longer parses (edited by hand, or stricter rules in a later
 * version) still shows in the history instead of breaking it.
 */
function readCard(row: PinRow): ProductCard {
  const parsed = productCardSchema.safeParse(JSON.parse(row.card));
  if (parsed.success) return parsed.data;
  return productCardSchema.parse({ productId: String(row.product_id ?? row.id), title: 'Unreadable product card', price: null });
}

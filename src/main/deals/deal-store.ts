import type { Deal } from '../../shared/domain/selling.js';
import type { StudioDatabase } from '../db/open-database.js';

interface DealRow {
  id: number;
  pin_id: number;
  show_id: number | null;
  product_id: number | null;
  variant_id: number | null;
  title: string;
  price: string;
  regular_price: string | null;
  currency: string | null;
  started_at: number;
  ends_at: number;
  ended_at: number | null;
}

export interface NewDeal {
  readonly pinId: number;
  readonly showId: number | null;
  readonly productId: number | null;
  readonly variantId: number | null;
  readonly title: string;
  readonly price: string;
  readonly regularPrice: string | null;
  readonly currency: string | null;
  readonly startedAt: number;
  readonly endsAt: number;
}

const COLUMNS = 'id, pin_id, show_id, product_id, variant_id, title, price, regular_price, currency, started_at, ends_at, ended_at';

/** The hot queries, exported for the EXPLAIN QUERY PLAN tests. */
export const DEAL_QUERIES = {
  running: `SELECT ${COLUMNS} FROM deals WHERE ended_at IS NULL`,
  /** The newest deal of the pin on screen (running or ended). */
  ofCurrentPin: `SELECT ${COLUMNS} FROM deals WHERE pin_id = (SELECT id FROM pins WHERE unpinned_at IS NULL)
                 ORDER BY started_at DESC, id DESC LIMIT 1`,
  /** Deals on one pin never overlap: only the newest one begun by `at` can be running then. */
  latestOfPinBy: `SELECT ${COLUMNS} FROM deals WHERE pin_id = ? AND started_at <= ? ORDER BY started_at DESC, id DESC LIMIT 1`,
} as const;

/**
 * The deals table. At most one deal runs (a unique index says so): starting
 * one ends the one before in the same transaction.
 */
export class DealStore {
  private readonly runningStmt;
  private readonly ofCurrentPinStmt;
  private readonly latestOfPinByStmt;
  private readonly byIdStmt;
  private readonly insertStmt;
  // max(): a clock that stepped back must not end a deal before it began.
  private readonly endStmt;
  private readonly startTx;
  private readonly pinEndStmt;

  constructor(db: StudioDatabase) {
    this.runningStmt = db.prepare<[], DealRow>(DEAL_QUERIES.running);
    this.ofCurrentPinStmt = db.prepare<[], DealRow>(DEAL_QUERIES.ofCurrentPin);
    this.latestOfPinByStmt = db.prepare<[number, number], DealRow>(DEAL_QUERIES.latestOfPinBy);
    this.byIdStmt = db.prepare<[number], DealRow>(`SELECT ${COLUMNS} FROM deals WHERE id = ?`);
    this.insertStmt = db.prepare<[number, number | null, number | null, number | null, string, string, string | null, string | null, number, number]>(
      `INSERT INTO deals (pin_id, show_id, product_id, variant_id, title, price, regular_price, currency, started_at, ends_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.endStmt = db.prepare<[number, number]>('UPDATE deals SET ended_at = max(?, started_at) WHERE id = ? AND ended_at IS NULL');
    this.pinEndStmt = db.prepare<[number], { unpinned_at: number | null }>('SELECT unpinned_at FROM pins WHERE id = ?');
    this.startTx = db.transaction((deal: NewDeal): number => {
      const running = this.runningStmt.get();
      if (running) this.endStmt.run(deal.startedAt, running.id);
      const { lastInsertRowid } = this.insertStmt.run(
        deal.pinId,
        deal.showId,
        deal.productId,
        deal.variantId,
        deal.title,
        deal.price,
        deal.regularPrice,
        deal.currency,
        deal.startedAt,
        deal.endsAt,
      );
      return Number(lastInsertRowid);
    });
  }

  /** Ends the running deal (if any) at `deal.startedAt` and starts this one. */
  start(deal: NewDeal): Deal {
    const id = this.startTx.immediate(deal);
    return toDeal(this.byIdStmt.get(id)!);
  }

  /** Marks a running deal ended at `at`; false when it had already ended. */
  end(id: number, at: number): boolean {
    return this.endStmt.run(at, id).changes > 0;
  }

  running(): Deal | null {
    const row = this.runningStmt.get();
    return row ? toDeal(row) : null;
  }

  ofCurrentPin(): Deal | null {
    const row = this.ofCurrentPinStmt.get();
    return row ? toDeal(row) : null;
  }

  /** When a pin stopped showing; null while it shows. */
  pinEndedAt(pinId: number): number | null {
    return this.pinEndStmt.get(pinId)?.unpinned_at ?? null;
  }

  /** The deal of a pin that was running at `at`: started by then and not yet over. */
  runningOn(pinId: number, at: number): Deal | null {
    const row = this.latestOfPinByStmt.get(pinId, at);
    if (!row) return null;
    const over = Math.min(row.ends_at, row.ended_at ?? row.ends_at);
    return at < over ? toDeal(row) : null;
  }
}

function toDeal(row: DealRow): Deal {
  return {
    id: row.id,
    pinId: row.pin_id,
    showId: row.show_id,
    productId: row.product_id,
    variantId: row.variant_id,
    title: row.title,
    price: row.price,
    regularPrice: row.regular_price,
    currency: row.currency,
    startedAt: row.started_at,
    endsAt: row.ends_at,
    endedAt: row.ended_at,
  };
}

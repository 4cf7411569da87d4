import type { AuctionMode, IncrementStep } from '../../shared/auction/auction-rules.js';
import type { BidRefusal } from '../../shared/auction/auction-types.js';
import type { Money } from '../../shared/domain/catalog.js';
import type { AuctionBidRow, AuctionStatus } from '../../shared/domain/auctions.js';
import type { StudioDatabase } from '../db/open-database.js';

/** An auction as stored: its item, rules, clock and result (the live standing is the engine's). */
export interface AuctionRecord {
  readonly id: number;
  readonly showId: number | null;
  readonly pinId: number | null;
  readonly productId: number | null;
  readonly variantId: number | null;
  readonly title: string;
  readonly sku: string | null;
  readonly currency: string | null;
  readonly startPrice: Money;
  readonly reserve: Money | null;
  readonly mode: AuctionMode;
  readonly extendSeconds: number;
  readonly durationSeconds: number;
  readonly increments: readonly IncrementStep[];
  /** Main's clock. */
  readonly startedAt: number;
  /** Main's clock; moves with soft close. */
  readonly endsAt: number;
  readonly endedAt: number | null;
  readonly status: AuctionStatus;
  readonly finalPrice: Money | null;
  readonly winnerViewerId: string | null;
  readonly winnerName: string | null;
  readonly claimId: number | null;
  /** The SFU's clock minus main's at the start (migration 0140). */
  readonly sfuOffset: number;
}

export type NewAuction = Omit<AuctionRecord, 'id' | 'endedAt' | 'status' | 'finalPrice' | 'winnerViewerId' | 'winnerName' | 'claimId'>;

/** One decided line of the bid log, as written. */
export interface NewBidLine {
  readonly seq: number;
  readonly inputId: string;
  readonly viewerId: string;
  readonly viewerName: string;
  readonly source: AuctionBidRow['source'];
  /** What they bid, as they sent it (a button's amount may be unreadable: refused `invalid_amount`). */
  readonly amount: string | null;
  readonly maxAmount: string | null;
  readonly action: AuctionBidRow['action'];
  readonly reason: BidRefusal | null;
  readonly priceAfter: Money | null;
  readonly proxyFor: string | null;
  /** The SFU's clock. */
  readonly ts: number;
}

/** A stored input line (not a proxy line): what a restart feeds the engine again. */
export interface StoredInput {
  readonly inputId: string;
  readonly viewerId: string;
  readonly viewerName: string;
  readonly source: AuctionBidRow['source'];
  readonly amount: string | null;
  readonly maxAmount: string | null;
  readonly ts: number;
}

export interface AuctionEnd {
  readonly status: Exclude<AuctionStatus, 'running'>;
  readonly endedAt: number;
  readonly finalPrice: Money | null;
  readonly winnerViewerId: string | null;
  readonly winnerName: string | null;
}

interface AuctionRow {
  id: number;
  show_id: number | null;
  pin_id: number | null;
  product_id: number | null;
  variant_id: number | null;
  title: string;
  sku: string | null;
  currency: string | null;
  start_price: string;
  reserve: string | null;
  mode: AuctionMode;
  extend_seconds: number;
  duration_seconds: number;
  increments: string;
  started_at: number;
  ends_at: number;
  ended_at: number | null;
  status: AuctionStatus;
  final_price: string | null;
  winner_viewer_id: string | null;
  winner_name: string | null;
  claim_id: number | null;
  sfu_offset: number;
}

interface BidRow {
  seq: number;
  input_id: string;
  viewer_id: string;
  viewer_name: string;
  source: AuctionBidRow['source'];
  amount: string | null;
  max_amount: string | null;
  action: AuctionBidRow['action'];
  reason: BidRefusal | null;
  price_after: string | null;
  proxy_for: string | null;
  ts: number;
}

const COLUMNS =
  'id, show_id, pin_id, product_id, variant_id, title, sku, currency, start_price, reserve, mode, extend_seconds, duration_seconds, ' +
  'increments, started_at, ends_at, ended_at, status, final_price, winner_viewer_id, winner_name, claim_id, sfu_offset';
const BID_COLUMNS = 'seq, input_id, viewer_id, viewer_name, source, amount, max_amount, action, reason, price_after, proxy_for, ts';

/** The hot queries, exported for the EXPLAIN QUERY PLAN tests. */
export const AUCTION_QUERIES = {
  /** The one running auction (a partial unique index holds it). */
  running: `SELECT ${COLUMNS} FROM auctions WHERE status = 'running'`,
  /** The newest auction of a pin (what viewers see after it ends, while the pin stays). */
  latestOfPin: `SELECT ${COLUMNS} FROM auctions WHERE pin_id = ? ORDER BY started_at DESC, id DESC LIMIT 1`,
  /** A show's auctions, newest first. */
  ofShow: `SELECT ${COLUMNS} FROM auctions WHERE show_id IS ? ORDER BY started_at DESC, id DESC LIMIT ?`,
  /** The newest lines of an auction's bid log. */
  recentBids: `SELECT ${BID_COLUMNS} FROM auction_bids WHERE auction_id = ? ORDER BY seq DESC LIMIT ?`,
  /** Every input of an auction in the order decided (a restart feeds them again); proxy lines are the engine's own. */
  inputs: `SELECT ${BID_COLUMNS} FROM auction_bids WHERE auction_id = ? AND proxy_for IS NULL ORDER BY seq`,
  /** Accepted bids (proxy bids included; a maximum counts when it placed a bid) and bidders of an auction. */
  counts: `SELECT count(*) AS bids, count(DISTINCT viewer_id) AS bidders FROM auction_bids
    WHERE auction_id = ? AND action = 'bid' AND (source <> 'max' OR amount IS NOT NULL)`,
  lastSeq: 'SELECT max(seq) AS seq FROM auction_bids WHERE auction_id = ?',
  /** Sold auctions whose winner has no claim yet (repaired at startup). */
  soldUnclaimed: `SELECT ${COLUMNS} FROM auctions WHERE status = 'sold' AND claim_id IS NULL ORDER BY id`,
} as const;

/**
 * The auctions and auction_bids tables (migration 0130). Every decided input
 * is a row; a burst of bids is written in one transaction (`saveLines`),
 * which also moves `ends_at` when soft close extended the auction.
 */
export class AuctionStore {
  private readonly runningStmt;
  private readonly byIdStmt;
  private readonly latestOfPinStmt;
  private readonly ofShowStmt;
  private readonly recentBidsStmt;
  private readonly inputsStmt;
  private readonly lastSeqStmt;
  private readonly countsStmt;
  private readonly insertStmt;
  private readonly insertBidStmt;
  private readonly endsAtStmt;
  private readonly endStmt;
  private readonly claimStmt;
  private readonly saveTx;

  constructor(private readonly db: StudioDatabase) {
    this.runningStmt = db.prepare<[], AuctionRow>(AUCTION_QUERIES.running);
    this.byIdStmt = db.prepare<[number], AuctionRow>(`SELECT ${COLUMNS} FROM auctions WHERE id = ?`);
    this.latestOfPinStmt = db.prepare<[number], AuctionRow>(AUCTION_QUERIES.latestOfPin);
    this.ofShowStmt = db.prepare<[number | null, number], AuctionRow>(AUCTION_QUERIES.ofShow);
    this.recentBidsStmt = db.prepare<[number, number], BidRow>(AUCTION_QUERIES.recentBids);
    this.inputsStmt = db.prepare<[number], BidRow>(AUCTION_QUERIES.inputs);
    this.countsStmt = db.prepare<[number], { bids: number; bidders: number }>(AUCTION_QUERIES.counts);
    this.lastSeqStmt = db.prepare<[number], { seq: number | null }>(AUCTION_QUERIES.lastSeq);
    this.insertStmt = db.prepare(
      `INSERT INTO auctions (show_id, pin_id, product_id, variant_id, title, sku, currency, start_price, reserve, mode, extend_seconds,
         duration_seconds, increments, started_at, ends_at, status, sfu_offset)
       VALUES (@showId, @pinId, @productId, @variantId, @title, @sku, @currency, @startPrice, @reserve, @mode, @extendSeconds,
         @durationSeconds, @increments, @startedAt, @endsAt, 'running', @sfuOffset)`,
    );
    this.insertBidStmt = db.prepare(
      `INSERT INTO auction_bids (auction_id, seq, input_id, viewer_id, viewer_name, source, amount, max_amount, action, reason, price_after, proxy_for, ts)
       VALUES (@auctionId, @seq, @inputId, @viewerId, @viewerName, @source, @amount, @maxAmount, @action, @reason, @priceAfter, @proxyFor, @ts)`,
    );
    this.endsAtStmt = db.prepare<[number, number]>(`UPDATE auctions SET ends_at = max(?, started_at + 1) WHERE id = ? AND status = 'running'`);
    this.endStmt = db.prepare(
      `UPDATE auctions SET status = @status, ended_at = max(@endedAt, started_at), final_price = @finalPrice,
         winner_viewer_id = @winnerViewerId, winner_name = @winnerName WHERE id = @id AND status = 'running'`,
    );
    this.claimStmt = db.prepare<[number, number]>('UPDATE auctions SET claim_id = ? WHERE id = ?');
    this.saveTx = db.transaction((auctionId: number, lines: readonly NewBidLine[], endsAt: number | null) => {
      for (const line of lines) this.insertBidStmt.run({ auctionId, ...line });
      if (endsAt !== null) this.endsAtStmt.run(endsAt, auctionId);
    });
  }

  /** Saves a new running auction; the unique index refuses a second one. */
  start(auction: NewAuction): AuctionRecord {
    const { lastInsertRowid } = this.insertStmt.run({ ...auction, increments: JSON.stringify(auction.increments) });
    return this.byId(Number(lastInsertRowid))!;
  }

  byId(id: number): AuctionRecord | null {
    const row = this.byIdStmt.get(id);
    return row ? toRecord(row) : null;
  }

  running(): AuctionRecord | null {
    const row = this.runningStmt.get();
    return row ? toRecord(row) : null;
  }

  latestOfPin(pinId: number): AuctionRecord | null {
    const row = this.latestOfPinStmt.get(pinId);
    return row ? toRecord(row) : null;
  }

  /** Newest first. */
  ofShow(showId: number | null, limit = 200): AuctionRecord[] {
    return this.ofShowStmt.all(showId, limit).map(toRecord);
  }

  /** Writes a batch of decided lines (and the end moved by soft close) in one transaction. */
  saveLines(auctionId: number, lines: readonly NewBidLine[], endsAt: number | null): void {
    this.saveTx.immediate(auctionId, lines, endsAt);
  }

  /** Newest first. */
  recentBids(auctionId: number, limit: number): AuctionBidRow[] {
    return this.recentBidsStmt.all(auctionId, limit).map(toBidRow);
  }

  inputs(auctionId: number): StoredInput[] {
    return this.inputsStmt.all(auctionId).map((r) => ({
      inputId: r.input_id,
      viewerId: r.viewer_id,
      viewerName: r.viewer_name,
      source: r.source,
      amount: r.amount,
      maxAmount: r.max_amount,
      ts: r.ts,
    }));
  }

  /** The next seq to write (0 for a new auction). */
  nextSeq(auctionId: number): number {
    const last = this.lastSeqStmt.get(auctionId)?.seq;
    return last === null || last === undefined ? 0 : last + 1;
  }

  counts(auctionId: number): { bids: number; bidders: number } {
    return this.countsStmt.get(auctionId) ?? { bids: 0, bidders: 0 };
  }

  /** Marks a running auction ended; false when it had already ended. */
  end(id: number, end: AuctionEnd): boolean {
    return this.endStmt.run({ id, ...end }).changes > 0;
  }

  soldUnclaimed(): AuctionRecord[] {
    return this.db.prepare<[], AuctionRow>(AUCTION_QUERIES.soldUnclaimed).all().map(toRecord);
  }

  setClaim(id: number, claimId: number): void {
    this.claimStmt.run(claimId, id);
  }

  /** Runs `work` in one transaction (the end of an auction and its claim). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }
}

function toRecord(row: AuctionRow): AuctionRecord {
  return {
    id: row.id,
    showId: row.show_id,
    pinId: row.pin_id,
    productId: row.product_id,
    variantId: row.variant_id,
    title: row.title,
    sku: row.sku,
    currency: row.currency,
    startPrice: row.start_price,
    reserve: row.reserve,
    mode: row.mode,
    extendSeconds: row.extend_seconds,
    durationSeconds: row.duration_seconds,
    increments: JSON.parse(row.increments) as IncrementStep[],
    startedAt: row.started_at,
    endsAt: row.ends_at,
    endedAt: row.ended_at,
    status: row.status,
    finalPrice: row.final_price,
    winnerViewerId: row.winner_viewer_id,
    winnerName: row.winner_name,
    claimId: row.claim_id,
    sfuOffset: row.sfu_offset,
  };
}

function toBidRow(row: BidRow): AuctionBidRow {
  return {
    seq: row.seq,
    viewerId: row.viewer_id,
    viewerName: row.viewer_name,
    source: row.source,
    action: row.action,
    // The host sees a maximum in the log (source "max"); viewers never do.
    amount: row.amount ?? row.max_amount,
    reason: row.reason,
    priceAfter: row.price_after,
    ts: row.ts,
  };
}

import type { AuctionReportRow, AuctionStatus } from '../../shared/domain/auctions.js';
import type { StudioDatabase } from '../db/open-database.js';

/** The rows a show report is made from; all read in one transaction so they agree with each other. */
export interface ShowReportRows {
  readonly show: { readonly id: number; readonly name: string; readonly practice: boolean; readonly rundownStartedAt: number | null };
  readonly samples: readonly { readonly at: number; readonly viewers: number; readonly live: boolean }[];
  readonly pins: readonly {
    readonly productId: number | null;
    readonly card: string;
    readonly pinnedAt: number;
    readonly unpinnedAt: number | null;
  }[];
  readonly deals: readonly {
    readonly title: string;
    readonly price: string;
    readonly currency: string | null;
    readonly startedAt: number;
    readonly endsAt: number;
    readonly endedAt: number | null;
  }[];
  readonly claims: readonly {
    readonly productId: number | null;
    readonly productTitle: string;
    readonly status: string;
    readonly pricePaid: string | null;
    readonly currency: string | null;
    readonly claimedAt: number;
  }[];
  /** Viewer and moderator messages by status (host messages are not audience activity). */
  readonly messageCounts: readonly { readonly status: string; readonly count: number }[];
  readonly firstMessageAt: number | null;
  /** The show's auctions, oldest first, with their accepted bids and bidders. */
  readonly auctions: readonly AuctionReportRow[];
}

/** The queries, exported for the EXPLAIN QUERY PLAN test: each must use its show index. */
export const REPORT_QUERIES = {
  show: `SELECT s.id, s.name, s.practice, c.show_started_at FROM shows s LEFT JOIN rundown_cursors c ON c.show_id = s.id WHERE s.id = ?`,
  samples: 'SELECT at, viewers, live FROM show_samples WHERE show_id = ? ORDER BY at, id',
  pins: 'SELECT product_id, card, pinned_at, unpinned_at FROM pins WHERE show_id = ? ORDER BY pinned_at, id',
  deals: 'SELECT title, price, currency, started_at, ends_at, ended_at FROM deals WHERE show_id = ? ORDER BY started_at, id',
  claims: 'SELECT product_id, product_title, status, price_paid, currency, claimed_at FROM claims WHERE show_id = ? ORDER BY id',
  messageCounts: `SELECT status, count(*) AS count FROM chat_messages WHERE show_id = ? AND role <> 'host' GROUP BY status`,
  firstMessage: `SELECT min(ts) AS ts FROM chat_messages WHERE show_id = ? AND role <> 'host'`,
  /** Bids: accepted lines (proxy bids too; a maximum only when it placed a bid), as the auction service counts them. */
  auctions: `SELECT a.id, a.title, a.started_at, a.ended_at, a.status, a.start_price, a.final_price, a.currency, a.winner_name,
      (SELECT count(*) FROM auction_bids b WHERE b.auction_id = a.id AND b.action = 'bid' AND (b.source <> 'max' OR b.amount IS NOT NULL)) AS bids,
      (SELECT count(DISTINCT b.viewer_id) FROM auction_bids b WHERE b.auction_id = a.id AND b.action = 'bid') AS bidders
    FROM auctions a WHERE a.show_id = ? ORDER BY a.started_at, a.id`,
} as const;

interface AuctionRow {
  id: number;
  title: string;
  started_at: number;
  ended_at: number | null;
  status: AuctionStatus;
  start_price: string;
  final_price: string | null;
  currency: string | null;
  winner_name: string | null;
  bids: number;
  bidders: number;
}

interface ShowRow {
  id: number;
  name: string;
  practice: 0 | 1;
  show_started_at: number | null;
}

/** Read-only access to everything a show left in the file. */
export class ShowReportStore {
  private readonly readTx;

  constructor(db: StudioDatabase) {
    const show = db.prepare<[number], ShowRow>(REPORT_QUERIES.show);
    const samples = db.prepare<[number], { at: number; viewers: number; live: number }>(REPORT_QUERIES.samples);
    const pins = db.prepare<[number], { product_id: number | null; card: string; pinned_at: number; unpinned_at: number | null }>(
      REPORT_QUERIES.pins,
    );
    const deals = db.prepare<[number], { title: string; price: string; currency: string | null; started_at: number; ends_at: number; ended_at: number | null }>(
      REPORT_QUERIES.deals,
    );
    const claims = db.prepare<
      [number],
      {
        product_id: number | null;
        product_title: string;
        status: string;
        price_paid: string | null;
        currency: string | null;
        claimed_at: number;
      }
    >(REPORT_QUERIES.claims);
    const messageCounts = db.prepare<[number], { status: string; count: number }>(REPORT_QUERIES.messageCounts);
    const firstMessage = db.prepare<[number], { ts: number | null }>(REPORT_QUERIES.firstMessage);
    const auctions = db.prepare<[number], AuctionRow>(REPORT_QUERIES.auctions);

    this.readTx = db.transaction((showId: number): ShowReportRows | null => {
      const row = show.get(showId);
      if (!row) return null;
      return {
        show: { id: row.id, name: row.name, practice: row.practice === 1, rundownStartedAt: row.show_started_at },
        samples: samples.all(showId).map((s) => ({ at: s.at, viewers: s.viewers, live: s.live === 1 })),
        pins: pins.all(showId).map((p) => ({ productId: p.product_id, card: p.card, pinnedAt: p.pinned_at, unpinnedAt: p.unpinned_at })),
        deals: deals.all(showId).map((d) => ({
          title: d.title,
          price: d.price,
          currency: d.currency,
          startedAt: d.started_at,
          endsAt: d.ends_at,
          endedAt: d.ended_at,
        })),
        claims: claims.all(showId).map((c) => ({
          productId: c.product_id,
          productTitle: c.product_title,
          status: c.status,
          pricePaid: c.price_paid,
          currency: c.currency,
          claimedAt: c.claimed_at,
        })),
        messageCounts: messageCounts.all(showId),
        firstMessageAt: firstMessage.get(showId)?.ts ?? null,
        auctions: auctions.all(showId).map((a) => ({
          auctionId: a.id,
          title: a.title,
          startedAt: a.started_at,
          endedAt: a.ended_at,
          status: a.status,
          startPrice: a.start_price,
          finalPrice: a.final_price,
          currency: a.currency,
          winnerName: a.winner_name,
          bids: a.bids,
          bidders: a.bidders,
        })),
      };
    });
  }

  /** null when the show does not exist. */
  read(showId: number): ShowReportRows | null {
    return this.readTx(showId);
  }
}

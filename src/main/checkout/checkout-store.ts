import type { BuyerCheckout, CheckoutLink } from '../../shared/domain/checkout.js';
import { MY_CHECKOUTS_MAX, type MyCheckout } from '../../shared/sfu/protocol-claims.js';
import type { StudioDatabase } from '../db/open-database.js';

/** A confirmed claim no link has been sent for yet: what a send may cover. */
export interface UnsentClaim {
  readonly id: number;
  readonly viewerId: string;
  readonly viewerName: string;
  readonly productId: number;
  readonly variantId: number | null;
  readonly productTitle: string;
  readonly variantTitle: string | null;
  /** What the buyer agreed to pay ("15.00"): the flash-deal price, the winning bid, or the regular price then. */
  readonly pricePaid: string | null;
  readonly currency: string | null;
  /** Where the price came from: a flash deal, an auction, or (null) the regular price. */
  readonly priceSource: 'deal' | 'auction' | null;
}

/** One send as stored: to whom, when, the links. */
export interface CheckoutSend {
  readonly id: number;
  readonly viewerId: string;
  readonly sentAt: number;
  readonly links: readonly CheckoutLink[];
}

/** The hot queries, exported for the EXPLAIN QUERY PLAN test. `show_id IS ?` matches NULL (no active show) too. */
export const CHECKOUT_QUERIES = {
  /** Confirmed claims of a show (of one product, or all: NULL) that no send covers, oldest first. A claim whose product is gone cannot be bought. */
  unsent: `SELECT id, viewer_id, viewer_name, product_id, variant_id, product_title, variant_title, price_paid, currency, deal_id, auction_id FROM claims
    WHERE show_id IS ? AND status = 'confirmed' AND product_id IS NOT NULL AND (? IS NULL OR product_id = ?)
      AND NOT EXISTS (SELECT 1 FROM checkout_claims WHERE checkout_claims.claim_id = claims.id)
    ORDER BY id`,
  /** One buyer's sends in a show, newest first. */
  sendsOf: `SELECT id, viewer_id, sent_at, links FROM checkout_sends WHERE show_id IS ? AND viewer_id = ? ORDER BY id DESC LIMIT ?`,
  /** Each buyer with a confirmed claim: how many, how many not sent, the last send. */
  buyers: `SELECT claims.viewer_id AS viewer_id, max(claims.viewer_name) AS viewer_name, count(*) AS confirmed,
      sum(NOT EXISTS (SELECT 1 FROM checkout_claims WHERE checkout_claims.claim_id = claims.id)) AS unsent,
      (SELECT max(sent_at) FROM checkout_sends WHERE checkout_sends.show_id IS claims.show_id AND checkout_sends.viewer_id = claims.viewer_id) AS last_sent_at,
      min(claims.id) AS first_claim
    FROM claims WHERE claims.show_id IS ? AND claims.status = 'confirmed'
    GROUP BY claims.viewer_id ORDER BY first_claim`,
} as const;

interface SendRow {
  id: number;
  viewer_id: string;
  sent_at: number;
  links: string;
}

/**
 * The checkout tables (migration 0240). Reads and writes only; what goes
 * into a send is CheckoutService's, which writes a send and its claims in
 * one transaction.
 */
export class CheckoutStore {
  private readonly unsentStmt;
  private readonly sendsOfStmt;
  private readonly buyersStmt;
  private readonly insertSendStmt;
  private readonly insertClaimStmt;

  constructor(private readonly db: StudioDatabase) {
    this.unsentStmt = db.prepare<[number | null, number | null, number | null]>(CHECKOUT_QUERIES.unsent);
    this.sendsOfStmt = db.prepare<[number | null, string, number], SendRow>(CHECKOUT_QUERIES.sendsOf);
    this.buyersStmt = db.prepare<[number | null]>(CHECKOUT_QUERIES.buyers);
    this.insertSendStmt = db.prepare<[number | null, string, number, string]>(
      'INSERT INTO checkout_sends (show_id, viewer_id, sent_at, links) VALUES (?, ?, ?, ?)',
    );
    this.insertClaimStmt = db.prepare<[number, number]>('INSERT INTO checkout_claims (claim_id, send_id) VALUES (?, ?)');
  }

  /** Runs `work` as one IMMEDIATE transaction (a claim taken by one send is seen by the next). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  /** Confirmed claims not sent yet, of one product or (null) all, oldest first. */
  unsent(showId: number | null, productId: number | null): UnsentClaim[] {
    const rows = this.unsentStmt.all(showId, productId, productId) as {
      id: number;
      viewer_id: string;
      viewer_name: string;
      product_id: number;
      variant_id: number | null;
      product_title: string;
      variant_title: string | null;
      price_paid: string | null;
      currency: string | null;
      deal_id: number | null;
      auction_id: number | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      viewerId: r.viewer_id,
      viewerName: r.viewer_name,
      productId: r.product_id,
      variantId: r.variant_id,
      productTitle: r.product_title,
      variantTitle: r.variant_title,
      pricePaid: r.price_paid,
      currency: r.currency,
      priceSource: r.auction_id !== null ? 'auction' : r.deal_id !== null ? 'deal' : null,
    }));
  }

  /** Stores one send and the claims it covers; a claim already sent makes it fail (the primary key). */
  insertSend(showId: number | null, viewerId: string, sentAt: number, links: readonly CheckoutLink[]): number {
    const sendId = Number(this.insertSendStmt.run(showId, viewerId, sentAt, JSON.stringify(links)).lastInsertRowid);
    for (const link of links) for (const claimId of link.claimIds) this.insertClaimStmt.run(claimId, sendId);
    return sendId;
  }

  /** One buyer's sends in a show, newest first, at most `limit`. */
  sendsOf(showId: number | null, viewerId: string, limit: number): CheckoutSend[] {
    return this.sendsOfStmt.all(showId, viewerId, limit).map((r) => ({
      id: r.id,
      viewerId: r.viewer_id,
      sentAt: r.sent_at,
      links: JSON.parse(r.links) as CheckoutLink[],
    }));
  }

  /** What one buyer's page shows ("Check out your N items"): the links sent to them in a show, newest first. */
  myCheckouts(showId: number | null, viewerId: string): MyCheckout[] {
    return this.sendsOf(showId, viewerId, MY_CHECKOUTS_MAX).map((send) => ({
      sentAt: send.sentAt,
      items: send.links.reduce((n, link) => n + link.claimIds.length, 0),
      links: send.links.map((link) => ({ url: link.url, label: link.label })),
    }));
  }

  /** The show's buyers with confirmed claims, in the order they first claimed. */
  buyers(showId: number | null): BuyerCheckout[] {
    const rows = this.buyersStmt.all(showId) as { viewer_id: string; viewer_name: string; confirmed: number; unsent: number; last_sent_at: number | null }[];
    return rows.map((r) => ({ viewerId: r.viewer_id, viewerName: r.viewer_name, confirmed: r.confirmed, unsent: r.unsent, lastSentAt: r.last_sent_at, notSent: [] }));
  }
}

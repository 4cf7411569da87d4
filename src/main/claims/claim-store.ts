import type { Claim, ClaimStatus } from '../../shared/domain/selling.js';
import type { StudioDatabase } from '../db/open-database.js';

interface ClaimRow {
  id: number;
  show_id: number | null;
  message_id: string | null;
  viewer_id: string;
  viewer_name: string;
  text: string;
  product_id: number | null;
  variant_id: number | null;
  product_title: string;
  variant_title: string | null;
  sku: string | null;
  price_paid: string | null;
  currency: string | null;
  deal_id: number | null;
  auction_id: number | null;
  status: ClaimStatus;
  claimed_at: number;
  updated_at: number;
  note: string | null;
  contact: string | null;
}

/** A claim about to be saved. */
export type NewClaim = Omit<Claim, 'id' | 'updatedAt' | 'note' | 'contact'>;

/** What a move changes: the unit claimed, its copied catalog fields and price. */
export type ClaimTarget = Pick<Claim, 'productId' | 'variantId' | 'productTitle' | 'variantTitle' | 'sku' | 'pricePaid' | 'currency' | 'dealId'>;

/** The claim's columns and its viewer's contact (buyer_contacts, by primary key). */
const COLUMNS =
  'id, show_id, message_id, viewer_id, viewer_name, text, product_id, variant_id, product_title, variant_title, sku, price_paid, currency, deal_id, auction_id, status, claimed_at, updated_at, note, ' +
  '(SELECT contact FROM buyer_contacts WHERE buyer_contacts.viewer_id = claims.viewer_id) AS contact';

/** The hot queries, exported for the EXPLAIN QUERY PLAN test. `show_id IS ?` matches NULL (no active show) too. */
export const CLAIM_QUERIES = {
  ofShow: `SELECT ${COLUMNS} FROM claims WHERE show_id IS ? ORDER BY id`,
  /** Confirmed units of a product (or one variant: variant_id IS ?; NULL there means every variant) in a show, one claim left out. */
  confirmed: `SELECT count(*) AS n FROM claims
    WHERE show_id IS ? AND product_id = ? AND status = 'confirmed' AND (? IS NULL OR variant_id = ?) AND id != ?`,
  /** Confirmed units of a product in a show per variant (NULL: product-level), one claim left out. */
  confirmedByVariant: `SELECT variant_id, count(*) AS n FROM claims
    WHERE show_id IS ? AND product_id = ? AND status = 'confirmed' AND id != ? GROUP BY variant_id`,
  waitlist: `SELECT ${COLUMNS} FROM claims WHERE show_id IS ? AND product_id = ? AND status = 'waitlisted' ORDER BY id`,
  /** Waitlisted claims older than one that want the same unit (the same variant, or either one product-level). */
  waitlistAhead: `SELECT count(*) AS n FROM claims
    WHERE show_id IS ? AND product_id = ? AND status = 'waitlisted' AND id < ? AND (? IS NULL OR variant_id IS NULL OR variant_id = ?)`,
  ofViewer: `SELECT count(*) AS n FROM claims
    WHERE show_id IS ? AND viewer_id = ? AND product_id = ? AND status IN ('confirmed', 'waitlisted')`,
  /** One buyer's claims in a show, newest first ("My claims"). */
  ofBuyer: `SELECT ${COLUMNS} FROM claims WHERE show_id IS ? AND viewer_id = ? ORDER BY id DESC LIMIT ?`,
  /** Everyone who claimed in a show. */
  buyers: `SELECT DISTINCT viewer_id FROM claims WHERE show_id IS ?`,
} as const;

/**
 * The claims table. Reads and writes only; the first-come-first-served rules
 * live in ClaimService, which runs each decision in one `transaction()`.
 */
export class ClaimStore {
  private readonly ofShowStmt;
  private readonly confirmedStmt;
  private readonly byVariantStmt;
  private readonly waitlistStmt;
  private readonly aheadStmt;
  private readonly ofViewerStmt;
  private readonly byIdStmt;
  private readonly byMessageStmt;
  private readonly insertStmt;
  private readonly setStatusStmt;
  private readonly moveStmt;
  private readonly showNameStmt;
  private readonly ofBuyerStmt;
  private readonly buyersStmt;
  private readonly contactStmt;
  private readonly setContactStmt;

  constructor(private readonly db: StudioDatabase) {
    this.ofShowStmt = db.prepare<[number | null], ClaimRow>(CLAIM_QUERIES.ofShow);
    this.confirmedStmt = db.prepare<[number | null, number, number | null, number | null, number], { n: number }>(CLAIM_QUERIES.confirmed);
    this.byVariantStmt = db.prepare<[number | null, number, number], { variant_id: number | null; n: number }>(CLAIM_QUERIES.confirmedByVariant);
    this.waitlistStmt = db.prepare<[number | null, number], ClaimRow>(CLAIM_QUERIES.waitlist);
    this.aheadStmt = db.prepare<[number | null, number, number, number | null, number | null], { n: number }>(CLAIM_QUERIES.waitlistAhead);
    this.ofViewerStmt = db.prepare<[number | null, string, number], { n: number }>(CLAIM_QUERIES.ofViewer);
    this.byIdStmt = db.prepare<[number], ClaimRow>(`SELECT ${COLUMNS} FROM claims WHERE id = ?`);
    this.byMessageStmt = db.prepare<[string], ClaimRow>(`SELECT ${COLUMNS} FROM claims WHERE message_id = ?`);
    this.insertStmt = db.prepare(
      `INSERT INTO claims (show_id, message_id, viewer_id, viewer_name, text, product_id, variant_id, product_title, variant_title,
         sku, price_paid, currency, deal_id, auction_id, status, claimed_at, updated_at)
       VALUES (@showId, @messageId, @viewerId, @viewerName, @text, @productId, @variantId, @productTitle, @variantTitle,
         @sku, @pricePaid, @currency, @dealId, @auctionId, @status, @claimedAt, @claimedAt)
       ON CONFLICT (message_id) DO NOTHING`,
    );
    this.setStatusStmt = db.prepare<[ClaimStatus, string | null, number, number]>('UPDATE claims SET status = ?, note = ?, updated_at = ? WHERE id = ?');
    this.moveStmt = db.prepare(
      `UPDATE claims SET product_id = @productId, variant_id = @variantId, product_title = @productTitle, variant_title = @variantTitle,
         sku = @sku, price_paid = @pricePaid, currency = @currency, deal_id = @dealId, status = @status, note = @note, updated_at = @at
       WHERE id = @id`,
    );
    this.showNameStmt = db.prepare<[number], { name: string }>('SELECT name FROM shows WHERE id = ?');
    this.ofBuyerStmt = db.prepare<[number | null, string, number], ClaimRow>(CLAIM_QUERIES.ofBuyer);
    this.buyersStmt = db.prepare<[number | null], string>(CLAIM_QUERIES.buyers).pluck();
    this.contactStmt = db.prepare<[string], string>('SELECT contact FROM buyer_contacts WHERE viewer_id = ?').pluck();
    this.setContactStmt = db.prepare<[string, string, number]>(
      `INSERT INTO buyer_contacts (viewer_id, contact, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (viewer_id) DO UPDATE SET contact = excluded.contact, updated_at = excluded.updated_at`,
    );
  }

  /** Runs `work` as one IMMEDIATE transaction: the write lock is taken first, so no other writer sees half a decision. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  byId(id: number): Claim | null {
    const row = this.byIdStmt.get(id);
    return row ? toClaim(row) : null;
  }

  byMessage(messageId: string): Claim | null {
    const row = this.byMessageStmt.get(messageId);
    return row ? toClaim(row) : null;
  }

  /** Oldest first. */
  ofShow(showId: number | null): Claim[] {
    return this.ofShowStmt.all(showId).map(toClaim);
  }

  /** Confirmed units of a product (variantId null: all its variants) in a show, not counting claim `except`. */
  confirmedUnits(showId: number | null, productId: number, variantId: number | null, except = 0): number {
    return this.confirmedStmt.get(showId, productId, variantId, variantId, except)?.n ?? 0;
  }

  /** Confirmed units of a product in a show by variant (the null key: product-level claims), not counting claim `except`. */
  confirmedByVariant(showId: number | null, productId: number, except = 0): Map<number | null, number> {
    return new Map(this.byVariantStmt.all(showId, productId, except).map((r) => [r.variant_id, r.n]));
  }

  /** A product's waitlisted claims in a show, oldest first. */
  waitlist(showId: number | null, productId: number): Claim[] {
    return this.waitlistStmt.all(showId, productId).map(toClaim);
  }

  /** Waitlisted claims ahead of this one for the same unit. */
  waitlistAhead(claim: Claim): number {
    if (claim.productId === null) return 0;
    return this.aheadStmt.get(claim.showId, claim.productId, claim.id, claim.variantId, claim.variantId)?.n ?? 0;
  }

  /** Confirmed and waitlisted claims one viewer holds on a product in a show (the per-viewer limit). */
  heldByViewer(showId: number | null, viewerId: string, productId: number): number {
    return this.ofViewerStmt.get(showId, viewerId, productId)?.n ?? 0;
  }

  /** The saved claim, or null when the message already made one. */
  insert(claim: NewClaim): Claim | null {
    const { changes, lastInsertRowid } = this.insertStmt.run(claim);
    return changes === 0 ? null : this.byId(Number(lastInsertRowid));
  }

  setStatus(id: number, status: ClaimStatus, note: string | null, at: number): Claim {
    this.setStatusStmt.run(status, note, at, id);
    return this.byId(id)!;
  }

  move(id: number, target: ClaimTarget, status: ClaimStatus, note: string, at: number): Claim {
    this.moveStmt.run({ ...target, status, note, at, id });
    return this.byId(id)!;
  }

  /** One buyer's claims in a show, newest first, at most `limit`. */
  ofBuyer(showId: number | null, viewerId: string, limit: number): Claim[] {
    return this.ofBuyerStmt.all(showId, viewerId, limit).map(toClaim);
  }

  /** The viewer ids with a claim in a show. */
  buyers(showId: number | null): string[] {
    return this.buyersStmt.all(showId);
  }

  /** Where the seller can reach a viewer (checked before it was stored); null: not given. */
  contactOf(viewerId: string): string | null {
    return this.contactStmt.get(viewerId) ?? null;
  }

  setContact(viewerId: string, contact: string, at: number): void {
    this.setContactStmt.run(viewerId, contact, at);
  }

  showName(showId: number): string | null {
    return this.showNameStmt.get(showId)?.name ?? null;
  }
}

function toClaim(row: ClaimRow): Claim {
  return {
    id: row.id,
    showId: row.show_id,
    messageId: row.message_id,
    viewerId: row.viewer_id,
    viewerName: row.viewer_name,
    text: row.text,
    productId: row.product_id,
    variantId: row.variant_id,
    productTitle: row.product_title,
    variantTitle: row.variant_title,
    sku: row.sku,
    pricePaid: row.price_paid,
    currency: row.currency,
    dealId: row.deal_id,
    auctionId: row.auction_id,
    status: row.status,
    claimedAt: row.claimed_at,
    updatedAt: row.updated_at,
    note: row.note,
    contact: row.contact ?? null,
  };
}

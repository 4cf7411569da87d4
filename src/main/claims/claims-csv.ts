import type { Claim } from '../../shared/domain/selling.js';
import { foldText } from '../../shared/moderation/normalize.js';
import { csvDocument, type CsvValue } from '../export/csv.js';

/** The invoicing columns, in the order sellers asked for. */
export const CLAIMS_CSV_HEADER = [
  'Viewer',
  'Contact',
  'Product',
  'SKU',
  'Variant',
  'Price paid',
  'Currency',
  'Status',
  'Claimed at',
  'Chat message',
  'Auction',
  'Claim id',
] as const;

/**
 * One row per claim, oldest first; times in ISO 8601 UTC so every
 * spreadsheet reads them the same. Contact is where the viewer asked to be
 * reached (an e-mail or an @handle; a handle is written '@… by the formula
 * guard, as a spreadsheet would otherwise run it).
 */
export function claimsCsv(claims: readonly Claim[]): string {
  const rows: CsvValue[][] = [[...CLAIMS_CSV_HEADER]];
  for (const c of claims) {
    rows.push([
      c.viewerName,
      c.contact,
      c.productTitle,
      c.sku,
      c.variantTitle,
      c.pricePaid,
      c.currency,
      c.status,
      new Date(c.claimedAt).toISOString(),
      c.text,
      c.auctionId,
      c.id,
    ]);
  }
  return csvDocument(rows);
}

/** "claims-spring-drop-2026-11-28.csv": safe on every file system, whatever the show is called. */
export function claimsFileName(showName: string | null, now: number): string {
  const slug = showName === null ? '' : foldText(showName).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
  const day = new Date(now).toISOString().slice(0, 10);
  return slug === '' ? `claims-${day}.csv` : `claims-${slug}-${day}.csv`;
}

import type { Migration } from './types.js';

/**
 * The SFU's clock for an auction (docs/auctions.md, "In the studio"). Bids
 * are stamped by the SFU (`auction_bids.ts`) and decided on its clock, while
 * `auctions.started_at` / `ends_at` are main's clock (what the studio's
 * screens and the SellBoard send; the SFU rebases them for viewers).
 * `sfu_offset` is the SFU's clock minus main's when the auction started (0
 * with the built-in SFU, give or take a millisecond): a restart rebuilds the
 * auction on exactly the clock it was decided on.
 */
export const auctionClockMigration: Migration = {
  version: 140,
  name: 'auction-clock',
  up(db) {
    db.exec(`ALTER TABLE auctions ADD COLUMN sfu_offset INTEGER NOT NULL DEFAULT 0;`);
  },
};

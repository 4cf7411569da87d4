import type { Migration } from './types.js';

/**
 * The SFU's clock for an auction (docs/auctions.md, "In the studio"). Bids
 * are stamped by the SFU (`auction_bids.ts`) and decided on its clock, while
 * `auctions.started_at` / `ends_at` are main's clock (what the studio's
 * screens and the SellBoard send; the SFU rebases them for viewers).
 * `sfu_offset` is the SFU's clock minus main's when the auction started (0
 * with the built-in SFU, give or take a millisecond): a restart rebuilds the
 * auction on exactly the clock it was decided on.
 *
 * `auctions_by_pin`: the newest auction of the pin on screen (its result
 * stays on viewers' pages while the pin stays).
 */
export const auctionClockMigration: Migration = {
  version: 140,
  name: 'auction-clock',
  up(db) {
    db.exec(`
      ALTER TABLE auctions ADD COLUMN sfu_offset INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX auctions_by_pin ON auctions (pin_id, started_at);
    `);
  },
};

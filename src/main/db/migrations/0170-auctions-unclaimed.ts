import type { Migration } from './types.js';

/**
 * `auctions_sold_unclaimed`: a sold auction whose winner has no claim yet
 * (the studio stopped between the two, or the claim could not be written).
 * At startup the auction service gives every such winner their claim; the
 * partial index keeps that lookup off a scan of every auction ever run.
 */
export const auctionsUnclaimedMigration: Migration = {
  version: 170,
  name: 'auctions-unclaimed',
  up(db) {
    db.exec(`CREATE INDEX auctions_sold_unclaimed ON auctions (id) WHERE status = 'sold' AND claim_id IS NULL;`);
  },
};

import type { Migration } from './types.js';

/**
 * Where the seller can reach a buyer: one e-mail or @handle per viewer (the
 * SFU's anonymous viewer id, stable across reloads and shows), given on the
 * watch page at a first claim and checked by the studio
 * (src/shared/selling/buyer-contact.ts). Personal data: read only for the
 * host's Claims tab, the claims CSV and that viewer's own "My claims".
 *
 * `claims_of_buyer`: one viewer's claims in a show, newest first (their
 * "My claims", sent at every join), and the show's buyers in one pass.
 */
export const buyerContactsMigration: Migration = {
  version: 100,
  name: 'buyer-contacts',
  up(db) {
    db.exec(`
      CREATE TABLE buyer_contacts (
        viewer_id  TEXT PRIMARY KEY,
        contact    TEXT NOT NULL CHECK (length(contact) BETWEEN 1 AND 200),
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE INDEX claims_of_buyer ON claims (show_id, viewer_id, id);
    `);
  },
};

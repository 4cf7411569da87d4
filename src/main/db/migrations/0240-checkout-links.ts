import type { Migration } from './types.js';

/**
 * Claims become checkouts (issue 19): what each buyer was sent, when, and
 * for which claims.
 *
 * - `checkout_sends`: one row per buyer per "Send checkout links": the show,
 *   the viewer, when, and the links as sent (JSON: `[{ url, label, claimIds }]`,
 *   https only, checked before it was stored), so the buyer's page shows
 *   them again after a reload and the host can see what went out.
 * - `checkout_claims`: which claims each send covered. A claim is in at most
 *   one send (the primary key): a buyer is never sent the same claim twice.
 *
 * `checkout_sends_of_show`: a show's sends by buyer, newest first (the
 * Claims tab's "Link sent 14:02", the buyer's "My claims").
 */
export const checkoutLinksMigration: Migration = {
  version: 240,
  name: 'checkout-links',
  up(db) {
    db.exec(`
      CREATE TABLE checkout_sends (
        id        INTEGER PRIMARY KEY,
        show_id   INTEGER REFERENCES shows (id) ON DELETE CASCADE,
        viewer_id TEXT NOT NULL,
        sent_at   INTEGER NOT NULL,
        links     TEXT NOT NULL CHECK (json_valid(links) AND json_type(links) = 'array' AND length(links) <= 65536)
      ) STRICT;

      CREATE INDEX checkout_sends_of_show ON checkout_sends (show_id, viewer_id, id);

      CREATE TABLE checkout_claims (
        claim_id INTEGER PRIMARY KEY REFERENCES claims (id) ON DELETE CASCADE,
        send_id  INTEGER NOT NULL REFERENCES checkout_sends (id) ON DELETE CASCADE
      ) STRICT;

      CREATE INDEX checkout_claims_of_send ON checkout_claims (send_id);
    `);
  },
};

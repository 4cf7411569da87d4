import type { Migration } from './types.js';

/**
 * The selling tools.
 *
 * - `deals`: every flash deal, on the pin it ran on. `ended_at` is when it
 *   really ended (at ends_at, or earlier when the host ended it or pinned
 *   something else); NULL while it runs.
 * - `claims`: "sold" / "claim M" from chat, one per chat message at most
 *   (message_id UNIQUE; NULL for a claim the host added). Titles, SKU and
 *   price are copied at claim time so invoices stay right after the catalog
 *   changes; references use ON DELETE SET NULL for the same reason. Stock is
 *   counted per show: the catalog's stock minus the show's confirmed claims.
 * - `show_samples`: viewer count and on-air state over time, one row per
 *   change (at most one a second), for the report's averages and chart.
 */
export const sellingMigration: Migration = {
  version: 70,
  name: 'selling',
  up(db) {
    db.exec(`
      CREATE TABLE deals (
        id            INTEGER PRIMARY KEY,
        pin_id        INTEGER NOT NULL REFERENCES pins (id) ON DELETE CASCADE,
        show_id       INTEGER REFERENCES shows (id) ON DELETE CASCADE,
        product_id    INTEGER REFERENCES products (id) ON DELETE SET NULL,
        variant_id    INTEGER REFERENCES variants (id) ON DELETE SET NULL,
        title         TEXT NOT NULL,
        price         TEXT NOT NULL,
        regular_price TEXT,
        currency      TEXT,
        started_at    INTEGER NOT NULL,
        ends_at       INTEGER NOT NULL,
        ended_at      INTEGER,
        CHECK (ends_at > started_at),
        CHECK (ended_at IS NULL OR ended_at >= started_at)
      ) STRICT;

      CREATE INDEX deals_by_pin ON deals (pin_id, started_at);
      CREATE INDEX deals_by_show ON deals (show_id, started_at);
      -- At most one running deal.
      CREATE UNIQUE INDEX deals_running ON deals ((ended_at IS NULL)) WHERE ended_at IS NULL;

      CREATE TABLE claims (
        id            INTEGER PRIMARY KEY,
        show_id       INTEGER REFERENCES shows (id) ON DELETE CASCADE,
        message_id    TEXT UNIQUE,
        viewer_id     TEXT NOT NULL,
        viewer_name   TEXT NOT NULL,
        text          TEXT NOT NULL,
        product_id    INTEGER REFERENCES products (id) ON DELETE SET NULL,
        variant_id    INTEGER REFERENCES variants (id) ON DELETE SET NULL,
        product_title TEXT NOT NULL,
        variant_title TEXT,
        sku           TEXT,
        price_paid    TEXT,
        currency      TEXT,
        deal_id       INTEGER REFERENCES deals (id) ON DELETE SET NULL,
        status        TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
        claimed_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL,
        note          TEXT
      ) STRICT;

      -- A show's claims in order (the panel, the CSV, first come first served).
      CREATE INDEX claims_by_show ON claims (show_id, id);
      -- Stock left and the waitlist of one product in a show.
      CREATE INDEX claims_by_product ON claims (show_id, product_id, status, id);
      -- The per-viewer limit.
      CREATE INDEX claims_by_viewer ON claims (show_id, viewer_id, product_id);

      CREATE TABLE show_samples (
        id       INTEGER PRIMARY KEY,
        show_id  INTEGER REFERENCES shows (id) ON DELETE CASCADE,
        at       INTEGER NOT NULL,
        viewers  INTEGER NOT NULL CHECK (viewers >= 0),
        live     INTEGER NOT NULL CHECK (live IN (0, 1))
      ) STRICT;

      CREATE INDEX show_samples_by_show ON show_samples (show_id, at);
    `);
  },
};

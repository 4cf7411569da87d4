import type { Migration } from './types.js';

/**
 * Auctions, giveaways and practice shows (docs/auctions.md, docs/giveaways.md,
 * docs/practice.md). Times are epoch ms on main's clock unless said otherwise;
 * bid and entry times (`ts`) are the SFU's clock as stamped on arrival.
 *
 * - `shows.practice`: a rehearsal. Its claims, auctions and giveaways are
 *   kept (the host reviews them) but never exported, reported as sales or
 *   counted against stock elsewhere.
 * - `auctions`: one per auction, on the pin it ran on; the rules it ran with
 *   (increments as JSON, the table at its start); `ends_at` moves with soft
 *   close; `status` running → sold | unsold | cancelled. At most one running.
 * - `auction_bids`: every input decided, in the order decided (`seq`):
 *   accepted bids, refusals (with `reason`), and proxy bids (`proxy_for`).
 *   `max_amount`: a maximum the viewer set (kept private: never sent to
 *   other viewers).
 * - `claims.auction_id`: the confirmed claim an auction's winner gets at the
 *   winning price.
 * - `giveaways`, `giveaway_entries`: one entry per viewer (UNIQUE); the
 *   commitment (SHA-256 of the seed) is stored before the draw, the seed
 *   revealed with the winner.
 */
export const auctionsGiveawaysPracticeMigration: Migration = {
  version: 130,
  name: 'auctions-giveaways-practice',
  up(db) {
    db.exec(`
      ALTER TABLE shows ADD COLUMN practice INTEGER NOT NULL DEFAULT 0 CHECK (practice IN (0, 1));

      CREATE TABLE auctions (
        id              INTEGER PRIMARY KEY,
        show_id         INTEGER REFERENCES shows (id) ON DELETE CASCADE,
        pin_id          INTEGER REFERENCES pins (id) ON DELETE SET NULL,
        product_id      INTEGER REFERENCES products (id) ON DELETE SET NULL,
        variant_id      INTEGER REFERENCES variants (id) ON DELETE SET NULL,
        title           TEXT NOT NULL,
        sku             TEXT,
        currency        TEXT,
        start_price     TEXT NOT NULL,
        reserve         TEXT,
        mode            TEXT NOT NULL CHECK (mode IN ('soft', 'sudden-death')),
        extend_seconds  INTEGER NOT NULL CHECK (extend_seconds > 0),
        duration_seconds INTEGER NOT NULL CHECK (duration_seconds > 0),
        increments      TEXT NOT NULL,
        started_at      INTEGER NOT NULL,
        ends_at         INTEGER NOT NULL,
        ended_at        INTEGER,
        status          TEXT NOT NULL CHECK (status IN ('running', 'sold', 'unsold', 'cancelled')),
        final_price     TEXT,
        winner_viewer_id TEXT,
        winner_name     TEXT,
        claim_id        INTEGER REFERENCES claims (id) ON DELETE SET NULL,
        CHECK (ends_at > started_at),
        CHECK (ended_at IS NULL OR ended_at >= started_at),
        CHECK ((status = 'running') = (ended_at IS NULL))
      ) STRICT;

      CREATE INDEX auctions_by_show ON auctions (show_id, started_at);
      -- At most one running auction.
      CREATE UNIQUE INDEX auctions_running ON auctions ((status = 'running')) WHERE status = 'running';

      CREATE TABLE auction_bids (
        id          INTEGER PRIMARY KEY,
        auction_id  INTEGER NOT NULL REFERENCES auctions (id) ON DELETE CASCADE,
        seq         INTEGER NOT NULL CHECK (seq >= 0),
        input_id    TEXT NOT NULL,
        viewer_id   TEXT NOT NULL,
        viewer_name TEXT NOT NULL,
        source      TEXT NOT NULL CHECK (source IN ('chat', 'button', 'max', 'proxy', 'practice')),
        amount      TEXT,
        max_amount  TEXT,
        action      TEXT NOT NULL CHECK (action IN ('bid', 'refused', 'ignored')),
        reason      TEXT,
        price_after TEXT,
        proxy_for   TEXT,
        ts          INTEGER NOT NULL,
        UNIQUE (auction_id, seq)
      ) STRICT;

      CREATE INDEX auction_bids_by_viewer ON auction_bids (auction_id, viewer_id);

      ALTER TABLE claims ADD COLUMN auction_id INTEGER REFERENCES auctions (id) ON DELETE SET NULL;

      CREATE TABLE giveaways (
        id                INTEGER PRIMARY KEY,
        show_id           INTEGER REFERENCES shows (id) ON DELETE CASCADE,
        prize             TEXT NOT NULL CHECK (length(prize) BETWEEN 1 AND 200),
        keyword           TEXT,
        button_entry      INTEGER NOT NULL DEFAULT 1 CHECK (button_entry IN (0, 1)),
        rules             TEXT NOT NULL DEFAULT '',
        min_watch_minutes INTEGER CHECK (min_watch_minutes IS NULL OR min_watch_minutes > 0),
        status            TEXT NOT NULL CHECK (status IN ('open', 'closed', 'drawn', 'cancelled')),
        opened_at         INTEGER NOT NULL,
        closed_at         INTEGER,
        drawn_at          INTEGER,
        commitment        TEXT,
        seed              TEXT,
        winner_viewer_id  TEXT,
        winner_name       TEXT,
        CHECK (keyword IS NOT NULL OR button_entry = 1),
        CHECK (status = 'open' OR status = 'cancelled' OR commitment IS NOT NULL),
        CHECK (status <> 'drawn' OR seed IS NOT NULL)
      ) STRICT;

      CREATE INDEX giveaways_by_show ON giveaways (show_id, opened_at);
      -- At most one open or closed-but-not-drawn giveaway.
      CREATE UNIQUE INDEX giveaways_current ON giveaways ((status IN ('open', 'closed'))) WHERE status IN ('open', 'closed');

      CREATE TABLE giveaway_entries (
        id          INTEGER PRIMARY KEY,
        giveaway_id INTEGER NOT NULL REFERENCES giveaways (id) ON DELETE CASCADE,
        viewer_id   TEXT NOT NULL,
        viewer_name TEXT NOT NULL,
        source      TEXT NOT NULL CHECK (source IN ('chat', 'button', 'practice')),
        entered_at  INTEGER NOT NULL,
        UNIQUE (giveaway_id, viewer_id)
      ) STRICT;
    `);
  },
};

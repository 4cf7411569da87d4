import type { Migration } from './types.js';

/**
 * Shows and their rundowns. Product items point at the catalog with
 * ON DELETE SET NULL, so a product or variant leaving the catalog leaves the
 * item in place (showing the title it had when it was added).
 *
 * The live cursor is a row per show, and every time an item becomes current
 * a visit is recorded: actual seconds per item are the sum of its finished
 * visits, which also survives restarts and back-and-forth navigation.
 */
export const showsRundownMigration: Migration = {
  version: 30,
  name: 'shows-rundown',
  up(db) {
    db.exec(`
      CREATE TABLE shows (
        id              INTEGER PRIMARY KEY,
        name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        scheduled_start INTEGER,
        created_at      INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE rundown_items (
        id              INTEGER PRIMARY KEY,
        show_id         INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
        position        INTEGER NOT NULL CHECK (position >= 0),
        kind            TEXT NOT NULL CHECK (kind IN ('product', 'segment')),
        product_id      INTEGER REFERENCES products (id) ON DELETE SET NULL,
        variant_id      INTEGER REFERENCES variants (id) ON DELETE SET NULL,
        segment_type    TEXT CHECK (segment_type IN ('intro', 'giveaway', 'qa', 'break', 'custom')),
        -- Segment title; for product items, the product title when it was added.
        title           TEXT NOT NULL,
        notes           TEXT NOT NULL DEFAULT '',
        planned_seconds INTEGER CHECK (planned_seconds IS NULL OR planned_seconds >= 0),
        created_at      INTEGER NOT NULL,
        CHECK ((kind = 'segment') = (segment_type IS NOT NULL)),
        CHECK (kind = 'product' OR (product_id IS NULL AND variant_id IS NULL))
      ) STRICT;

      CREATE INDEX rundown_items_by_show ON rundown_items (show_id, position);
      -- Deleting a product or variant looks up the items that point at it.
      CREATE INDEX rundown_items_by_product ON rundown_items (product_id) WHERE product_id IS NOT NULL;
      CREATE INDEX rundown_items_by_variant ON rundown_items (variant_id) WHERE variant_id IS NOT NULL;

      CREATE TABLE rundown_cursors (
        show_id         INTEGER PRIMARY KEY REFERENCES shows (id) ON DELETE CASCADE,
        current_item_id INTEGER REFERENCES rundown_items (id) ON DELETE SET NULL,
        current_since   INTEGER,
        show_started_at INTEGER
      ) STRICT;

      CREATE INDEX rundown_cursors_by_item ON rundown_cursors (current_item_id) WHERE current_item_id IS NOT NULL;

      CREATE TABLE rundown_visits (
        id         INTEGER PRIMARY KEY,
        item_id    INTEGER NOT NULL REFERENCES rundown_items (id) ON DELETE CASCADE,
        started_at INTEGER NOT NULL,
        ended_at   INTEGER,
        CHECK (ended_at IS NULL OR ended_at >= started_at)
      ) STRICT;

      CREATE INDEX rundown_visits_by_item ON rundown_visits (item_id);

      -- The show open in the rundown panel: one row, forgotten when the show is deleted.
      CREATE TABLE active_show (
        id      INTEGER PRIMARY KEY CHECK (id = 1),
        show_id INTEGER REFERENCES shows (id) ON DELETE SET NULL
      ) STRICT;
      INSERT INTO active_show (id, show_id) VALUES (1, NULL);
    `);
  },
};

import type { Migration } from './types.js';

/**
 * The pin history: every product put on screen, with when it came and went.
 * `card` is the product card exactly as viewers saw it (JSON), so the show
 * timeline stays right after the catalog changes or forgets the product;
 * the references are for linking and use ON DELETE SET NULL for the same
 * reason. At most one pin is current (unpinned_at IS NULL): a partial
 * unique index makes that a rule of the file, not just of the code.
 */
export const pinsMigration: Migration = {
  version: 40,
  name: 'pins',
  up(db) {
    db.exec(`
      CREATE TABLE pins (
        id              INTEGER PRIMARY KEY,
        show_id         INTEGER REFERENCES shows (id) ON DELETE SET NULL,
        product_id      INTEGER REFERENCES products (id) ON DELETE SET NULL,
        variant_id      INTEGER REFERENCES variants (id) ON DELETE SET NULL,
        rundown_item_id INTEGER REFERENCES rundown_items (id) ON DELETE SET NULL,
        card            TEXT NOT NULL CHECK (json_valid(card) AND json_type(card) = 'object'),
        pinned_at       INTEGER NOT NULL,
        unpinned_at     INTEGER,
        CHECK (unpinned_at IS NULL OR unpinned_at >= pinned_at)
      ) STRICT;

      -- A show's timeline, newest first.
      CREATE INDEX pins_by_show ON pins (show_id, pinned_at DESC, id DESC);
      -- Every show's history, newest first.
      CREATE INDEX pins_by_time ON pins (pinned_at DESC, id DESC);
      -- The current pin; also: at most one at a time.
      CREATE UNIQUE INDEX pins_current ON pins ((unpinned_at IS NULL)) WHERE unpinned_at IS NULL;
      -- Deleting a product, variant or rundown item finds the pins that point at it.
      CREATE INDEX pins_by_product ON pins (product_id) WHERE product_id IS NOT NULL;
      CREATE INDEX pins_by_variant ON pins (variant_id) WHERE variant_id IS NOT NULL;
      CREATE INDEX pins_by_rundown_item ON pins (rundown_item_id) WHERE rundown_item_id IS NOT NULL;
    `);
  },
};

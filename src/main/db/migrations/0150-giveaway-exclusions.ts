import type { Migration } from './types.js';

/**
 * Giveaway entries left out of the draw (docs/giveaways.md): when entries
 * close, an entrant who is banned, timed out or a moderator by then is
 * marked here and not drawn from. The entry stays (the host sees who was
 * left out and why); the exported entry list is the entries with NULL —
 * exactly the list the winner was drawn from.
 */
export const giveawayExclusionsMigration: Migration = {
  version: 150,
  name: 'giveaway-exclusions',
  up(db) {
    db.exec(`
      ALTER TABLE giveaway_entries ADD COLUMN excluded TEXT
        CHECK (excluded IS NULL OR excluded IN ('banned', 'timed-out', 'moderator'));
    `);
  },
};

import type { Migration } from './types.js';

/**
 * Which program each multistream destination takes (issue 18): the 16:9
 * one (`horizontal`, what every destination took before) or the 9:16 one
 * (`vertical`: TikTok, Instagram, YouTube Shorts). Destinations saved
 * before keep going out horizontal.
 */
export const destinationOrientationMigration: Migration = {
  version: 210,
  name: 'destination-orientation',
  up(db) {
    db.exec(`
      ALTER TABLE destinations ADD COLUMN orientation TEXT NOT NULL DEFAULT 'horizontal'
        CHECK (orientation IN ('horizontal', 'vertical'));
    `);
  },
};

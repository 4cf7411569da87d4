import type { Migration } from './types.js';

/**
 * Why a recording stopped, so the Recordings list can say it: the host
 * pressed Stop ('host'), End show ended it ('show-ended'), the disk was
 * nearly full ('disk-full'), the window recording it went away
 * ('window-gone'), the studio was closed while it recorded
 * ('studio-closed'), or the studio stopped unexpectedly ('crash'); the last
 * two are finished at the next start. NULL while it records.
 */
export const recordingStopReasonMigration: Migration = {
  version: 125,
  name: 'recording-stop-reason',
  up(db) {
    db.exec(`
      ALTER TABLE recordings ADD COLUMN stopped_by TEXT
        CHECK (stopped_by IS NULL OR stopped_by IN ('host', 'show-ended', 'disk-full', 'window-gone', 'studio-closed', 'crash'));
    `);
  },
};

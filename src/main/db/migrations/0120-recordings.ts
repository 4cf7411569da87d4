import type { Migration } from './types.js';

/**
 * Recordings of the program (what viewers see, with its audio), made on the
 * host's machine. `folder` is relative to the data folder
 * (`recordings/<id>-<slug>/`): the capture is written there in chunks as it
 * goes (`capture.webm`), and turned into `recording.mp4` when it stops — or
 * at the next start after a crash (status still 'recording').
 *
 * `started_at` (epoch ms, main's clock) is the moment the file's time 0 was
 * captured: a pin at `pinned_at` is at `pinned_at - started_at` ms into the
 * file (chapters, the replay's timeline). `live`: the show was on air when
 * the recording started (0: a rehearsal).
 *
 * `replay_folder`: where "Publish replay" last wrote its folder (absolute).
 */
export const recordingsMigration: Migration = {
  version: 120,
  name: 'recordings',
  up(db) {
    db.exec(`
      CREATE TABLE recordings (
        id            INTEGER PRIMARY KEY,
        show_id       INTEGER REFERENCES shows (id) ON DELETE SET NULL,
        show_name     TEXT NOT NULL,
        folder        TEXT NOT NULL UNIQUE,
        status        TEXT NOT NULL CHECK (status IN ('recording', 'finalizing', 'ready', 'failed')),
        mime_type     TEXT NOT NULL,
        started_at    INTEGER NOT NULL,
        ended_at      INTEGER,
        duration_ms   INTEGER CHECK (duration_ms IS NULL OR duration_ms >= 0),
        bytes         INTEGER NOT NULL DEFAULT 0 CHECK (bytes >= 0),
        live          INTEGER NOT NULL DEFAULT 0 CHECK (live IN (0, 1)),
        error         TEXT,
        replay_folder TEXT,
        published_at  INTEGER,
        CHECK (ended_at IS NULL OR ended_at >= started_at)
      ) STRICT;

      -- A show's recordings, newest first.
      CREATE INDEX recordings_of_show ON recordings (show_id, id);
    `);
  },
};

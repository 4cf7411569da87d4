import type { Migration } from './types.js';

/**
 * Guest invites (issue 18, src/main/guests): a link per invite with a random
 * token. The token is kept (not only its hash) so the host can copy the link
 * again; the SFU only ever gets its SHA-256. An invite belongs to a show and
 * goes with it. `revoked_at`: the host revoked it (or removed the guest who
 * came in with it); an invite past `expires_at` admits nobody either.
 */
export const guestInvitesMigration: Migration = {
  version: 180,
  name: 'guest-invites',
  up(db) {
    db.exec(`
      CREATE TABLE guest_invites (
        id         TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
        show_id    INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
        token      TEXT NOT NULL UNIQUE CHECK (length(token) BETWEEN 20 AND 128),
        label      TEXT NOT NULL DEFAULT '' CHECK (length(label) <= 60),
        single_use INTEGER NOT NULL CHECK (single_use IN (0, 1)),
        expires_at INTEGER,
        created_at INTEGER NOT NULL,
        used       INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1)),
        revoked_at INTEGER
      ) STRICT;
      CREATE INDEX guest_invites_by_show ON guest_invites (show_id, created_at);
    `);
  },
};

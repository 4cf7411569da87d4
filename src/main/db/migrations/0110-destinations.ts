import type { Migration } from './types.js';

/**
 * Multistream destinations (Settings → Destinations): where the show is
 * pushed besides the studio's own watch page. The stream key is a secret:
 * it lives in the secret store (`streamKey.<id>`), never in this file a host
 * may copy or send for support. `enabled`: started when the show goes live.
 */
export const destinationsMigration: Migration = {
  version: 110,
  name: 'destinations',
  up(db) {
    db.exec(`
      CREATE TABLE destinations (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
        platform   TEXT NOT NULL CHECK (platform IN ('youtube', 'facebook', 'twitch', 'instagram', 'tiktok', 'custom')),
        server_url TEXT NOT NULL CHECK (length(server_url) BETWEEN 1 AND 2048),
        enabled    INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        position   INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};

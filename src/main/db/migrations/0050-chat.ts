import type { Migration } from './types.js';

/**
 * Moderated chat. Every viewer message is kept with its current status and
 * the reasons the engine (or a person) gave; `chat_decisions` is the audit
 * trail of every decision, automatic or manual, so "who hid this and why"
 * always has an answer. Text is stored as received (sanitized by the SFU),
 * never as HTML.
 *
 * - A show's chat goes with the show (ON DELETE CASCADE); messages sent
 *   while no show is active have show_id NULL.
 * - `chat_viewers` is keyed by the SFU's anonymous viewer id, not by show:
 *   bans, the allow list and moderator rights carry across shows.
 * - `moderation_rules`: one row per show, plus one row with show_id NULL
 *   that new shows start from (the rules last saved).
 * - `chat_config`: small secrets of the chat, such as the salt the built-in
 *   SFU derives viewer ids with (stable ids make bans stick across runs).
 */
export const chatMigration: Migration = {
  version: 50,
  name: 'chat',
  up(db) {
    db.exec(`
      CREATE TABLE chat_messages (
        id          TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
        show_id     INTEGER REFERENCES shows (id) ON DELETE CASCADE,
        viewer_id   TEXT,
        name        TEXT NOT NULL,
        role        TEXT NOT NULL CHECK (role IN ('viewer', 'moderator', 'host')),
        text        TEXT NOT NULL,
        ts          INTEGER NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('approved', 'held', 'blocked', 'rejected', 'deleted')),
        reasons     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reasons) AND json_type(reasons) = 'array'),
        question    INTEGER NOT NULL DEFAULT 0 CHECK (question IN (0, 1)),
        decided_by  TEXT,
        decided_at  INTEGER,
        CHECK ((role = 'host') = (viewer_id IS NULL))
      ) STRICT;

      -- A show's chat log, newest first (the console's list, getChat after a restart).
      CREATE INDEX chat_messages_by_show ON chat_messages (show_id, ts DESC);
      -- The review queue: only held messages are in this index, so it stays tiny.
      CREATE INDEX chat_messages_held ON chat_messages (show_id, ts) WHERE status = 'held';

      CREATE TABLE chat_decisions (
        id          INTEGER PRIMARY KEY,
        message_id  TEXT NOT NULL REFERENCES chat_messages (id) ON DELETE CASCADE,
        action      TEXT NOT NULL CHECK (action IN ('approve', 'hold', 'block', 'reject', 'delete', 'question', 'unquestion')),
        reasons     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reasons) AND json_type(reasons) = 'array'),
        by          TEXT NOT NULL,
        at          INTEGER NOT NULL,
        note        TEXT
      ) STRICT;

      CREATE INDEX chat_decisions_by_message ON chat_decisions (message_id, at);

      CREATE TABLE chat_viewers (
        viewer_id        TEXT PRIMARY KEY,
        name             TEXT NOT NULL,
        message_count    INTEGER NOT NULL DEFAULT 0 CHECK (message_count >= 0),
        moderator        INTEGER NOT NULL DEFAULT 0 CHECK (moderator IN (0, 1)),
        allow_listed     INTEGER NOT NULL DEFAULT 0 CHECK (allow_listed IN (0, 1)),
        timed_out_until  INTEGER,
        banned           INTEGER NOT NULL DEFAULT 0 CHECK (banned IN (0, 1)),
        banned_at        INTEGER,
        last_seen_at     INTEGER NOT NULL
      ) STRICT;

      -- The viewer list, most recently active first.
      CREATE INDEX chat_viewers_by_last_seen ON chat_viewers (last_seen_at DESC);

      CREATE TABLE moderation_rules (
        id          INTEGER PRIMARY KEY,
        show_id     INTEGER REFERENCES shows (id) ON DELETE CASCADE,
        rules       TEXT NOT NULL CHECK (json_valid(rules) AND json_type(rules) = 'object'),
        updated_at  INTEGER NOT NULL
      ) STRICT;

      -- One row per show, and one default row (show_id NULL).
      CREATE UNIQUE INDEX moderation_rules_by_show ON moderation_rules (ifnull(show_id, 0));

      CREATE TABLE chat_config (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
      ) STRICT;
    `);
  },
};

import crypto from 'node:crypto';
import type { ChatMessage, ChatMessageStatus, ChatRole, ChatViewer, ModerationRules, ReasonCode } from '../../shared/domain/chat.js';
import { defaultModerationRules, moderationRulesSchema } from '../../shared/moderation/rules.js';
import type { StudioDatabase } from '../db/open-database.js';

interface MessageRow {
  id: string;
  show_id: number | null;
  viewer_id: string | null;
  name: string;
  role: ChatRole;
  text: string;
  ts: number;
  status: ChatMessageStatus;
  reasons: string;
  question: number;
  decided_by: string | null;
  decided_at: number | null;
}

interface ViewerRow {
  viewer_id: string;
  name: string;
  message_count: number;
  moderator: number;
  allow_listed: number;
  timed_out_until: number | null;
  banned: number;
  banned_at: number | null;
  last_seen_at: number;
}

export type DecisionAction = 'approve' | 'hold' | 'block' | 'reject' | 'delete' | 'question' | 'unquestion';

export interface Decision {
  readonly action: DecisionAction;
  readonly reasons: readonly ReasonCode[];
  /** 'auto' (the engine), 'host' (the desktop window) or a producer console's client id. */
  readonly by: string;
  readonly at: number;
  readonly note?: string | null;
}

export type ViewerFlags = Partial<Pick<ChatViewer, 'moderator' | 'allowListed' | 'timedOutUntil' | 'banned'>>;

const MESSAGE_COLUMNS = 'id, show_id, viewer_id, name, role, text, ts, status, reasons, question, decided_by, decided_at';
const VIEWER_COLUMNS = 'viewer_id, name, message_count, moderator, allow_listed, timed_out_until, banned, banned_at, last_seen_at';

/** The hot queries, exported for the EXPLAIN QUERY PLAN test. `show_id IS ?` matches NULL (no active show) too. */
export const CHAT_QUERIES = {
  showLog: `SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE show_id IS ? ORDER BY ts DESC LIMIT ?`,
  heldQueue: `SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE show_id IS ? AND status = 'held' ORDER BY ts`,
  recentApproved: `SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE show_id IS ? AND status = 'approved' ORDER BY ts DESC LIMIT ?`,
  viewers: `SELECT ${VIEWER_COLUMNS} FROM chat_viewers ORDER BY last_seen_at DESC LIMIT ?`,
  moderators: `SELECT ${VIEWER_COLUMNS} FROM chat_viewers WHERE moderator = 1 ORDER BY last_seen_at DESC LIMIT ?`,
} as const;

const toMessage = (r: MessageRow): ChatMessage => ({
  id: r.id,
  showId: r.show_id,
  viewerId: r.viewer_id,
  name: r.name,
  role: r.role,
  text: r.text,
  ts: r.ts,
  status: r.status,
  reasons: JSON.parse(r.reasons) as ReasonCode[],
  question: r.question === 1,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
});

const toViewer = (r: ViewerRow): ChatViewer => ({
  viewerId: r.viewer_id,
  name: r.name,
  messageCount: r.message_count,
  moderator: r.moderator === 1,
  allowListed: r.allow_listed === 1,
  timedOutUntil: r.timed_out_until,
  banned: r.banned === 1,
  lastSeenAt: r.last_seen_at,
});

const bit = (value: boolean | undefined): number | null => (value === undefined ? null : value ? 1 : 0);

/**
 * The chat tables. A message and the decision about it are written in one
 * transaction, so the log never holds a status nobody decided.
 */
export class ChatStore {
  private readonly s;
  private readonly insertTx;
  private readonly updateTx;

  constructor(private readonly db: StudioDatabase) {
    this.s = {
      showLog: db.prepare<[number | null, number], MessageRow>(CHAT_QUERIES.showLog),
      held: db.prepare<[number | null], MessageRow>(CHAT_QUERIES.heldQueue),
      recentApproved: db.prepare<[number | null, number], MessageRow>(CHAT_QUERIES.recentApproved),
      byId: db.prepare<[string], MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE id = ?`),
      insert: db.prepare(
        `INSERT INTO chat_messages (${MESSAGE_COLUMNS})
         VALUES (@id, @showId, @viewerId, @name, @role, @text, @ts, @status, @reasons, @question, @decidedBy, @decidedAt)`,
      ),
      update: db.prepare(
        `UPDATE chat_messages SET status = @status, reasons = @reasons, question = @question, decided_by = @decidedBy, decided_at = @decidedAt
         WHERE id = @id`,
      ),
      decision: db.prepare(
        'INSERT INTO chat_decisions (message_id, action, reasons, by, at, note) VALUES (@messageId, @action, @reasons, @by, @at, @note)',
      ),
      decisions: db.prepare<[string], { action: DecisionAction; reasons: string; by: string; at: number; note: string | null }>(
        'SELECT action, reasons, by, at, note FROM chat_decisions WHERE message_id = ? ORDER BY at, id',
      ),
      seeViewer: db.prepare<[string, string, number], ViewerRow>(
        `INSERT INTO chat_viewers (viewer_id, name, message_count, last_seen_at) VALUES (?, ?, 1, ?)
         ON CONFLICT (viewer_id) DO UPDATE SET name = excluded.name, message_count = message_count + 1,
           last_seen_at = max(last_seen_at, excluded.last_seen_at)
         RETURNING ${VIEWER_COLUMNS}`,
      ),
      viewer: db.prepare<[string], ViewerRow>(`SELECT ${VIEWER_COLUMNS} FROM chat_viewers WHERE viewer_id = ?`),
      viewers: db.prepare<[number], ViewerRow>(CHAT_QUERIES.viewers),
      moderators: db.prepare<[number], ViewerRow>(CHAT_QUERIES.moderators),
      setFlags: db.prepare(
        `UPDATE chat_viewers SET moderator = coalesce(@moderator, moderator), allow_listed = coalesce(@allowListed, allow_listed),
           timed_out_until = CASE WHEN @setTimeout THEN @timedOutUntil ELSE timed_out_until END,
           banned = coalesce(@banned, banned),
           banned_at = CASE WHEN @banned = 1 AND banned = 0 THEN @now WHEN @banned = 0 THEN NULL ELSE banned_at END
         WHERE viewer_id = @viewerId RETURNING ${VIEWER_COLUMNS}`,
      ),
      rulesOf: db.prepare<[number], { rules: string }>('SELECT rules FROM moderation_rules WHERE ifnull(show_id, 0) = ?'),
      deleteRules: db.prepare<[number]>('DELETE FROM moderation_rules WHERE ifnull(show_id, 0) = ?'),
      insertRules: db.prepare<[number | null, string, number]>('INSERT INTO moderation_rules (show_id, rules, updated_at) VALUES (?, ?, ?)'),
      config: db.prepare<[string], { value: string }>('SELECT value FROM chat_config WHERE key = ?'),
      setConfig: db.prepare<[string, string]>(
        'INSERT INTO chat_config (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
    };
    this.insertTx = db.transaction((message: ChatMessage, decision: Decision) => {
      this.s.insert.run(this.messageParams(message));
      this.recordDecision(message.id, decision);
    });
    this.updateTx = db.transaction((message: ChatMessage, decision: Decision) => {
      this.s.update.run(this.messageParams(message));
      this.recordDecision(message.id, decision);
    });
  }

  /** Stores a new message together with the decision that gave it its status. */
  insert(message: ChatMessage, decision: Decision): void {
    this.insertTx(message, decision);
  }

  /** Changes a message's status/question flag and logs the decision behind it. */
  update(message: ChatMessage, decision: Decision): void {
    this.updateTx(message, decision);
  }

  message(id: string): ChatMessage | null {
    const row = this.s.byId.get(id);
    return row ? toMessage(row) : null;
  }

  /** The show's latest messages, oldest first. */
  showLog(showId: number | null, limit: number): ChatMessage[] {
    return this.s.showLog.all(showId, limit).map(toMessage).reverse();
  }

  heldQueue(showId: number | null): ChatMessage[] {
    return this.s.held.all(showId).map(toMessage);
  }

  /** The latest approved messages, oldest first (what viewers should be seeing). */
  recentApproved(showId: number | null, limit: number): ChatMessage[] {
    return this.s.recentApproved.all(showId, limit).map(toMessage).reverse();
  }

  decisions(messageId: string): Decision[] {
    return this.s.decisions.all(messageId).map((d) => ({ ...d, reasons: JSON.parse(d.reasons) as ReasonCode[] }));
  }

  /** Records that a viewer wrote (creating it on first sight) and returns its standing. */
  sawViewer(viewerId: string, name: string, at: number): ChatViewer {
    return toViewer(this.s.seeViewer.get(viewerId, name, at)!);
  }

  viewer(viewerId: string): ChatViewer | null {
    const row = this.s.viewer.get(viewerId);
    return row ? toViewer(row) : null;
  }

  viewers(limit = 2000): ChatViewer[] {
    return this.s.viewers.all(limit).map(toViewer);
  }

  /** The chat's moderators, most recently seen first. */
  moderators(limit: number): ChatViewer[] {
    return this.s.moderators.all(limit).map(toViewer);
  }

  /** Updates the given flags; null when the viewer has never written. */
  setViewerFlags(viewerId: string, flags: ViewerFlags, now: number): ChatViewer | null {
    const row = this.s.setFlags.get({
      viewerId,
      moderator: bit(flags.moderator),
      allowListed: bit(flags.allowListed),
      setTimeout: flags.timedOutUntil !== undefined ? 1 : 0,
      timedOutUntil: flags.timedOutUntil ?? null,
      banned: bit(flags.banned),
      now,
    }) as ViewerRow | undefined;
    return row ? toViewer(row) : null;
  }

  /** The show's rules, else the default row (the rules last saved), else the built-in defaults. */
  rules(showId: number | null): ModerationRules {
    const row = (showId !== null ? this.s.rulesOf.get(showId) : undefined) ?? this.s.rulesOf.get(0);
    if (!row) return defaultModerationRules();
    const parsed = moderationRulesSchema.safeParse(JSON.parse(row.rules));
    return parsed.success ? parsed.data : defaultModerationRules();
  }

  /** Saves the show's rules and makes them the default for shows that have none yet. */
  saveRules(showId: number | null, rules: ModerationRules, now: number): void {
    const json = JSON.stringify(rules);
    this.db.transaction(() => {
      for (const id of showId === null ? [null] : [showId, null]) {
        this.s.deleteRules.run(id ?? 0);
        this.s.insertRules.run(id, json, now);
      }
    })();
  }

  /** The built-in SFU's viewer-id salt, made once and kept (stable ids keep bans working across runs). */
  viewerIdSalt(): string {
    const existing = this.s.config.get('viewer-id-salt')?.value;
    if (existing) return existing;
    const salt = crypto.randomBytes(32).toString('base64url');
    this.s.setConfig.run('viewer-id-salt', salt);
    return salt;
  }

  config(key: string): string | null {
    return this.s.config.get(key)?.value ?? null;
  }

  setConfig(key: string, value: string): void {
    this.s.setConfig.run(key, value);
  }

  private recordDecision(messageId: string, d: Decision): void {
    this.s.decision.run({ messageId, action: d.action, reasons: JSON.stringify(d.reasons), by: d.by, at: d.at, note: d.note ?? null });
  }

  private messageParams(m: ChatMessage) {
    return {
      id: m.id,
      showId: m.showId,
      viewerId: m.viewerId,
      name: m.name,
      role: m.role,
      text: m.text,
      ts: m.ts,
      status: m.status,
      reasons: JSON.stringify(m.reasons),
      question: m.question ? 1 : 0,
      decidedBy: m.decidedBy,
      decidedAt: m.decidedAt,
    };
  }
}

/**
 * Viewer chat as the studio sees it. Every message and every moderation
 * decision is kept (SQLite); viewers only ever see approved ones.
 */

export const REASON_CODES = [
  'blocked-term',
  'starter-term',
  'link',
  'caps',
  'length',
  'duplicate',
  'slow-mode',
  'rate-limit',
  'first-message',
  'banned',
  'timed-out',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export type ModerationAction = 'approve' | 'hold' | 'block';

export type ChatRole = 'viewer' | 'moderator' | 'host';

/**
 * approved: shown to viewers; held: waiting in the review queue; blocked:
 * kept in the log only; rejected: a held message a moderator turned down;
 * deleted: was shown, then removed from every viewer's screen.
 */
export type ChatMessageStatus = 'approved' | 'held' | 'blocked' | 'rejected' | 'deleted';

export interface ChatMessage {
  readonly id: string;
  readonly showId: number | null;
  /** Stable anonymous id of the viewer (null for the host). */
  readonly viewerId: string | null;
  readonly name: string;
  readonly role: ChatRole;
  /** Sanitized text (invisible/bidi characters stripped, length capped). Render as text only. */
  readonly text: string;
  /** Epoch ms, when the SFU received it. */
  readonly ts: number;
  readonly status: ChatMessageStatus;
  readonly reasons: readonly ReasonCode[];
  /** A question ("?", or opening like one: "how much…", "cuánto…", "combien…"; `looksLikeQuestion`) or marked as one by a moderator. */
  readonly question: boolean;
  /** Who decided the current status: 'auto' (the engine), 'host' or a producer console client. */
  readonly decidedBy: string | null;
  readonly decidedAt: number | null;
}

export interface ChatViewer {
  readonly viewerId: string;
  readonly name: string;
  readonly messageCount: number;
  readonly moderator: boolean;
  readonly allowListed: boolean;
  /** Epoch ms until which the viewer is timed out, or null. */
  readonly timedOutUntil: number | null;
  /** Bans are kept across shows. */
  readonly banned: boolean;
  readonly lastSeenAt: number;
}

/** The per-show chat rules; exported and imported as a JSON settings file. */
export interface ModerationRules {
  readonly blockedTerms: readonly string[];
  readonly blockedTermsAction: 'block' | 'hold';
  /** Apply the starter list of scam, slur and other-shop terms (src/shared/moderation/starter-terms.ts). */
  readonly starterList: boolean;
  readonly starterListAction: 'block' | 'hold';
  /** Starter terms the host took out. */
  readonly starterListRemoved: readonly string[];
  readonly links: 'allow' | 'hold' | 'block';
  readonly allowedDomains: readonly string[];
  readonly maxCapsRatio: number;
  readonly maxLength: number;
  readonly duplicateWindowSeconds: number;
  readonly slowModeSeconds: number;
  readonly maxMessagesPer10s: number;
  readonly holdFirstMessage: boolean;
}

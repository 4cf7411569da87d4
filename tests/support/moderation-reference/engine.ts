/**
 * The moderation engine: decides for each incoming chat message whether it
 * is shown (approve), waits for a moderator (hold) or is only logged
 * (block), and why. Pure TS, no I/O, no clock of its own: the message `ts`
 * is the time, so the CLI can replay an old log and get live decisions.
 *
 * Which messages count toward the pacing rules:
 * - rate limit and duplicates count EVERY message received from a viewer,
 *   blocked ones included: a flooder stays blocked until they stop, and
 *   repeating a blocked message does not make it new;
 * - slow mode measures the gap since the viewer's last message that got
 *   through (approved or held), so a viewer who waits the gap is never
 *   stuck, and hammering Send during the wait is blocked.
 * Hosts and moderators are not filtered and not tracked. Allow-listed
 * viewers skip every filter, but a ban or timeout still applies to them.
 * holdFirstMessage holds messages until one of the viewer's messages has
 * been approved or held: the moderator then sees it in the review queue,
 * and a viewer whose first tries were blocked spam is still "new".
 */
import { REASON_CODES, type ChatRole, type ModerationAction, type ModerationRules, type ReasonCode } from '../../../src/shared/domain/chat.js';
import { BlockedTermMatcher } from './blocked-terms.js';
import { allowedDomainOf, hasDisallowedLink } from './links.js';
import { duplicateKey, matchingForm } from './normalize.js';
import { looksLikeQuestion } from './questions.js';
import { starterListInEffect } from './starter-list.js';
import { codePointLength } from './sanitize.js';
import { FORGET_IDLE_VIEWERS_MS, REMEMBERED_TEXTS, ViewerHistories, dropOlderThan, type ViewerHistory } from './viewer-history.js';

export interface MessageToModerate {
  readonly id: string;
  readonly userId: string;
  /** Sanitized text (`sanitizeChatText`), as the SFU forwards it. */
  readonly text: string;
  /** Epoch ms when the message arrived: the engine's clock. */
  readonly ts: number;
  readonly role?: ChatRole;
}

/** What the studio knows about the viewer (from the show's viewer list). */
export interface ViewerStanding {
  readonly banned?: boolean;
  readonly timedOutUntil?: number | null;
  readonly allowListed?: boolean;
}

export interface ModerationDecision {
  readonly action: ModerationAction;
  /** Every rule that fired, in the order of REASON_CODES; empty when approved. */
  readonly reasons: ReasonCode[];
  readonly question: boolean;
}

/** Caps are judged only on messages with at least this many letters ("WOW" is fine). */
export const MIN_LETTERS_FOR_CAPS = 10;
const RATE_WINDOW_MS = 10_000;
const HOST_TERMS = 1;
const STARTER_TERMS = 2;
const SEVERITY: Readonly<Record<ModerationAction, number>> = { approve: 0, hold: 1, block: 2 };
const REASON_BIT = Object.fromEntries(REASON_CODES.map((code, i) => [code, 1 << i])) as Readonly<Record<ReasonCode, number>>;

export class ModerationEngine {
  private rules!: ModerationRules;
  /** The host's terms (list bit 1) and the starter list (bit 2), read in one pass. */
  private terms!: BlockedTermMatcher;
  private allowedDomains!: string[];
  private readonly viewers = new ViewerHistories();
  /** Last valid `ts`, used when a message carries none (NaN, Infinity). */
  private lastTs = 0;

  constructor(rules: ModerationRules) {
    this.setRules(rules);
  }

  /** Compiles the term list once; viewer histories are kept across rule changes. */
  setRules(rules: ModerationRules): void {
    this.rules = rules;
    this.terms = new BlockedTermMatcher(rules.blockedTerms, starterListInEffect(rules).terms);
    this.allowedDomains = rules.allowedDomains.map(allowedDomainOf).filter((d) => d.length > 0);
  }

  /** Forgets every viewer's history (a new show). */
  reset(): void {
    this.viewers.clear();
  }

  decide(message: MessageToModerate, viewer: ViewerStanding = {}): ModerationDecision {
    const { text } = message;
    const form = matchingForm(text);
    const question = looksLikeQuestion(text);
    if (message.role === 'host' || message.role === 'moderator') return { action: 'approve', reasons: [], question };

    const now = Number.isFinite(message.ts) ? message.ts : this.lastTs;
    this.lastTs = now;
    const rules = this.rules;
    const verdict = new Verdict();
    let history: ViewerHistory | null = null;

    if (!viewer.allowListed) {
      const lists = this.terms.matchingLists(form);
      if (lists & HOST_TERMS) verdict.fire('blocked-term', rules.blockedTermsAction);
      if (lists & STARTER_TERMS) verdict.fire('starter-term', rules.starterListAction);
      if (rules.links !== 'allow' && hasDisallowedLink(text, this.allowedDomains)) verdict.fire('link', rules.links);
      if (isShouting(text, rules.maxCapsRatio)) verdict.fire('caps', 'hold');
      if (codePointLength(text) > rules.maxLength) verdict.fire('length', 'block');
      history = this.judgePacing(message.userId, now, duplicateKey(text, form), verdict);
    }
    if (viewer.banned) verdict.fire('banned', 'block');
    if (viewer.timedOutUntil != null && now < viewer.timedOutUntil) verdict.fire('timed-out', 'block');

    // A message that got through restarts the slow-mode gap and makes the viewer known.
    if (history && verdict.action !== 'block') {
      history.lastPassedAt = now;
      history.known = true;
    }
    return { action: verdict.action, reasons: verdict.reasons(), question };
  }

  /** Duplicate, slow mode, rate limit and first message, from the viewer's history; records this message. */
  private judgePacing(userId: string, now: number, key: string, verdict: Verdict): ViewerHistory {
    const rules = this.rules;
    const duplicateMs = rules.duplicateWindowSeconds * 1000;
    const slowMs = rules.slowModeSeconds * 1000;
    const keepMs = Math.max(FORGET_IDLE_VIEWERS_MS, duplicateMs, slowMs, RATE_WINDOW_MS);
    const history = this.viewers.touch(userId, now, keepMs);
    history.lastSeenAt = now;

    if (duplicateMs > 0) {
      const texts = history.recentTexts;
      dropOlderThan(texts, now - duplicateMs, (t) => t.ts);
      for (const t of texts) {
        if (t.key === key) {
          verdict.fire('duplicate', 'block');
          break;
        }
      }
      texts.push({ key, ts: now });
      if (texts.length > REMEMBERED_TEXTS) texts.shift();
    }
    if (slowMs > 0 && history.lastPassedAt !== null && now - history.lastPassedAt < slowMs) verdict.fire('slow-mode', 'block');

    const times = history.recentTimes;
    dropOlderThan(times, now - RATE_WINDOW_MS, (t) => t);
    times.push(now);
    // Only "more than the limit" matters, so older entries beyond it need not be kept.
    if (times.length > rules.maxMessagesPer10s + 1) times.shift();
    if (times.length > rules.maxMessagesPer10s) verdict.fire('rate-limit', 'block');

    if (rules.holdFirstMessage && !history.known) verdict.fire('first-message', 'hold');
    return history;
  }
}

/** The rules that fired (one bit per reason code) and the most severe action so far. */
class Verdict {
  action: ModerationAction = 'approve';
  private fired = 0;

  fire(reason: ReasonCode, action: ModerationAction): void {
    this.fired |= REASON_BIT[reason];
    if (SEVERITY[action] > SEVERITY[this.action]) this.action = action;
  }

  /** In the fixed order of REASON_CODES. */
  reasons(): ReasonCode[] {
    if (this.fired === 0) return [];
    return REASON_CODES.filter((code) => (this.fired & REASON_BIT[code]) !== 0);
  }
}

/**
 * More than `maxRatio` of the cased letters are capitals, on a message with
 * at least MIN_LETTERS_FOR_CAPS of them. Letters without case (CJK, digits,
 * emoji) are not counted either way.
 */
export function isShouting(text: string, maxRatio: number): boolean {
  let letters = 0;
  let capitals = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x41 && c <= 0x5a) {
        letters++;
        capitals++;
      } else if (c >= 0x61 && c <= 0x7a) letters++;
      continue;
    }
    const cp = text.codePointAt(i) ?? c;
    if (cp > 0xffff) i++;
    const ch = String.fromCodePoint(cp);
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    if (lower === upper) continue;
    letters++;
    if (ch !== lower) capitals++;
  }
  return letters >= MIN_LETTERS_FOR_CAPS && capitals / letters > maxRatio;
}

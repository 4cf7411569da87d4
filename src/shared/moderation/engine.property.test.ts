/**
 * Chat text is whatever a stranger types: the engine and the sanitizer must
 * never throw on it, whatever the rules.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REASON_CODES, type ModerationRules } from '../domain/chat.js';
import { ModerationEngine } from './engine.js';
import { moderationRulesSchema } from './rules.js';
import { codePointLength, sanitizeChatText } from './sanitize.js';

/** Any string at all: astral characters, lone surrogates, controls. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  // Texts built from the characters the filters care about, so they actually fire.
  fc.array(fc.constantFrom('s', 'c', 'a', 'm', 'S', '4', '1', '$', '@', ' ', '.', '-', '\u200B', '\u202E', '?', 'x.com', 'http://', 'é', '😀', '\uD800'), { maxLength: 60 }).map((parts) => parts.join('')),
);

/** Rules anywhere in the ranges the schema accepts. */
const anyRules: fc.Arbitrary<ModerationRules> = fc
  .record({
    blockedTerms: fc.array(fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }), fc.constantFrom('scam', 'free money', 'k1ll', 'ass')), { maxLength: 30 }),
    blockedTermsAction: fc.constantFrom('block', 'hold'),
    links: fc.constantFrom('allow', 'hold', 'block'),
    allowedDomains: fc.array(fc.oneof(fc.domain(), fc.string({ unit: 'binary', minLength: 1, maxLength: 30 })), { maxLength: 5 }),
    maxCapsRatio: fc.double({ min: 0, max: 1, noNaN: true }),
    maxLength: fc.integer({ min: 1, max: 5000 }),
    duplicateWindowSeconds: fc.double({ min: 0, max: 86400, noNaN: true }),
    slowModeSeconds: fc.double({ min: 0, max: 86400, noNaN: true }),
    maxMessagesPer10s: fc.integer({ min: 1, max: 1000 }),
    holdFirstMessage: fc.boolean(),
  })
  // Through the real schema, so terms and domains are trimmed/lowercased as a loaded file would be.
  .filter((raw) => moderationRulesSchema.safeParse(raw).success)
  .map((raw) => moderationRulesSchema.parse(raw));

const anyMessage = fc.record({
  id: fc.string(),
  userId: fc.constantFrom('a', 'b', 'c', ''),
  text: anyText,
  ts: fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1)),
  role: fc.constantFrom('viewer', 'moderator', 'host'),
});
const anyStanding = fc.record(
  { banned: fc.boolean(), timedOutUntil: fc.option(fc.integer()), allowListed: fc.boolean() },
  { requiredKeys: [] },
);

describe('never throws on arbitrary input', () => {
  it('decide() returns a valid decision for any messages under any rules', () => {
    fc.assert(
      fc.property(anyRules, fc.array(fc.tuple(anyMessage, anyStanding), { minLength: 1, maxLength: 20 }), (rules, messages) => {
        const engine = new ModerationEngine(rules);
        for (const [message, standing] of messages) {
          const d = engine.decide(message, standing);
          expect(['approve', 'hold', 'block']).toContain(d.action);
          expect(typeof d.question).toBe('boolean');
          const order = d.reasons.map((r) => REASON_CODES.indexOf(r));
          expect(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1]!))).toBe(true);
          // Every reason holds or blocks, so a message is approved exactly when nothing fired.
          expect(d.action === 'approve').toBe(d.reasons.length === 0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('sanitize is idempotent, never longer than the cap, and leaves no invisible or control characters', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 0, max: 600 }), (text, cap) => {
        const once = sanitizeChatText(text, cap);
        expect(sanitizeChatText(once, cap)).toBe(once);
        expect(codePointLength(once)).toBeLessThanOrEqual(cap);
        expect(once).not.toMatch(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]|\s\s|^\s|\s$/u);
      }),
      { numRuns: 2000 },
    );
  });
});

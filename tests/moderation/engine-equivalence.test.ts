/**
 * Speed must not cost a single decision: the engine and the text functions
 * it is built from give exactly what the reference implementation (the
 * engine as it was before issue 20, kept in tests/support/moderation-reference)
 * gives, over a large generated chat full of evasions and over arbitrary
 * text and rules.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ModerationRules } from '../../src/shared/domain/chat.js';
import * as referenceTerms from '../support/moderation-reference/blocked-terms.js';
import * as referenceEngine from '../support/moderation-reference/engine.js';
import * as referenceLinks from '../support/moderation-reference/links.js';
import * as referenceNormalize from '../support/moderation-reference/normalize.js';
import * as referenceQuestions from '../support/moderation-reference/questions.js';
import * as referenceSanitize from '../support/moderation-reference/sanitize.js';
import { BlockedTermMatcher } from '../../src/shared/moderation/blocked-terms.js';
import { ModerationEngine, isShouting, type MessageToModerate, type ViewerStanding } from '../../src/shared/moderation/engine.js';
import { findLinkHosts } from '../../src/shared/moderation/links.js';
import { duplicateKey, duplicateKeyOfFolded, foldText, matchingForm, normalizeForMatching } from '../../src/shared/moderation/normalize.js';
import { looksLikeQuestion } from '../../src/shared/moderation/questions.js';
import { moderationRulesSchema } from '../../src/shared/moderation/rules.js';
import { codePointLength, sanitizeChatText } from '../../src/shared/moderation/sanitize.js';
import { STARTER_TERMS } from '../../src/shared/moderation/starter-terms.js';

/** Deterministic, so a failure names a message that fails again. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'pe', 'zu', 'bra', 'sko', 'tri', 'il', 'ss'];
const HOST_TERMS = ['scam', 'free money', 'crypto giveaway', 'click here', 'dm me', 'idiot', 'loser', 'fake', 'stupid', 'ripoff', 'k1ll', 'ass', 'too', 'Crème', 'ñoño', 'ΣΟΦΙΑ', 'mi11ion', '$$$', 'a b c'];
const CHAT = [
  'What sizes do you have?', 'how much is shipping to Canada', 'is the blue one still in stock?', 'does it come in black', 'price for two?',
  'Do you ship to the UK?', 'what is the return policy', 'love this!!', 'So pretty 😍', 'just joined, hi everyone', 'that color is gorgeous',
  'I bought one last week and it fits perfectly', 'wow', 'Scampi for dinner after the show lol', 'my sister needs this', 'Très jolie 👍🏽',
  'the assistant is so helpful', 'cuánto cuesta', 'vous avez du M', "c'est combien", '¿lo tienen en rojo', 'how cute is that', 'what a deal!',
  "can't wait for mine", 'hi how much', '@anna how much', 'price pls', 'great price', 'link?', 'see myshop.example/p?variant=12 for mine',
  'THIS IS THE BEST SHOW EVER', 'OMG I NEED THIS NOW', 'ÇA VA ÊTRE GÉNIAL', 'size 4?', 'size 44?', 'sooo cute', 'SOOOO CUTE!!!', '🔥🔥', '!!! ???', '',
  'check www.cheap-bags.net', 'https://eu.myshop.com/p/42 is the one', 'go to deals.example.com', 'example . com has it cheaper', 'bit.ly/x',
  'example(dot)com', 'example dot com', 'shop [.] com', 'ｂｉｔ．ｌｙ', 'bit。ly', 'myshор.com', 'notmyshop.com', 'http://localhost:3000/x', '1.2.3.4',
  'e.g. 5.99 size.Medium wait...what', 'mail me at a@b.co', 'www.x', 'hi - how much', 'so, is it cotton', 'y el azul cuánto cuesta', 'il reste combien',
  'wish.com', 'etsy', 'my shop', 'link in bio', 'follow me', 'temu', 'dinero fácil', 'vous avez gagné', 'this is a s c a m', 's c a m i think',
];
/** Characters evasions and the rules care about. */
const ODD = [
  '\u200B', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u202E', '\u2066', '\u0301', '\u0308', '\u0327', '\u0336', 'ſ', 'ｓ', '𝐬', '𝒮', 'ℍ', 'İ', 'ı', 'Σ', 'σ', 'ς',
  'ß', 'ẞ', 'ﬁ', 'Ⅻ', '①', '²', '½', 'ǅ', 'ǈ', 'Ω', 'K', 'Å', 'ϑ', 'ϒ', 'ΐ', 'ѐ', 'Ѐ', 'ї', 'й', '가', '각', 'ᄀ', 'ᅡ', '\u3164', '😀', '👍🏽', '🇫🇷', '\uD800', '\uDC00',
  'ℹ', '©', '\t', '\n', '\r', '\u2028', '\u00A0', '\u3000', '\u0000', '\u007F', '\u0085', '？', '¿', '؟', '。', '．', '…', '«', '“', '—', '–', '@', '$', '1', '0', '3', '4', '5', '7',
  'а', 'е', 'о', 'р', 'с', 'ѕ', 'і', 'α', 'ο', 'ρ', 'ι', 'ɑ', 'ɡ', 'Ａ', 'ｍ', 'é', 'É', 'ñ', 'ç', 'ø', 'Ø', 'æ', 'đ', 'ł', 'ŀ', 'ĳ', 'ǆ', '١', '٣', '𝟘', '٫',
];
const SEPARATORS = [' ', ' ', ' ', '  ', '.', '-', '_', '*', ' . ', ', ', '! ', '? ', '/', ':', "'", '\u200B', ' - ', '...'];
const LEET: Readonly<Record<string, readonly string[]>> = { a: ['4', '@', 'а', 'α'], e: ['3', 'е', 'é'], i: ['1', 'і', '!'], o: ['0', 'о', 'ο'], s: ['5', '$', 'ѕ', 'ſ'], t: ['7'], l: ['1'], c: ['с'] };

/** A term as a viewer might dodge the filter with it. */
function evade(rnd: () => number, term: string): string {
  let out = '';
  const spaced = rnd() < 0.2 ? pick(rnd, [' ', '.', '-', '_', ' . ', '*', '  ', '\u200B']) : '';
  for (const c of term) {
    let ch = c;
    const r = rnd();
    if (r < 0.15 && LEET[c.toLowerCase()]) ch = pick(rnd, LEET[c.toLowerCase()]!);
    else if (r < 0.25) ch = c.toUpperCase();
    else if (r < 0.3) ch = c + '\u0301';
    if (rnd() < 0.1) ch = ch.repeat(2 + Math.floor(rnd() * 3));
    if (rnd() < 0.03) ch = String.fromCodePoint(0xff41 + (c.charCodeAt(0) - 0x61)); // full width (or odd for non-letters)
    out += out === '' ? ch : spaced + ch;
  }
  return out;
}

function token(rnd: () => number, terms: readonly string[]): string {
  const r = rnd();
  if (r < 0.08) return evade(rnd, pick(rnd, terms));
  if (r < 0.11) return evade(rnd, pick(rnd, STARTER_TERMS));
  if (r < 0.6) return pick(rnd, CHAT);
  if (r < 0.72) return pick(rnd, ODD);
  if (r < 0.8) return String(Math.floor(rnd() * 2000));
  if (r < 0.93) return pick(rnd, SYLLABLES) + pick(rnd, SYLLABLES);
  return evade(rnd, pick(rnd, CHAT));
}

function text(rnd: () => number, terms: readonly string[]): string {
  const n = 1 + Math.floor(rnd() * (rnd() < 0.05 ? 80 : 4));
  let out = rnd() < 0.05 ? pick(rnd, SEPARATORS) : '';
  for (let i = 0; i < n; i++) out += (i > 0 ? pick(rnd, SEPARATORS) : '') + token(rnd, terms);
  return rnd() < 0.1 ? out.toUpperCase() : out;
}

function blockedTerms(rnd: () => number, count: number): string[] {
  const terms = new Set(HOST_TERMS);
  while (terms.size < count) {
    const n = 1 + Math.floor(rnd() * 3);
    let word = '';
    for (let i = 0; i < n; i++) word += pick(rnd, SYLLABLES);
    terms.add(rnd() < 0.15 ? `${word} ${pick(rnd, SYLLABLES)}x` : word);
  }
  return [...terms];
}

interface Step {
  readonly message: MessageToModerate;
  readonly standing: ViewerStanding;
}

function chat(seed: number, count: number, terms: readonly string[]): Step[] {
  const rnd = random(seed);
  const steps: Step[] = [];
  const sent: string[] = [];
  let ts = 1_700_000_000_000;
  for (let i = 0; i < count; i++) {
    ts += Math.floor(rnd() * (rnd() < 0.01 ? 60_000 : 400));
    const r = rnd();
    const standing: ViewerStanding = r < 0.02 ? { banned: true } : r < 0.04 ? { timedOutUntil: ts + 1000 } : r < 0.06 ? { allowListed: true } : {};
    // Some say again what was said lately, shouted, stretched or as it was (duplicates).
    const again = sent.length > 0 && rnd() < 0.2 ? sent[sent.length - 1 - Math.floor(rnd() * Math.min(sent.length, 40))]! : null;
    const said = again === null ? text(rnd, terms) : pick(rnd, [again, again.toUpperCase(), `${again}!!`, again.replace(/o/g, 'ooo'), ` ${again}`]);
    sent.push(said);
    const role = rnd() < 0.02 ? pick(rnd, ['host', 'moderator', 'viewer'] as const) : undefined;
    steps.push({
      message: {
        id: String(i),
        userId: again !== null || rnd() < 0.3 ? `busy-${Math.floor(rnd() * 5)}` : `viewer-${Math.floor(rnd() * 300)}`,
        text: said,
        ts: rnd() < 0.005 ? Number.NaN : ts,
        ...(role ? { role } : {}),
      },
      standing,
    });
  }
  return steps;
}

const base: ModerationRules = {
  blockedTerms: [],
  blockedTermsAction: 'block',
  starterList: true,
  starterListAction: 'hold',
  starterListRemoved: [],
  links: 'hold',
  allowedDomains: ['myshop.com'],
  maxCapsRatio: 0.7,
  maxLength: 300,
  duplicateWindowSeconds: 30,
  slowModeSeconds: 2,
  maxMessagesPer10s: 5,
  holdFirstMessage: true,
};

const RULE_SETS: readonly (readonly [string, (terms: string[]) => ModerationRules])[] = [
  ['every rule on, as the benchmark', (terms) => ({ ...base, blockedTerms: terms })],
  [
    'other actions, starter terms removed and spared, no pacing',
    (terms) => ({
      ...base,
      blockedTerms: terms.slice(0, 40),
      blockedTermsAction: 'hold',
      starterListAction: 'block',
      starterListRemoved: ['SCAM', 'fraud', 'maricon'],
      links: 'block',
      allowedDomains: ['https://janes.etsy.com/', '*.myshop.com', 'bit.ly'],
      maxCapsRatio: 0.3,
      maxLength: 40,
      duplicateWindowSeconds: 0,
      slowModeSeconds: 0,
      maxMessagesPer10s: 1000,
      holdFirstMessage: false,
    }),
  ],
  ['starter list off, links allowed, long windows', (terms) => ({ ...base, blockedTerms: terms, starterList: false, links: 'allow', duplicateWindowSeconds: 3600, slowModeSeconds: 10, maxMessagesPer10s: 2 })],
  ['no terms at all', () => ({ ...base, blockedTerms: [], starterList: false })],
];

function decisions(engine: { decide(m: MessageToModerate, v?: ViewerStanding): unknown }, steps: readonly Step[], sanitize: (text: string) => string): unknown[] {
  return steps.map(({ message, standing }) => engine.decide({ ...message, text: sanitize(message.text) }, standing));
}

/** Compares in chunks so a failure prints the first messages that differ, not 20,000 decisions. */
function expectSameDecisions(steps: readonly Step[], actual: readonly unknown[], expected: readonly unknown[]): void {
  for (let i = 0; i < steps.length; i++) {
    if (JSON.stringify(actual[i]) !== JSON.stringify(expected[i])) {
      expect({ message: steps[i]!.message, standing: steps[i]!.standing, decision: actual[i] }).toEqual({ message: steps[i]!.message, standing: steps[i]!.standing, decision: expected[i] });
    }
  }
}

describe('the engine decides exactly as the reference implementation', () => {
  const terms = blockedTerms(random(7), 500);

  it.each(RULE_SETS.map(([name, make], i) => [name, make, i] as const))('%s: 10,000 generated messages, as sent and sanitized', (_name, make, i) => {
    const rules = make(terms);
    const steps = chat(100 + i, 10_000, terms);
    for (const sanitize of [(t: string) => t, sanitizeChatText]) {
      const actual = decisions(new ModerationEngine(rules), steps, sanitize);
      const expected = decisions(new referenceEngine.ModerationEngine(rules), steps, sanitize);
      expectSameDecisions(steps, actual, expected);
    }
  });

  it('keeps deciding the same after the rules change mid-show', () => {
    const steps = chat(9, 6000, terms);
    const engine = new ModerationEngine(RULE_SETS[0]![1](terms));
    const reference = new referenceEngine.ModerationEngine(RULE_SETS[0]![1](terms));
    const actual: unknown[] = [];
    const expected: unknown[] = [];
    steps.forEach(({ message, standing }, k) => {
      if (k % 1500 === 0) {
        const rules = RULE_SETS[(k / 1500) % RULE_SETS.length]![1](terms);
        engine.setRules(rules);
        reference.setRules(rules);
      }
      if (k === 4000) {
        engine.reset();
        reference.reset();
      }
      actual.push(engine.decide(message, standing));
      expected.push(reference.decide(message, standing));
    });
    expectSameDecisions(steps, actual, expected);
  });

  it('the text functions agree on every generated message', () => {
    const matcher = new BlockedTermMatcher(terms, STARTER_TERMS);
    const referenceMatcher = new referenceTerms.BlockedTermMatcher(terms, STARTER_TERMS);
    for (const { message } of chat(3, 10_000, terms)) {
      const t = message.text;
      expect(foldText(t), t).toBe(referenceNormalize.foldText(t));
      expect(matchingForm(t), t).toEqual(referenceNormalize.matchingForm(t));
      expect(duplicateKey(t), t).toBe(referenceNormalize.duplicateKey(t));
      expect(normalizeForMatching(t), t).toBe(referenceNormalize.normalizeForMatching(t));
      const lists = referenceMatcher.matchingLists(referenceNormalize.matchingForm(t));
      expect(matcher.matchingLists(matchingForm(t)), t).toBe(lists);
      expect(matcher.matchingListsOfFolded(foldText(t)), t).toBe(lists);
      expect(duplicateKeyOfFolded(t, foldText(t)), t).toBe(referenceNormalize.duplicateKey(t));
      expect(looksLikeQuestion(t), t).toBe(referenceQuestions.looksLikeQuestion(t));
      expect(findLinkHosts(t), t).toEqual(referenceLinks.findLinkHosts(t));
      expect(isShouting(t, 0.7), t).toBe(referenceEngine.isShouting(t, 0.7));
      expect(codePointLength(t), t).toBe(referenceSanitize.codePointLength(t));
      expect(sanitizeChatText(t), t).toBe(referenceSanitize.sanitizeChatText(t));
    }
  });
});

/** Any string at all: astral characters, lone surrogates, controls. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.array(fc.constantFrom(...ODD, ...SEPARATORS, 's', 'c', 'a', 'm', 'S', 'k', 'l', 'x.com', 'http://', 'how', 'much', 'free', 'money', 'scam', 'dot'), { maxLength: 40 }).map((parts) => parts.join('')),
);

const anyRules: fc.Arbitrary<ModerationRules> = fc
  .record({
    blockedTerms: fc.array(fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }), anyText.filter((t) => t.trim().length > 0 && t.length <= 100), fc.constantFrom(...HOST_TERMS)), { maxLength: 30 }),
    blockedTermsAction: fc.constantFrom('block', 'hold'),
    starterList: fc.boolean(),
    starterListAction: fc.constantFrom('block', 'hold'),
    starterListRemoved: fc.array(fc.constantFrom('scam', 'SCAM', 'Maricon', 'etsy', 'temu', 'free money'), { maxLength: 3 }),
    links: fc.constantFrom('allow', 'hold', 'block'),
    allowedDomains: fc.array(fc.oneof(fc.domain(), fc.constantFrom('etsy.com', 'myshop.com', 'janes.etsy.com')), { maxLength: 4 }),
    maxCapsRatio: fc.double({ min: 0, max: 1, noNaN: true }),
    maxLength: fc.integer({ min: 1, max: 400 }),
    duplicateWindowSeconds: fc.double({ min: 0, max: 100, noNaN: true }),
    slowModeSeconds: fc.double({ min: 0, max: 100, noNaN: true }),
    maxMessagesPer10s: fc.integer({ min: 1, max: 10 }),
    holdFirstMessage: fc.boolean(),
  })
  .filter((raw) => moderationRulesSchema.safeParse(raw).success)
  .map((raw) => moderationRulesSchema.parse(raw));

const anyStep = fc.record({
  message: fc.record({
    id: fc.string(),
    userId: fc.constantFrom('a', 'b', 'c', ''),
    text: anyText,
    ts: fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1)),
    role: fc.constantFrom('viewer', 'moderator', 'host'),
  }),
  standing: fc.record({ banned: fc.boolean(), timedOutUntil: fc.option(fc.integer()), allowListed: fc.boolean() }, { requiredKeys: [] }),
});

describe('the engine decides exactly as the reference implementation on arbitrary input', () => {
  const someTerms = [...HOST_TERMS, ...blockedTerms(random(5), 200), 'a', 'l', 'o', '22', '2', 'ii', 'x.com', '𝐬cam', 'ѕсаm', 'scäm'];
  const termsMatcher = new BlockedTermMatcher(someTerms, STARTER_TERMS);
  const referenceTermsMatcher = new referenceTerms.BlockedTermMatcher(someTerms, STARTER_TERMS);

  it('any messages under any rules', () => {
    fc.assert(
      fc.property(anyRules, fc.array(anyStep, { minLength: 1, maxLength: 30 }), (rules, steps) => {
        const engine = new ModerationEngine(rules);
        const reference = new referenceEngine.ModerationEngine(rules);
        for (const { message, standing } of steps) expect(engine.decide(message, standing)).toEqual(reference.decide(message, standing));
      }),
      { numRuns: 500 },
    );
  });

  it('any text through each text function', () => {
    fc.assert(
      fc.property(anyText, (t) => {
        expect(matchingForm(t)).toEqual(referenceNormalize.matchingForm(t));
        expect(duplicateKey(t)).toBe(referenceNormalize.duplicateKey(t));
        expect(duplicateKeyOfFolded(t, foldText(t))).toBe(referenceNormalize.duplicateKey(t));
        expect(termsMatcher.matchingListsOfFolded(foldText(t))).toBe(referenceTermsMatcher.matchingLists(referenceNormalize.matchingForm(t)));
        expect(looksLikeQuestion(t)).toBe(referenceQuestions.looksLikeQuestion(t));
        expect(findLinkHosts(t)).toEqual(referenceLinks.findLinkHosts(t));
        expect(isShouting(t, 0.5)).toBe(referenceEngine.isShouting(t, 0.5));
        expect(sanitizeChatText(t)).toBe(referenceSanitize.sanitizeChatText(t));
      }),
      { numRuns: 3000 },
    );
  });
});

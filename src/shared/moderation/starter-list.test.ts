import { describe, expect, it } from 'vitest';
import type { ModerationRules } from '../domain/chat.js';
import { ModerationEngine } from './engine.js';
import { normalizeForMatching } from './normalize.js';
import { defaultModerationRules, moderationRulesSchema } from './rules.js';
import { starterListInEffect } from './starter-list.js';
import { STARTER_CATEGORIES, STARTER_TERMS } from './starter-terms.js';

/** A new show's rules with the pacing rules out of the way (each message is judged on its words). */
const newShow = (over: Partial<ModerationRules> = {}): ModerationRules => ({
  ...defaultModerationRules(),
  duplicateWindowSeconds: 0,
  maxMessagesPer10s: 1000,
  ...over,
});

let seq = 0;
const decide = (rules: ModerationRules, text: string) => new ModerationEngine(rules).decide({ id: `m${++seq}`, userId: `v${seq}`, text, ts: 1_000 });

describe('the starter list on a new show', () => {
  it('is on and holds for review, with nothing removed', () => {
    expect(defaultModerationRules()).toMatchObject({ blockedTerms: [], starterList: true, starterListAction: 'hold', starterListRemoved: [] });
  });

  it.each([
    // scams, with the evasions the host's own terms see through
    'this is a s c a m',
    'total sc4m',
    'SCAAAAM',
    's\u200Bc\u200Ba\u200Bm',
    'ѕсаm', // Cyrillic look-alikes
    'get fr33 m0ney here',
    'es una estafa',
    "c'est une arnaque",
    'vous avez gagné un iPhone',
    // slurs
    'you are a r3tard',
    'f a g g o t',
    'maricón',
    'pédé',
    // other shops and self-promotion
    'way cheaper on temu, search bag 123',
    'shop at my store instead',
    'https://www.amazon.com/dp/B0ABC',
    'same one on s.click.aliexpress.com for $3',
    'visita mi tienda',
    'lien dans ma bio, ma boutique a les mêmes',
  ])('holds %j', (text) => {
    expect(decide(newShow(), text)).toMatchObject({ action: 'hold', reasons: expect.arrayContaining(['starter-term']) });
  });

  it.each([
    // Scunthorpe-style: a listed word inside an innocent one
    'scampi tonight',
    'my dog is a little scamp',
    'greetings from Scunthorpe',
    'my amazonite ring',
    'tengo una computadora nueva',
    "j'adore la salopette",
    'une dispute hier',
    // what buyers say that a looser list would hold
    'sizes and whatnot',
    'can I use my store credit',
    'how do I check out my cart',
    'il est très réputé',
    'spicy colour',
    'flame retardant fabric',
    'my therapist loves this',
    'la estafeta de correos',
    'balade pédestre',
    // ordinary chat about buying
    'is this legit?',
    'I wish it came in blue',
    'so cute, I bought two',
    'shipping was fast',
  ])('lets %j through', (text) => {
    expect(decide(newShow(), text)).toMatchObject({ action: 'approve', reasons: [] });
  });

  it('every term catches itself, and no two terms are the same word', () => {
    const engine = new ModerationEngine(newShow());
    for (const term of STARTER_TERMS) expect(engine.decide({ id: term, userId: term, text: term, ts: 1 }).reasons, term).toContain('starter-term');
    const folded = STARTER_TERMS.map(normalizeForMatching);
    expect(new Set(folded).size).toBe(folded.length);
    for (const category of STARTER_CATEGORIES) {
      for (const list of Object.values(category.terms)) expect(list.length, `${category.id}`).toBeGreaterThan(4);
    }
  });
});

describe('the host edits the starter list', () => {
  it('blocks instead of holding when asked', () => {
    expect(decide(newShow({ starterListAction: 'block' }), 'total sc4m')).toMatchObject({ action: 'block', reasons: ['starter-term'] });
  });

  it('turned off, it catches nothing; the host’s own terms still do', () => {
    const off = newShow({ starterList: false, blockedTerms: ['knockoff'] });
    expect(decide(off, 'this is a s c a m')).toMatchObject({ action: 'approve', reasons: [] });
    expect(decide(off, 'a knock0ff')).toMatchObject({ action: 'block', reasons: ['blocked-term'] });
    expect(starterListInEffect(off)).toEqual({ terms: [], spared: [] });
  });

  it('a removed term stops counting, compared folded; the rest still hold', () => {
    const rules = newShow({ starterListRemoved: ['SCAM', 'maricon', 'Amazon'] });
    expect(decide(rules, 'this is a s c a m')).toMatchObject({ action: 'approve' });
    expect(decide(rules, 'maricón')).toMatchObject({ action: 'approve' });
    expect(decide(rules, 'got mine on amazon')).toMatchObject({ action: 'approve' });
    expect(decide(rules, 'scammer!')).toMatchObject({ action: 'hold', reasons: ['starter-term'] });
    expect(starterListInEffect(rules).terms).toHaveLength(STARTER_TERMS.length - 3);
  });

  it('reports both lists when a message has the host’s term and a starter term; the more severe action wins', () => {
    const rules = newShow({ blockedTerms: ['scam'] });
    expect(decide(rules, 'scam')).toMatchObject({ action: 'block', reasons: ['blocked-term', 'starter-term'] });
  });
});

describe('the host’s own store is never held by the starter list', () => {
  it('a starter term naming an allowed domain is not applied, and the store’s links go through', () => {
    const rules = newShow({ allowedDomains: ['janes.etsy.com', 'https://MyShop.com/'] });
    expect(starterListInEffect(rules).spared).toEqual([
      { term: 'etsy', domain: 'janes.etsy.com' },
      { term: 'my shop', domain: 'https://MyShop.com/' },
    ]);
    expect(decide(rules, 'it is on janes.etsy.com/listing/42')).toMatchObject({ action: 'approve', reasons: [] });
    expect(decide(rules, 'https://myshop.com/p/7 has it')).toMatchObject({ action: 'approve', reasons: [] });
    // Other shops still wait: their links under the links rule, their names under the starter list.
    expect(decide(rules, 'bob.etsy.com is cheaper')).toMatchObject({ action: 'hold', reasons: ['link'] });
    expect(decide(rules, 'cheaper on temu')).toMatchObject({ action: 'hold', reasons: ['starter-term'] });
  });

  it('with links allowed, another shop’s link is still held by name', () => {
    const rules = newShow({ links: 'allow', allowedDomains: ['myshop.com'] });
    expect(decide(rules, 'temu.com/k/bag123')).toMatchObject({ action: 'hold', reasons: ['starter-term'] });
    expect(decide(rules, 'myshop.com/bag')).toMatchObject({ action: 'approve' });
  });
});

describe('rules saved before the starter list', () => {
  it('load with the starter list on, holding, nothing removed', () => {
    const before = {
      blockedTerms: ['scam'],
      blockedTermsAction: 'block',
      links: 'hold',
      allowedDomains: ['myshop.com'],
      maxCapsRatio: 0.7,
      maxLength: 120,
      duplicateWindowSeconds: 30,
      slowModeSeconds: 0,
      maxMessagesPer10s: 3,
      holdFirstMessage: false,
    };
    expect(moderationRulesSchema.parse(before)).toEqual({ ...before, starterList: true, starterListAction: 'hold', starterListRemoved: [] });
  });

  it('refuse a removed-terms list that is not a list of words', () => {
    expect(moderationRulesSchema.safeParse({ starterListRemoved: 'scam' }).success).toBe(false);
    expect(moderationRulesSchema.safeParse({ starterListRemoved: [''] }).success).toBe(false);
    expect(moderationRulesSchema.safeParse({ starterList: 'yes' }).success).toBe(false);
  });
});

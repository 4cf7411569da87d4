import { describe, expect, it } from 'vitest';
import type { ModerationRules } from '../domain/chat.js';
import { ModerationEngine, type MessageToModerate, type ViewerStanding } from './engine.js';
import { defaultModerationRules } from './rules.js';

/** Rules with every pacing rule and the starter list off, so each test turns on only what it checks. */
const quiet = (over: Partial<ModerationRules> = {}): ModerationRules => ({
  ...defaultModerationRules(),
  starterList: false,
  links: 'allow',
  maxCapsRatio: 1,
  duplicateWindowSeconds: 0,
  maxMessagesPer10s: 1000,
  ...over,
});

let seq = 0;
const msg = (text: string, over: Partial<MessageToModerate> = {}): MessageToModerate => ({ id: `m${++seq}`, userId: 'viewer-1', text, ts: 1_000_000, ...over });
const decideOne = (rules: ModerationRules, text: string, viewer?: ViewerStanding) => new ModerationEngine(rules).decide(msg(text), viewer);

describe('ModerationEngine: content rules', () => {
  it('approves ordinary chat with no reasons', () => {
    expect(decideOne(quiet(), 'love this color')).toEqual({ action: 'approve', reasons: [], question: false });
    expect(decideOne(quiet(), 'what colors do you have')).toEqual({ action: 'approve', reasons: [], question: true });
    expect(decideOne(quiet(), 'does it run small')).toEqual({ action: 'approve', reasons: [], question: true });
  });

  it('blocks or holds blocked terms per blockedTermsAction', () => {
    expect(decideOne(quiet({ blockedTerms: ['scam'] }), 'total sc4m')).toMatchObject({ action: 'block', reasons: ['blocked-term'] });
    const held = decideOne(quiet({ blockedTerms: ['scam'], blockedTermsAction: 'hold' }), 's c a m');
    expect(held).toMatchObject({ action: 'hold', reasons: ['blocked-term'] });
    expect(decideOne(quiet({ blockedTerms: ['scam'] }), 'scampi!')).toMatchObject({ action: 'approve', reasons: [] });
  });

  it('handles links per the links setting, always allowing allowed domains and subdomains', () => {
    const link = 'deal at bit.ly/x';
    expect(decideOne(quiet({ links: 'hold' }), link)).toMatchObject({ action: 'hold', reasons: ['link'] });
    expect(decideOne(quiet({ links: 'block' }), link)).toMatchObject({ action: 'block', reasons: ['link'] });
    expect(decideOne(quiet({ links: 'allow' }), link)).toMatchObject({ action: 'approve', reasons: [] });
    const shop = quiet({ links: 'block', allowedDomains: ['myshop.com'] });
    expect(decideOne(shop, 'https://eu.myshop.com/p/42')).toMatchObject({ action: 'approve', reasons: [] });
    expect(decideOne(shop, 'https://myshop.com.evil.io')).toMatchObject({ action: 'block', reasons: ['link'] });
  });

  it('holds shouting, judged only with at least 10 letters', () => {
    const rules = quiet({ maxCapsRatio: 0.7 });
    expect(decideOne(rules, 'THIS IS AMAZING')).toMatchObject({ action: 'hold', reasons: ['caps'] });
    expect(decideOne(rules, 'WOW')).toMatchObject({ action: 'approve', reasons: [] });
    expect(decideOne(rules, 'I love this!')).toMatchObject({ action: 'approve' });
    expect(decideOne(rules, 'OMG 😍😍 SO CUTE!!! 100%')).toMatchObject({ action: 'approve' }); // 9 letters
    expect(decideOne(rules, 'Love the NEW Spring Collection')).toMatchObject({ action: 'approve' });
  });

  it('blocks messages longer than maxLength, counting code points', () => {
    const rules = quiet({ maxLength: 5 });
    expect(decideOne(rules, '😀😀😀😀😀')).toMatchObject({ action: 'approve' });
    expect(decideOne(rules, 'sixsix')).toMatchObject({ action: 'block', reasons: ['length'] });
  });

  it('lists every rule that fired in REASON_CODES order, with the most severe action', () => {
    const rules = quiet({ blockedTerms: ['scam'], blockedTermsAction: 'hold', links: 'hold', maxCapsRatio: 0.5, maxLength: 20 });
    const d = decideOne(rules, 'SCAM SCAM AT SCAM.EXAMPLE.COM', { banned: true });
    expect(d).toEqual({ action: 'block', reasons: ['blocked-term', 'link', 'caps', 'length', 'banned'], question: false });
  });
});

describe('ModerationEngine: pacing rules (ts is the clock)', () => {
  it('blocks the same text from the same viewer within the duplicate window', () => {
    const engine = new ModerationEngine(quiet({ duplicateWindowSeconds: 30 }));
    expect(engine.decide(msg('Hello!', { ts: 0 })).action).toBe('approve');
    expect(engine.decide(msg('HELLOOO', { ts: 10_000 }))).toMatchObject({ action: 'block', reasons: ['duplicate'] });
    expect(engine.decide(msg('hello', { ts: 10_000, userId: 'viewer-2' })).action).toBe('approve');
    // 30 s after the last copy (the blocked one counts too)
    expect(engine.decide(msg('hello', { ts: 39_000 })).action).toBe('block');
    expect(engine.decide(msg('hello', { ts: 69_001 })).action).toBe('approve');
  });

  it('enforces the slow-mode gap from the last message that got through', () => {
    const engine = new ModerationEngine(quiet({ slowModeSeconds: 5 }));
    expect(engine.decide(msg('one', { ts: 0 })).action).toBe('approve');
    expect(engine.decide(msg('two', { ts: 3_000 }))).toMatchObject({ action: 'block', reasons: ['slow-mode'] });
    expect(engine.decide(msg('three', { ts: 5_000 })).action).toBe('approve');
  });

  it('blocks more than maxMessagesPer10s in a sliding 10 s window, counting blocked messages', () => {
    const engine = new ModerationEngine(quiet({ maxMessagesPer10s: 3 }));
    const actions = [0, 1_000, 2_000, 3_000, 9_000, 11_000, 13_500].map((ts, i) => engine.decide(msg(`m ${i}`, { ts })).action);
    // At 11 s the window (1 s, 11 s] holds 2, 3 and 9 s (blocked ones count); at 13.5 s only 9 and 11 s.
    expect(actions).toEqual(['approve', 'approve', 'approve', 'block', 'block', 'block', 'approve']);
    expect(engine.decide(msg('x', { ts: 13_000, userId: 'other' })).reasons).toEqual([]);
  });

  it('holds a viewer\'s first message when holdFirstMessage is on', () => {
    const engine = new ModerationEngine(quiet({ holdFirstMessage: true }));
    expect(engine.decide(msg('hi all', { ts: 0 }))).toMatchObject({ action: 'hold', reasons: ['first-message'] });
    expect(engine.decide(msg('second', { ts: 1_000 })).action).toBe('approve');
    expect(engine.decide(msg('hi', { ts: 1_000, userId: 'newcomer' })).reasons).toEqual(['first-message']);
  });
});

describe('ModerationEngine: standing and roles', () => {
  it('blocks banned and timed-out viewers, and lets a timeout expire', () => {
    expect(decideOne(quiet(), 'hi', { banned: true })).toMatchObject({ action: 'block', reasons: ['banned'] });
    expect(decideOne(quiet(), 'hi', { timedOutUntil: 1_000_001 })).toMatchObject({ action: 'block', reasons: ['timed-out'] });
    expect(decideOne(quiet(), 'hi', { timedOutUntil: 1_000_000 })).toMatchObject({ action: 'approve' });
    expect(decideOne(quiet(), 'hi', { timedOutUntil: null })).toMatchObject({ action: 'approve' });
  });

  it('lets hosts, moderators and allow-listed viewers bypass the filters', () => {
    const strict = quiet({ blockedTerms: ['scam'], links: 'block', maxLength: 5, holdFirstMessage: true, maxMessagesPer10s: 1 });
    const engine = new ModerationEngine(strict);
    for (const role of ['host', 'moderator'] as const) {
      expect(engine.decide(msg('scam link bit.ly/x', { role }))).toMatchObject({ action: 'approve', reasons: [] });
    }
    expect(engine.decide(msg('scam link bit.ly/x'), { allowListed: true })).toMatchObject({ action: 'approve', reasons: [] });
    expect(engine.decide(msg('scam link bit.ly/x'), { allowListed: true })).toMatchObject({ action: 'approve', reasons: [] });
    // A ban is a moderator's decision, not a filter: it still applies.
    expect(engine.decide(msg('hi'), { allowListed: true, banned: true }).action).toBe('block');
  });

  it('marks questions for everyone', () => {
    const engine = new ModerationEngine(quiet());
    expect(engine.decide(msg('what SIZES do you have')).question).toBe(true);
    expect(engine.decide(msg('how much is shipping', { role: 'host' })).question).toBe(true);
    expect(engine.decide(msg('love it')).question).toBe(false);
    expect(engine.decide(msg('any left?')).question).toBe(true);
  });

  it('applies new rules at once after setRules', () => {
    const engine = new ModerationEngine(quiet());
    expect(engine.decide(msg('scam')).action).toBe('approve');
    engine.setRules(quiet({ blockedTerms: ['scam'] }));
    expect(engine.decide(msg('scam')).action).toBe('block');
    engine.setRules(quiet({ starterList: true }));
    expect(engine.decide(msg('scammer', { userId: 'viewer-2' }))).toMatchObject({ action: 'hold', reasons: ['starter-term'] });
    engine.setRules(quiet({ starterList: true, starterListRemoved: ['scammer'] }));
    expect(engine.decide(msg('scammer', { userId: 'viewer-3' })).action).toBe('approve');
  });
});

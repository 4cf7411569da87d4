import { describe, expect, it } from 'vitest';
import { defaultModerationRules } from '../../shared/moderation/rules.js';
import { fromForm, parseRulesFile, rulesFileText, toForm } from './rules-file.js';

describe('the chat rules file and form, with the starter list', () => {
  it('a file written before the starter list loads with it on, holding, nothing removed', () => {
    const result = parseRulesFile(JSON.stringify({ blockedTerms: ['knockoff'], links: 'allow' }));
    expect(result).toMatchObject({ ok: true, rules: { blockedTerms: ['knockoff'], starterList: true, starterListAction: 'hold', starterListRemoved: [] } });
  });

  it('the form keeps the starter list settings through a round trip and into the exported file', () => {
    const rules = { ...defaultModerationRules(), starterList: false, starterListAction: 'block' as const, starterListRemoved: ['scam', 'temu'] };
    const back = fromForm(toForm(rules));
    expect(back).toEqual({ ok: true, rules });
    expect(JSON.parse(rulesFileText(rules))).toMatchObject({ starterList: false, starterListAction: 'block', starterListRemoved: ['scam', 'temu'] });
  });

  it('names a bad starter field in the file in plain words', () => {
    expect(parseRulesFile(JSON.stringify({ starterList: 'yes', starterListAction: 'sometimes' }))).toEqual({
      ok: false,
      problems: ['starterList: must be true or false.', 'starterListAction: must be one of "block", "hold".'],
    });
  });
});

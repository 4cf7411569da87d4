import { describe, expect, it } from 'vitest';
import { auctionRulesSchema, incrementTableSchema } from './auction-rules.js';

// What a host types into Settings → Selling, or a hand-written AUCTION.json: words where a price belongs get a message, never a crash.
describe('the increment table with a word where a price belongs', () => {
  it('says what is wrong instead of throwing', () => {
    const step = incrementTableSchema.safeParse([{ from: '0', step: 'five' }]);
    expect(step.success).toBe(false);
    expect(step.error?.issues[0]?.message).toBe('A price is a decimal number such as "10.00".');
    const from = incrementTableSchema.safeParse([
      { from: '0', step: '1' },
      { from: 'fifty', step: '5' },
    ]);
    expect(from.error?.issues.map((i) => i.message)).toEqual(['A price is a decimal number such as "10.00".']);
    const first = incrementTableSchema.safeParse([{ from: 'zero', step: '1' }]);
    expect(first.error?.issues.map((i) => i.message)).toEqual(['A price is a decimal number such as "10.00".']);
  });

  it('still refuses a step of 0 and a row that does not climb', () => {
    expect(incrementTableSchema.safeParse([{ from: '0', step: '0' }]).error?.issues[0]?.message).toBe('Must be more than 0.');
    const rules = auctionRulesSchema.safeParse({ startPrice: '10', durationSeconds: 20, mode: 'soft', increments: [{ from: '0', step: '1' }, { from: '0', step: '2' }] });
    expect(rules.error?.issues[0]?.message).toBe('Each row of the increment table starts above the one before.');
  });
});

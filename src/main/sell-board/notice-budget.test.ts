import { describe, expect, it } from 'vitest';
import { NoticeBudget } from './notice-budget.js';

const notices = (n: number) => Array.from({ length: n }, (_, i) => ({ viewerId: `v${i}`, notice: { kind: 'giveaway' as const, giveawayId: 1, outcome: 'entered' as const, text: `line ${i}` } }));

describe('NoticeBudget', () => {
  it('sends every notice of a bidding war, in order, and skips (and reports) only beyond the budget', () => {
    let now = 0;
    const budget = new NoticeBudget({ burst: 5, perSecond: 10 }, () => now);
    expect(budget.admit(notices(3)).map((n) => n.viewerId)).toEqual(['v0', 'v1', 'v2']);
    expect(budget.admit(notices(4)).map((n) => n.viewerId)).toEqual(['v0', 'v1']);
    expect(budget.report()).toBe(2);
    expect(budget.report()).toBeNull();
    // Tokens come back with time: 10 a second.
    now += 300;
    expect(budget.admit(notices(5))).toHaveLength(3);
    // A winner's notice always goes, and counts.
    budget.force();
    now += 100;
    expect(budget.admit(notices(2))).toHaveLength(0);
    now += 5000;
    expect(budget.report()).toBe(4);
  });
});

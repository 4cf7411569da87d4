import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCKOUT_POLICY, lockoutMessage, TokenLockout } from './token-lockout.js';

function clocked() {
  let now = 1_000_000;
  const lockout = new TokenLockout(DEFAULT_LOCKOUT_POLICY, () => now);
  return { lockout, advance: (ms: number) => (now += ms) };
}

describe('TokenLockout', () => {
  it('locks for 1 s at the fifth wrong token in a row, doubling up to 5 minutes', () => {
    const { lockout, advance } = clocked();
    for (let i = 0; i < 4; i++) expect(lockout.failed('203.0.113.9')).toEqual({ locked: false });
    const locks: number[] = [];
    for (let i = 0; i < 12; i++) {
      const decision = lockout.failed('203.0.113.9');
      if (!decision.locked) throw new Error(`wrong token ${i + 5} did not lock`);
      locks.push(decision.retryAfterMs);
      advance(decision.retryAfterMs); // the address waits its turn, then is wrong again
      expect(lockout.check('203.0.113.9')).toEqual({ locked: false });
    }
    expect(locks).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000, 300000]);
  });

  it('refuses a locked address in plain words, and only that address', () => {
    const { lockout, advance } = clocked();
    for (let i = 0; i < 7; i++) lockout.failed('198.51.100.7');
    advance(500); // the 7th wrong token locked it for 4 s
    expect(lockout.check('198.51.100.7')).toEqual({
      locked: true,
      retryAfterMs: 3500,
      message: 'Too many wrong access codes from this address; try again in 4 s.',
    });
    expect(lockout.check('198.51.100.8')).toEqual({ locked: false });
  });

  it('starts an address afresh after a right token', () => {
    const { lockout } = clocked();
    for (let i = 0; i < 6; i++) lockout.failed('a');
    lockout.succeeded('a');
    expect(lockout.check('a')).toEqual({ locked: false });
    for (let i = 0; i < 4; i++) expect(lockout.failed('a').locked).toBe(false);
    expect(lockout.failed('a')).toMatchObject({ locked: true, retryAfterMs: 1000 });
  });

  it('forgets addresses that have been quiet for an hour, and keeps at most maxAddresses', () => {
    let now = 0;
    const lockout = new TokenLockout({ ...DEFAULT_LOCKOUT_POLICY, maxAddresses: 100 }, () => now);
    for (let i = 0; i < 250; i++) lockout.failed(`10.0.${i >> 8}.${i & 255}`);
    expect(lockout.trackedAddresses).toBe(100);
    now += DEFAULT_LOCKOUT_POLICY.forgetAfterMs;
    lockout.failed('fresh');
    expect(lockout.trackedAddresses).toBe(1);
  });

  it('never says "0 s" and never waits past the cap, whatever the failures and timing', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400_000 }), { minLength: 1, maxLength: 60 }), (gaps) => {
        const { lockout, advance } = clocked();
        for (const gap of gaps) {
          advance(gap);
          const decision = lockout.failed('x');
          if (decision.locked) {
            expect(decision.retryAfterMs).toBeGreaterThan(0);
            expect(decision.retryAfterMs).toBeLessThanOrEqual(DEFAULT_LOCKOUT_POLICY.maxLockMs);
            expect(decision.message).toMatch(/try again in [1-9]\d* s\.$/);
          }
        }
      }),
    );
    expect(lockoutMessage(1)).toContain('try again in 1 s');
  });
});

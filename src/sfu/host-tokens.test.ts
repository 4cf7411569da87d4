import { describe, expect, it } from 'vitest';
import { HostTokens, MAX_MINTED_PER_SHOW } from './host-tokens.js';

describe('HostTokens', () => {
  it('accepts a show token before the server-wide default, and nothing without either', () => {
    const tokens = new HostTokens('server-wide', { special: 'own-token' });
    expect(tokens.matches('any-show', 'server-wide')).toBe(true);
    expect(tokens.matches('special', 'own-token')).toBe(true);
    expect(tokens.matches('special', 'server-wide')).toBe(false);
    expect(new HostTokens(null).matches('any-show', '')).toBe(false);
  });

  it('minted tokens open one show until they expire', () => {
    let now = 1_000;
    const tokens = new HostTokens('secret', {}, () => now);
    const { token, expiresAt } = tokens.mint('spring-sale', 60_000);
    expect(expiresAt).toBe(61_000);
    expect(token).not.toBe('secret');
    expect(tokens.matches('spring-sale', token)).toBe(true);
    expect(tokens.matches('other-show', token)).toBe(false);
    now = 60_999;
    expect(tokens.matches('spring-sale', token)).toBe(true);
    now = 61_000;
    expect(tokens.matches('spring-sale', token)).toBe(false);
    // The real secret still works.
    expect(tokens.matches('spring-sale', 'secret')).toBe(true);
  });

  it('keeps a bounded number of minted tokens per show, dropping the oldest', () => {
    const tokens = new HostTokens(null);
    const first = tokens.mint('s', 60_000).token;
    const rest = Array.from({ length: MAX_MINTED_PER_SHOW }, () => tokens.mint('s', 60_000).token);
    expect(tokens.matches('s', first)).toBe(false);
    for (const t of rest) expect(tokens.matches('s', t)).toBe(true);
  });
});

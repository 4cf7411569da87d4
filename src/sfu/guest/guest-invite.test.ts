import { describe, expect, it } from 'vitest';
import { addressWithoutInvite, forgetInvite, inviteStorageKey, lookUpInvite, showFromPath, tokenInFragment, type KeyValueStore } from './guest-invite.js';

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcd'; // 43 characters, as the studio makes them

function memoryStore(): KeyValueStore & { readonly items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
  };
}

const throwingStore: KeyValueStore = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
  removeItem: () => {
    throw new Error('SecurityError');
  },
};

describe('the guest page reads its invite', () => {
  it('takes the show from the path and refuses anything that is not a show id', () => {
    expect(showFromPath('/guest/spring-sale')).toBe('spring-sale');
    expect(showFromPath('/guest/spring-sale/')).toBe('spring-sale');
    expect(showFromPath('/guest/..%2Fetc')).toBeNull();
    expect(showFromPath('/guest/%E0%A4%A')).toBeNull();
    expect(showFromPath('/watch/spring-sale')).toBeNull();
    expect(showFromPath('/guest/a/b')).toBeNull();
  });

  it('finds the token in the fragment, among other fields too', () => {
    expect(tokenInFragment(`#invite=${TOKEN}`)).toBe(TOKEN);
    expect(tokenInFragment(`#x=1&invite=${TOKEN}`)).toBe(TOKEN);
    expect(tokenInFragment('')).toBeNull();
    expect(tokenInFragment('#other=1')).toBeNull();
  });

  it('keeps a token from the link for reloads, and a reload (no fragment) uses the kept one', () => {
    const session = memoryStore();
    expect(lookUpInvite('show-1', `#invite=${TOKEN}`, session)).toEqual({ kind: 'token', token: TOKEN });
    expect(session.items.get(inviteStorageKey('show-1'))).toBe(TOKEN);
    expect(lookUpInvite('show-1', '', session)).toEqual({ kind: 'token', token: TOKEN });
    // Kept per show: another show's page does not borrow it.
    expect(lookUpInvite('show-2', '', session)).toEqual({ kind: 'missing' });
  });

  it('lets a new link replace the kept token', () => {
    const session = memoryStore();
    lookUpInvite('show-1', `#invite=${TOKEN}`, session);
    const newer = 'Z'.repeat(43);
    expect(lookUpInvite('show-1', `#invite=${newer}`, session)).toEqual({ kind: 'token', token: newer });
    expect(lookUpInvite('show-1', '', session)).toEqual({ kind: 'token', token: newer });
  });

  it('calls a cut-short or altered token incomplete and keeps nothing', () => {
    const session = memoryStore();
    expect(lookUpInvite('show-1', `#invite=${TOKEN.slice(0, 10)}`, session)).toEqual({ kind: 'incomplete' });
    expect(lookUpInvite('show-1', '#invite=abc<script>defghijklmnopqrstuvwxyz', session)).toEqual({ kind: 'incomplete' });
    expect(session.items.size).toBe(0);
  });

  it('forgets a dead invite so a reload does not knock with it again', () => {
    const session = memoryStore();
    lookUpInvite('show-1', `#invite=${TOKEN}`, session);
    forgetInvite('show-1', session);
    expect(lookUpInvite('show-1', '', session)).toEqual({ kind: 'missing' });
  });

  it('works with storage switched off (blocked cookies): the link still admits, nothing throws', () => {
    expect(lookUpInvite('show-1', `#invite=${TOKEN}`, throwingStore)).toEqual({ kind: 'token', token: TOKEN });
    expect(lookUpInvite('show-1', '', throwingStore)).toEqual({ kind: 'missing' });
    expect(lookUpInvite('show-1', `#invite=${TOKEN}`, null)).toEqual({ kind: 'token', token: TOKEN });
    expect(() => forgetInvite('show-1', throwingStore)).not.toThrow();
  });

  it('strips the token from the address and keeps the rest', () => {
    expect(addressWithoutInvite('/guest/show-1', '', `#invite=${TOKEN}`)).toBe('/guest/show-1');
    expect(addressWithoutInvite('/guest/show-1', '?lang=en', `#invite=${TOKEN}&x=1`)).toBe('/guest/show-1?lang=en#x=1');
  });
});

import { describe, expect, it } from 'vitest';
import { guestKeySchema } from '../../shared/sfu/protocol-guests.js';
import { checkGuestName, loadGuestKey, loadGuestName, newGuestKey, saveGuestName } from './guest-identity.js';
import type { KeyValueStore } from './guest-invite.js';

function memoryStore(): KeyValueStore {
  const items = new Map<string, string>();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) };
}

const random = (bytes: Uint8Array) => {
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37 + 255) % 256;
};

describe('the guest page remembers who the guest is', () => {
  it('makes a key the SFU accepts (all 64 base64url letters may appear)', () => {
    const key = newGuestKey(random);
    expect(guestKeySchema.safeParse(key).success).toBe(true);
    expect(key).toHaveLength(32);
    expect(guestKeySchema.safeParse(newGuestKey((b) => b.fill(0xfb))).success).toBe(true); // bytes that become '+' and '/' in plain base64
  });

  it('keeps the key, so a reload is the same guest; a damaged kept key is replaced', () => {
    const store = memoryStore();
    const first = loadGuestKey(store, random);
    expect(loadGuestKey(store, () => undefined)).toBe(first);
    store.setItem('lss.guest.key', 'short');
    const replaced = loadGuestKey(store, (b) => b.fill(7));
    expect(replaced).not.toBe('short');
    expect(guestKeySchema.safeParse(replaced).success).toBe(true);
  });

  it('remembers the name, and forgets one that breaks the rules', () => {
    const store = memoryStore();
    expect(loadGuestName(store)).toBe('');
    saveGuestName(store, 'Dana from Acme');
    expect(loadGuestName(store)).toBe('Dana from Acme');
    saveGuestName(store, 'x'.repeat(41));
    expect(loadGuestName(store)).toBe('');
  });

  it('checks a name with the SFU’s rules and says what to fix', () => {
    expect(checkGuestName('  Dana  ')).toEqual({ ok: true, name: 'Dana' });
    expect(checkGuestName('   ')).toEqual({ ok: false, message: 'Type the name the host and viewers will see.' });
    expect(checkGuestName('x'.repeat(41))).toEqual({ ok: false, message: 'A name is 40 characters at most.' });
    expect(checkGuestName('Dana\u202eevil')).toEqual({ ok: false, message: 'A name may not hold control characters.' });
    // Markup is just text: the page renders it with textContent.
    expect(checkGuestName('<b>Dana</b>')).toEqual({ ok: true, name: '<b>Dana</b>' });
  });
});

import { describe, expect, it } from 'vitest';
import { checkBuyerContact, CONTACT_MAX_CHARS } from './buyer-contact.js';

describe('checkBuyerContact', () => {
  it('takes an e-mail (its domain lowercased) or an @handle, trimmed', () => {
    expect(checkBuyerContact('  anna@example.com ')).toEqual({ ok: true, contact: 'anna@example.com' });
    expect(checkBuyerContact('Anna.Smith+shop@Example.CO.UK')).toEqual({ ok: true, contact: 'Anna.Smith+shop@example.co.uk' });
    expect(checkBuyerContact('@anna.shop')).toEqual({ ok: true, contact: '@anna.shop' });
    expect(checkBuyerContact('@josé_92')).toEqual({ ok: true, contact: '@josé_92' });
  });

  it('refuses what is neither, saying what to type', () => {
    for (const raw of ['', '   ', 'anna', 'anna@', '@', 'anna@example', 'an na@example.com', '@anna shop', '@an<b>na', 'a@b.c']) {
      const check = checkBuyerContact(raw);
      expect(check.ok, raw).toBe(false);
      if (!check.ok) expect(check.reason, raw).toMatch(/e-mail \(like name@example\.com\) or a handle starting with @/);
    }
  });

  it('refuses hidden characters, markup and overlong text', () => {
    expect(checkBuyerContact('anna\u200b@example.com').ok).toBe(false);
    expect(checkBuyerContact('anna@exam\u202eple.com').ok).toBe(false);
    expect(checkBuyerContact('<script>@x.com').ok).toBe(false);
    expect(checkBuyerContact('anna\n@example.com').ok).toBe(false);
    const long = `${'a'.repeat(CONTACT_MAX_CHARS)}@example.com`;
    expect(checkBuyerContact(long)).toMatchObject({ ok: false, reason: expect.stringContaining(`longer than ${CONTACT_MAX_CHARS}`) });
  });
});

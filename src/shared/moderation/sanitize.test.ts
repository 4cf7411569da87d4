import { describe, expect, it } from 'vitest';
import { codePointLength, sanitizeChatText } from './sanitize.js';

describe('sanitizeChatText', () => {
  it('strips zero-width, soft hyphen, BOM and word joiner characters', () => {
    expect(sanitizeChatText('s\u200Bc\u200Ca\u200Dm\u2060\uFEFF fr\u00ADee')).toBe('scam free');
  });

  it('strips every bidi embedding, override, isolate and mark', () => {
    const bidi = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F';
    expect(sanitizeChatText(`price ${bidi}gnp.exe`)).toBe('price gnp.exe');
  });

  it('strips other format characters (tags, Mongolian vowel separator) and lone surrogates', () => {
    expect(sanitizeChatText('hi\u{E0041}\u180E\uD800 there\uDFFF')).toBe('hi there');
  });

  it('keeps a chat message on one line: line breaks and tabs become spaces, other controls go', () => {
    expect(sanitizeChatText('line one\r\nline\ttwo\u2028three\u0000\u001B[31m\u007F')).toBe('line one line two three[31m');
  });

  it('collapses runs of whitespace (including no-break and ideographic spaces) and trims', () => {
    expect(sanitizeChatText('  so \u00A0\u3000  cute   ')).toBe('so cute');
  });

  it('removes blank "letters" used for invisible messages', () => {
    expect(sanitizeChatText('\u3164\u3164')).toBe('');
  });

  it('keeps emoji, accents, other scripts, and caps stacked combining marks', () => {
    expect(sanitizeChatText('Très joli 👍🏽 かわいい')).toBe('Très joli 👍🏽 かわいい');
    expect(sanitizeChatText(`Z${'\u0301'.repeat(40)}algo`)).toBe(`Z${'\u0301'.repeat(3)}algo`);
  });

  it('caps length in code points without splitting a surrogate pair', () => {
    expect(sanitizeChatText('abcdef', 3)).toBe('abc');
    const capped = sanitizeChatText('😀'.repeat(10), 4);
    expect(capped).toBe('😀😀😀😀');
    expect(codePointLength(capped)).toBe(4);
    expect(sanitizeChatText('ab cd', 3)).toBe('ab'); // no trailing space after the cut
    expect(codePointLength(sanitizeChatText('x'.repeat(2000)))).toBe(500);
    expect(sanitizeChatText('abc', Number.NaN)).toBe('abc');
  });
});

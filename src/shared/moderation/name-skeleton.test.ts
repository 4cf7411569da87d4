import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameSkeleton, reservedNameRefusal, type ReservedName } from './name-skeleton.js';

/** Ways to write each letter that read the same on a phone (case, Cyrillic, Greek, digits, full width). */
const LOOKS: Readonly<Record<string, readonly string[]>> = {
  a: ['a', 'A', 'а', 'А', 'α', 'Α', '@', '4', 'ａ', 'á'],
  d: ['d', 'D', 'ԁ', 'ｄ'],
  e: ['e', 'E', 'е', 'Е', 'ε', 'Ε', '3', 'é', 'ｅ'],
  h: ['h', 'H', 'Н', 'н', 'Η', 'һ', 'Һ', 'Ｈ'],
  i: ['i', 'I', 'l', '1', '|', 'і', 'І', 'ι', 'Ι', 'ı', 'ӏ', 'í'],
  l: ['l', 'L', 'I', '1', 'і', 'ӏ', 'Ӏ', 'ι', '|'],
  m: ['m', 'M', 'м', 'М', 'Μ', 'rn'],
  n: ['n', 'N', 'Ν', 'п', 'ñ'],
  o: ['o', 'O', '0', 'о', 'О', 'ο', 'Ο', 'ó', 'ö', 'ｏ'],
  r: ['r', 'R', 'г'],
  s: ['s', 'S', '5', '$', 'ѕ', 'Ѕ', 'ｓ'],
  t: ['t', 'T', 'т', 'Т', 'τ', 'Τ', '7'],
  u: ['u', 'U', 'υ', 'ü'],
};
/** What may sit between the letters and still read as one word. */
const GAPS = ['', '', '', ' ', '.', '_', '-', '\u200b', '\u200d'];

/** Any mix of look-alikes of `name` (letters in LOOKS only), with gaps. */
const lookAlike = (name: string) =>
  fc
    .tuple(...Array.from(name.toLowerCase(), (c) => fc.tuple(fc.constantFrom(...(LOOKS[c] ?? [c])), fc.constantFrom(...GAPS))))
    .map((parts) => parts.map(([letter, gap]) => letter + gap).join('').trim());

const STORE: readonly ReservedName[] = [
  { name: 'Lola Martin', owner: 'host' },
  { name: 'Tess', owner: 'moderator' },
  { name: 'Sunset Home', owner: 'store' },
];

describe('reservedNameRefusal', () => {
  it('refuses the examples from the probe, in plain words', () => {
    expect(reservedNameRefusal('Hоst')).toBe('That name looks like the host’s. Pick another.'); // Cyrillic о
    expect(reservedNameRefusal('H0st')).toBe('That name looks like the host’s. Pick another.');
    expect(reservedNameRefusal('ＡＤＭＩＮ')).toBe('That name is kept for the studio’s staff. Pick another.');
    expect(reservedNameRefusal('L0la Martín', STORE)).toBe('That name looks like the host’s. Pick another.');
    expect(reservedNameRefusal('T e 5 s', STORE)).toBe('That name looks like a moderator’s. Pick another.');
    expect(reservedNameRefusal('SunsetHome', STORE)).toBe('That name looks like the store’s. Pick another.');
  });

  it('refuses any mix of look-alikes of a reserved name', () => {
    for (const reserved of ['Host', 'Admin', 'Moderator', 'Mod', 'Studio', 'Lola Martin', 'Tess', 'Sunset Home']) {
      fc.assert(
        fc.property(lookAlike(reserved), (name) => {
          expect(reservedNameRefusal(name, STORE)).not.toBeNull();
        }),
      );
    }
  });

  it('lets ordinary names through, including ones that merely contain a reserved name', () => {
    const ordinary = ['Maria', 'Jo', 'Tom 2', 'Ghost', 'Hostess', 'Hosta', 'Admiral', 'Modesty', 'Lola', 'Martin', 'Tessa', 'Ольга', 'Σοφία', '李雷', 'Mehmet', 'Anna 🌸', '😀'];
    for (const name of ordinary) expect(reservedNameRefusal(name, STORE), name).toBeNull();
    // A real extra letter makes a different name, whatever look-alikes the rest uses.
    fc.assert(
      fc.property(lookAlike('Host'), fc.constantFrom('c', 'f', 'k', 'w', 'y', 'Ж', 'ß'), (name, extra) => {
        expect(reservedNameRefusal(`${name}${extra}`)).toBeNull();
      }),
    );
  });

  it('folds width, case, accents, invisible characters and look-alike pairs into one skeleton', () => {
    expect(nameSkeleton('Ｈｏｓｔ')).toBe('host');
    expect(nameSkeleton('H\u200bo\u0301st')).toBe('host');
    expect(nameSkeleton('Αdmіn')).toBe('admln'); // Greek Α, Cyrillic і
    expect(nameSkeleton('ΗOST')).toBe('host'); // Greek capital eta
    expect(nameSkeleton('🌸')).toBe('');
  });
});

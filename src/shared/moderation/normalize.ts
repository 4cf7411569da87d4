/**
 * Text folded for matching blocked terms and spotting duplicates. Viewers
 * dodge word filters with case, accents, look-alike letters, l33t digits,
 * spaced-out letters, stretched letters and zero-width characters; folding
 * both the message and the terms the same way undoes all of that.
 */

/**
 * Digits and symbols viewers use for letters. "1" stands for both i and l,
 * so it is expanded separately (see `leetSpellings`).
 */
const LEET: Readonly<Record<string, string>> = { '0': 'o', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

/**
 * Cyrillic and Greek letters that look like Latin ones. NFKD does not fold
 * these (they are different letters), yet "ѕсаm" reads as "scam" on screen.
 */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  ѕ: 's', і: 'i', ї: 'i', ј: 'j', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w', ɑ: 'a', ɡ: 'g', ı: 'i',
  α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
};
const LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'gu');
const NON_ASCII = /[\u0080-\uffff]/;
const FORMAT_OR_MARK = /[\p{Cf}\p{M}]/gu;
const ONLY_DIGITS = /^\p{N}+$/u;
/** "1" and the keys of LEET, by char code. */
const LEET_OR_ONE = new Uint8Array(128);
for (const c of ['1', ...Object.keys(LEET)]) LEET_OR_ONE[c.charCodeAt(0)] = 1;
/** Above this many "1"s a word keeps only the all-i and all-l spellings (2^n would explode). */
const MAX_AMBIGUOUS_ONES = 4;

/**
 * Lowercase, compatibility-decomposed ("ſ", "ｓ", "𝐬" → "s"), accents and
 * other combining marks and zero-width characters removed, look-alike
 * letters mapped to Latin. Word boundaries and punctuation are kept.
 */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower.normalize('NFKD').replace(FORMAT_OR_MARK, '').replace(LOOK_ALIKE, (c) => LOOK_ALIKES[c] ?? c);
}

/**
 * The spellings a viewer may have meant by a folded word: l33t symbols
 * replaced, with "1" tried as both "i" and "l". Numbers ("50", "2024") are
 * left alone: a price is not a word in disguise.
 */
export function leetSpellings(word: string): string[] {
  // Most words have no digit or symbol at all: they are their only spelling.
  let plain = true;
  let asciiDigits = true;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0x80) {
      asciiDigits = false;
      if (c >= 0xd800 && c <= 0xdfff) plain = false;
    } else if (LEET_OR_ONE[c] === 1) plain = false;
    if (c < 0x30 || c > 0x39) asciiDigits = false;
  }
  // A number stays as it is; a word with nothing to undo is its only spelling.
  if (asciiDigits || plain) return [word];
  return leetSpellingsSlow(word);
}

function leetSpellingsSlow(word: string): string[] {
  if (ONLY_DIGITS.test(word)) return [word];
  let mapped = '';
  let ones = 0;
  for (const c of word) {
    if (c === '1') ones++;
    mapped += LEET[c] ?? c;
  }
  if (ones === 0) return [mapped];
  if (ones > MAX_AMBIGUOUS_ONES) return [mapped.replaceAll('1', 'i'), mapped.replaceAll('1', 'l')];
  let spellings = [''];
  for (const c of mapped) {
    spellings = c === '1' ? spellings.flatMap((s) => [`${s}i`, `${s}l`]) : spellings.map((s) => s + c);
  }
  return spellings;
}

/**
 * A word with stretched letters squeezed out ("scaaaam" → "scam") and how
 * many times each remaining letter was repeated ([1, 1, 4, 1]). A message
 * word matches a term when the squeezed letters are equal and every letter
 * repeats at least as often as in the term: "scaaam" matches "scam" and
 * "asss" matches "ass", but "as" does not match "ass".
 */
export interface StretchedWord {
  readonly squeezed: string;
  readonly repeats: readonly number[];
}

/** True when the text has a surrogate (an astral character, or a lone one): then code units are not code points. */
function hasSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

export function squeezeRepeats(word: string): string {
  if (!hasSurrogate(word)) {
    let i = 1;
    while (i < word.length && word.charCodeAt(i) !== word.charCodeAt(i - 1)) i++;
    if (i >= word.length) return word; // nothing repeated: most words
    let out = word.slice(0, i);
    for (; i < word.length; i++) if (word.charCodeAt(i) !== word.charCodeAt(i - 1)) out += word[i];
    return out;
  }
  let out = '';
  let last = '';
  for (const c of word) {
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

/** Letters by char code below 0x10000, filled as met: 1 a letter, 2 not. */
const BMP_LETTER = new Uint8Array(0x10000);
const LETTER = /\p{L}/u;

function isBmpLetter(c: number): boolean {
  let known = BMP_LETTER[c]!;
  if (known === 0) known = BMP_LETTER[c] = LETTER.test(String.fromCharCode(c)) ? 1 : 2;
  return known === 1;
}

function squeezeLetterRepeats(word: string): string {
  if (!hasSurrogate(word)) {
    let i = 1;
    while (i < word.length && !(word.charCodeAt(i) === word.charCodeAt(i - 1) && isBmpLetter(word.charCodeAt(i)))) i++;
    if (i >= word.length) return word;
    let out = word.slice(0, i);
    for (; i < word.length; i++) {
      const c = word.charCodeAt(i);
      if (c !== word.charCodeAt(i - 1) || !isBmpLetter(c)) out += word[i];
    }
    return out;
  }
  let out = '';
  let last = '';
  for (const c of word) {
    if (c !== last || !/\p{L}/u.test(c)) out += c;
    last = c;
  }
  return out;
}

export function stretchOf(word: string): StretchedWord {
  let squeezed = '';
  const repeats: number[] = [];
  let last = '';
  for (const c of word) {
    if (c === last) repeats[repeats.length - 1]! += 1;
    else {
      squeezed += c;
      repeats.push(1);
    }
    last = c;
  }
  return { squeezed, repeats };
}

/** A message as the term matcher reads it. */
export interface MatchingForm {
  /** Words in order; each lists its candidate spellings (several only when a "1" may be i or l). */
  readonly words: readonly (readonly string[])[];
  /** Letters spelled out one at a time ("s c a m", "s.c.a.m") joined back into words: extra candidates. */
  readonly spelledOut: readonly (readonly string[])[];
}

/** Folds a message into words for matching. Never throws. */
export function matchingForm(text: string): MatchingForm {
  return matchingFormOfFolded(foldText(text));
}

/** Word characters (letters, digits, "@", "$") by char code below 0x10000, filled as met: 1 yes, 2 no. */
const BMP_WORD = new Uint8Array(0x10000);
const WORD_CHAR = /^[\p{L}\p{N}@$]$/u;

export function isWordChar(cp: number): boolean {
  if (cp > 0xffff) return WORD_CHAR.test(String.fromCodePoint(cp));
  let known = BMP_WORD[cp]!;
  // A lone surrogate is no character at all.
  if (known === 0) known = BMP_WORD[cp] = cp < 0xd800 || cp > 0xdfff ? (WORD_CHAR.test(String.fromCharCode(cp)) ? 1 : 2) : 2;
  return known === 1;
}

/** What may sit between spelled-out letters: 1 to 3 of " .-_*". */
export function isSpellingGap(text: string, from: number, to: number): boolean {
  const n = to - from;
  if (n < 1 || n > 3) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x2e && c !== 0x2d && c !== 0x5f && c !== 0x2a) return false;
  }
  return true;
}

/** `matchingForm` of text already folded (`foldText`). */
export function matchingFormOfFolded(folded: string): MatchingForm {
  const words: string[][] = [];
  const spelledOut: string[][] = [];
  let run = '';
  let runLength = 0;
  let lastEnd = -1;
  // A real one-letter word ("a", "I") next to a spelled-out term joins its run:
  // "this is a s c a m" gives "ascam", so the run without its first or last letter is tried too.
  const endRun = () => {
    if (runLength < 2) return;
    spelledOut.push(leetSpellings(run));
    if (runLength >= 3) {
      const letters = [...run];
      spelledOut.push(leetSpellings(letters.slice(1).join('')), leetSpellings(letters.slice(0, -1).join('')));
    }
  };
  const n = folded.length;
  let i = 0;
  while (i < n) {
    const first = folded.codePointAt(i)!;
    if (!isWordChar(first)) {
      i += first > 0xffff ? 2 : 1;
      continue;
    }
    // A word: the longest run of word characters from here.
    const start = i;
    let codePoints = 0;
    let cp = first;
    do {
      i += cp > 0xffff ? 2 : 1;
      codePoints++;
      if (i >= n) break;
      cp = folded.codePointAt(i)!;
    } while (isWordChar(cp));
    const word = folded.slice(start, i);
    words.push(leetSpellings(word));
    const single = codePoints === 1;
    const joinsRun = runLength > 0 && single && isSpellingGap(folded, lastEnd, start);
    if (!joinsRun) {
      endRun();
      run = '';
      runLength = 0;
    }
    if (single) {
      run += word;
      runLength++;
    }
    lastEnd = i;
  }
  endRun();
  return { words, spelledOut };
}

/**
 * The message folded to one string: lowercase, no accents or zero-width
 * characters, l33t undone ("1" read as "i"), words separated by one space.
 * Used to compare texts ("SCAM!!" and "sc4m" both give "scam").
 */
export function normalizeForMatching(text: string): string {
  const form = matchingForm(text);
  return form.words.map((w) => w[0] ?? '').join(' ');
}

/** Keys longer than this are stored as a hash: the engine keeps up to 20 per viewer. */
const LONGEST_PLAIN_KEY = 64;

/**
 * Key for "same text again": normalized and with stretched letters
 * squeezed, so "hello" and "HELLOOOO!!" are the same message. Text with no
 * words at all (emoji, "!!!") is compared as it is. Long texts become a
 * short fingerprint so per-viewer memory stays small whatever viewers send.
 */
export function duplicateKey(text: string, form: MatchingForm = matchingForm(text)): string {
  // Letters are squeezed ("sooo cute" repeats "so cute"); digits are not: "size 4?" and "size 44?" are different questions.
  const key = form.words.length === 0 ? text.trim() : form.words.map((w) => squeezeLetterRepeats(w[0] ?? '')).join(' ');
  return key.length <= LONGEST_PLAIN_KEY ? key : fingerprint(key);
}

/**
 * `duplicateKey(text)` from the folded text (`foldText(text)`), read in one
 * pass without building the matching form: the engine's path for every message.
 */
export function duplicateKeyOfFolded(text: string, folded: string): string {
  if (isOwnDuplicateKey(folded)) return folded;
  const parts = KEY_PARTS;
  parts.length = 0;
  const n = folded.length;
  let i = 0;
  while (i < n) {
    const first = folded.codePointAt(i)!;
    if (!isWordChar(first)) {
      i += first > 0xffff ? 2 : 1;
      continue;
    }
    const start = i;
    let ascii = true;
    let digits = true;
    let cp = first;
    do {
      if (cp >= 0x80) ascii = false;
      if (cp < 0x30 || cp > 0x39) digits = false;
      i += cp > 0xffff ? 2 : 1;
      if (i >= n) break;
      cp = folded.codePointAt(i)!;
    } while (isWordChar(cp));
    if (!ascii) parts.push(squeezeLetterRepeats(leetSpellings(folded.slice(start, i))[0] ?? ''));
    else if (digits) parts.push(folded.slice(start, i)); // a number: no l33t, and digits are never squeezed
    else parts.push(firstSpellingSqueezed(folded, start, i));
  }
  // Joined (not concatenated piece by piece): a flat string, quick to compare with the viewer's recent keys.
  const key = parts.length === 0 ? text.trim() : parts.join(' ');
  parts.length = 0;
  return key.length <= LONGEST_PLAIN_KEY ? key : fingerprint(key);
}

/**
 * True when the folded text is its own duplicate key, as much chat is ("my
 * sister needs this 2"): ASCII words joined by single spaces, nothing to undo
 * in them (no l33t outside numbers, no stretched letter), short enough to keep.
 */
function isOwnDuplicateKey(folded: string): boolean {
  const n = folded.length;
  if (n === 0 || n > LONGEST_PLAIN_KEY) return false;
  let last = 0x20;
  let number = true;
  let leet = false;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? folded.charCodeAt(i) : 0x20;
    if (c === 0x20) {
      if (last === 0x20) return false; // a space at either end or two in a row
      if (leet && !number) return false;
      number = true;
      leet = false;
    } else {
      if (c >= 0x80 || !IS_ASCII_WORD[c]) return false;
      if (c < 0x30 || c > 0x39) number = false;
      if (FIRST_SPELLING[c] !== c) leet = true;
      else if (c === last && IS_ASCII_LETTER[c]) return false;
    }
    last = c;
  }
  return true;
}

/** Reused by `duplicateKeyOfFolded` (one message at a time). */
const KEY_PARTS: string[] = [];

/** An ASCII word's first spelling ("1" read as i, LEET undone) with stretched letters squeezed. */
function firstSpellingSqueezed(folded: string, start: number, end: number): string {
  // Most words have nothing to undo or squeeze: the word itself.
  let last = -1;
  let k = start;
  for (; k < end; k++) {
    const raw = folded.charCodeAt(k);
    const c = FIRST_SPELLING[raw]!;
    if (c !== raw || (c === last && IS_ASCII_LETTER[c])) break;
    last = c;
  }
  if (k === end) return folded.slice(start, end);
  let out = folded.slice(start, k);
  for (; k < end; k++) {
    const c = FIRST_SPELLING[folded.charCodeAt(k)]!;
    if (c !== last || !IS_ASCII_LETTER[c]) out += String.fromCharCode(c);
    last = c;
  }
  return out;
}

/** By char code: the letter an ASCII word character stands for in a word's first spelling (LEET, "1" as i). */
export const FIRST_SPELLING = new Uint8Array(128).map((_, c) => {
  const ch = String.fromCharCode(c);
  return (ch === '1' ? 'i' : (LEET[ch] ?? ch)).charCodeAt(0);
});
const IS_ASCII_WORD = new Uint8Array(128).map((_, c) => (/[a-z0-9@$]/i.test(String.fromCharCode(c)) ? 1 : 0));
const IS_ASCII_LETTER = new Uint8Array(128).map((_, c) => (/[a-z]/i.test(String.fromCharCode(c)) ? 1 : 0));

/** Two FNV-1a passes with different offsets: 64 bits, so distinct texts practically never collide. */
function fingerprint(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 13);
  }
  return `#${text.length}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}

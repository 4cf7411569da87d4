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
/** A word: letters, digits, and the symbols that stand in for letters. */
const WORD = /[\p{L}\p{N}@$]+/gu;
/** What may sit between spelled-out letters: "s c a m", "s.c.a.m", "s-c-a-m", "s_c_a_m", "s . c . a . m". */
const SPELLING_GAP = /^[ .\-_*]{1,3}$/;
const ONLY_DIGITS = /^\p{N}+$/u;
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

export function squeezeRepeats(word: string): string {
  let out = '';
  let last = '';
  for (const c of word) {
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

function squeezeLetterRepeats(word: string): string {
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
  const folded = foldText(text);
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
  for (const m of folded.matchAll(WORD)) {
    const word = m[0];
    const start = m.index;
    words.push(leetSpellings(word));
    const single = word.length === 1 || (word.length === 2 && word.codePointAt(0)! > 0xffff);
    const joinsRun = runLength > 0 && single && SPELLING_GAP.test(folded.slice(lastEnd, start));
    if (!joinsRun) {
      endRun();
      run = '';
      runLength = 0;
    }
    if (single) {
      run += word;
      runLength++;
    }
    lastEnd = start + word.length;
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

/**
 * Blocked words and phrases, compiled once per rules change. A message is
 * checked with a few hash lookups per word, whatever the number of terms:
 * 500 regexes per message would not keep up with a busy show.
 */
import { FIRST_SPELLING, isSpellingGap, isWordChar, matchingForm, matchingFormOfFolded, squeezeRepeats, stretchOf, type MatchingForm, type StretchedWord } from './normalize.js';

interface PhraseTerm {
  /** Every word of the phrase after the first (the first is the index key). */
  readonly rest: readonly StretchedWord[];
  readonly first: StretchedWord;
  /** The list it came from, as a bit (see the constructor). */
  readonly list: number;
}

interface WordTerm {
  readonly word: StretchedWord;
  readonly list: number;
}

/** `word` is `term` with some letters stretched ("scaaam" for "scam"), or exactly `term`. */
function stretches(word: StretchedWord, term: StretchedWord): boolean {
  if (word.squeezed !== term.squeezed) return false;
  for (let i = 0; i < term.repeats.length; i++) {
    if ((word.repeats[i] ?? 0) < (term.repeats[i] ?? 0)) return false;
  }
  return true;
}

/**
 * One matcher for several term lists (the host's terms and the starter
 * list), so a message is read once: `matchingLists` says which lists
 * matched, as bits (list 0 → 1, list 1 → 2).
 */
export class BlockedTermMatcher {
  /** Single words, by squeezed spelling. Phrases written without spaces ("freemoney") are here too. */
  private readonly words = new Map<string, WordTerm[]>();
  /** Phrases, by the squeezed spelling of their first word. */
  private readonly phrases = new Map<string, PhraseTerm[]>();
  /** Every list that has a term. */
  private allLists = 0;

  /**
   * Every key of `words` and `phrases` that is plain ASCII, as a trie: child of
   * node k by char code c at k * 128 + c (0: none; the root is node 0, never a child).
   */
  private readonly trieNext: Int32Array;
  /** 1 where a trie node ends a key. */
  private readonly trieEnds: Uint8Array;

  constructor(...lists: readonly (readonly string[])[]) {
    lists.forEach((terms, i) => {
      for (const term of terms) this.add(term, 1 << i);
    });
    const ascii = (key: string) => [...key].every((c) => c.charCodeAt(0) < 0x80);
    const keys = [...this.words.keys(), ...this.phrases.keys()].filter(ascii);
    let nodes = 1;
    for (const key of keys) nodes += key.length;
    this.trieNext = new Int32Array(nodes * 128);
    this.trieEnds = new Uint8Array(nodes);
    let used = 1;
    for (const key of keys) {
      let node = 0;
      for (let i = 0; i < key.length; i++) {
        const at = node * 128 + key.charCodeAt(i);
        if (this.trieNext[at] === 0) this.trieNext[at] = used++;
        node = this.trieNext[at]!;
      }
      this.trieEnds[node] = 1;
    }
  }

  /**
   * `matchingLists(matchingForm(text))` given `foldText(text)`. Most messages
   * hold no blocked word: one pass over the folded text walks each word
   * through a trie of the terms (l33t undone and stretched letters squeezed
   * on the way, no string built), and only a message where a word reaches a
   * term, a word the trie cannot read (a "1", a letter beyond ASCII) or
   * letters spelled out one at a time is read the exact way.
   */
  matchingListsOfFolded(folded: string): number {
    if (this.allLists === 0) return 0;
    return this.mayMatch(folded) ? this.matchingLists(matchingFormOfFolded(folded)) : 0;
  }

  private mayMatch(folded: string): boolean {
    const next = this.trieNext;
    const n = folded.length;
    let i = 0;
    let lastEnd = -1;
    let lastSingle = false;
    while (i < n) {
      const first = folded.codePointAt(i)!;
      if (!isWordChar(first)) {
        i += first > 0xffff ? 2 : 1;
        continue;
      }
      const start = i;
      let digits = true;
      let ascii = true;
      let one = false;
      let cp = first;
      do {
        if (cp >= 0x80) ascii = false;
        else if (cp === 0x31) one = true;
        if (cp < 0x30 || cp > 0x39) digits = false;
        i += cp > 0xffff ? 2 : 1;
        if (i >= n) break;
        cp = folded.codePointAt(i)!;
      } while (isWordChar(cp));
      if (!ascii || (one && !digits)) return true; // a "1" in a word may be i or l: read the exact way
      const single = i - start === 1;
      if (single && lastSingle && isSpellingGap(folded, lastEnd, start)) return true; // letters spelled out
      lastSingle = single;
      lastEnd = i;
      // Walk the word's spelling, squeezed, through the trie.
      let node = 0;
      let last = -1;
      let k = start;
      for (; k < i; k++) {
        const c = digits ? folded.charCodeAt(k) : FIRST_SPELLING[folded.charCodeAt(k)]!;
        if (c === last) continue;
        last = c;
        node = next[node * 128 + c]!;
        if (node === 0) break;
      }
      if (k === i && this.trieEnds[node] === 1) return true;
    }
    return false;
  }

  get isEmpty(): boolean {
    return this.allLists === 0;
  }

  /**
   * Terms are folded exactly like messages, so "Scam", "scäm" and "sc4m" in
   * the list all mean the same word. A term with a "1" is added under both
   * readings.
   */
  private add(term: string, list: number): void {
    const form = matchingForm(term);
    if (form.words.length === 0) return; // only punctuation or emoji: nothing a word filter can match
    this.allLists |= list;
    for (const spelling of spellingsOf(form.words)) {
      const stretched = spelling.map(stretchOf);
      if (stretched.length === 1) this.addWord(stretched[0]!, list);
      else {
        const [first, ...rest] = stretched as [StretchedWord, ...StretchedWord[]];
        const entries = this.phrases.get(first.squeezed) ?? [];
        entries.push({ first, rest, list });
        this.phrases.set(first.squeezed, entries);
        // Spelled out or run together ("f r e e m o n e y", "freemoney"), a phrase is one word.
        this.addWord(stretchOf(spelling.join('')), list);
      }
    }
  }

  private addWord(word: StretchedWord, list: number): void {
    const entries = this.words.get(word.squeezed) ?? [];
    entries.push({ word, list });
    this.words.set(word.squeezed, entries);
  }

  /** True when the message contains a blocked word or phrase (of any list) as whole words. */
  matches(form: MatchingForm): boolean {
    return this.matchingLists(form) !== 0;
  }

  /** The lists with a word or phrase in the message, as bits; 0 when none. */
  matchingLists(form: MatchingForm): number {
    if (this.allLists === 0) return 0;
    const { words } = form;
    let found = 0;
    for (let i = 0; i < words.length; i++) {
      for (const spelling of words[i]!) {
        const squeezed = squeezeRepeats(spelling);
        found |= this.wordLists(spelling, squeezed) | this.phraseListsAt(form, i, spelling, squeezed);
        if (found === this.allLists) return found;
      }
    }
    for (const spellings of form.spelledOut) {
      for (const spelling of spellings) found |= this.wordLists(spelling, squeezeRepeats(spelling));
    }
    return found;
  }

  private wordLists(spelling: string, squeezed: string): number {
    const candidates = this.words.get(squeezed);
    if (!candidates) return 0;
    const word = stretchOf(spelling);
    let lists = 0;
    for (const term of candidates) if (stretches(word, term.word)) lists |= term.list;
    return lists;
  }

  private phraseListsAt(form: MatchingForm, start: number, spelling: string, squeezed: string): number {
    if (this.phrases.size === 0) return 0;
    const candidates = this.phrases.get(squeezed);
    if (!candidates) return 0;
    const first = stretchOf(spelling);
    let lists = 0;
    for (const phrase of candidates) {
      if (
        stretches(first, phrase.first) &&
        phrase.rest.every((term, k) => (form.words[start + 1 + k] ?? []).some((s) => stretches(stretchOf(s), term)))
      ) {
        lists |= phrase.list;
      }
    }
    return lists;
  }
}

/** Every combination of the words' spellings; terms are short, so this stays tiny. */
function spellingsOf(words: readonly (readonly string[])[]): string[][] {
  let combos: string[][] = [[]];
  for (const spellings of words) {
    combos = combos.flatMap((combo) => spellings.map((s) => [...combo, s]));
    if (combos.length > 64) combos = combos.slice(0, 64); // a term full of "1"s: keep it bounded
  }
  return combos;
}

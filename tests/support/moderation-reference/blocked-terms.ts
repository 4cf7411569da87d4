/**
 * Blocked words and phrases, compiled once per rules change. A message is
 * checked with a few hash lookups per word, whatever the number of terms:
 * 500 regexes per message would not keep up with a busy show.
 */
import { matchingForm, squeezeRepeats, stretchOf, type MatchingForm, type StretchedWord } from './normalize.js';

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

  constructor(...lists: readonly (readonly string[])[]) {
    lists.forEach((terms, i) => {
      for (const term of terms) this.add(term, 1 << i);
    });
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
        found |= this.wordLists(spelling) | this.phraseListsAt(form, i, spelling);
        if (found === this.allLists) return found;
      }
    }
    for (const spellings of form.spelledOut) {
      for (const spelling of spellings) found |= this.wordLists(spelling);
    }
    return found;
  }

  private wordLists(spelling: string): number {
    const candidates = this.words.get(squeezeRepeats(spelling));
    if (!candidates) return 0;
    const word = stretchOf(spelling);
    let lists = 0;
    for (const term of candidates) if (stretches(word, term.word)) lists |= term.list;
    return lists;
  }

  private phraseListsAt(form: MatchingForm, start: number, spelling: string): number {
    if (this.phrases.size === 0) return 0;
    const candidates = this.phrases.get(squeezeRepeats(spelling));
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

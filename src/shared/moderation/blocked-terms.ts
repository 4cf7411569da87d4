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
}

/** `word` is `term` with some letters stretched ("scaaam" for "scam"), or exactly `term`. */
function stretches(word: StretchedWord, term: StretchedWord): boolean {
  if (word.squeezed !== term.squeezed) return false;
  for (let i = 0; i < term.repeats.length; i++) {
    if ((word.repeats[i] ?? 0) < (term.repeats[i] ?? 0)) return false;
  }
  return true;
}

export class BlockedTermMatcher {
  /** Single words, by squeezed spelling. Phrases written without spaces ("freemoney") are here too. */
  private readonly words = new Map<string, StretchedWord[]>();
  /** Phrases, by the squeezed spelling of their first word. */
  private readonly phrases = new Map<string, PhraseTerm[]>();

  constructor(terms: readonly string[]) {
    for (const term of terms) this.add(term);
  }

  get isEmpty(): boolean {
    return this.words.size === 0 && this.phrases.size === 0;
  }

  /**
   * Terms are folded exactly like messages, so "Scam", "scäm" and "sc4m" in
   * the list all mean the same word. A term with a "1" is added under both
   * readings.
   */
  private add(term: string): void {
    const form = matchingForm(term);
    if (form.words.length === 0) return; // only punctuation or emoji: nothing a word filter can match
    for (const spelling of spellingsOf(form.words)) {
      const stretched = spelling.map(stretchOf);
      if (stretched.length === 1) this.addWord(stretched[0]!);
      else {
        const [first, ...rest] = stretched as [StretchedWord, ...StretchedWord[]];
        const list = this.phrases.get(first.squeezed) ?? [];
        list.push({ first, rest });
        this.phrases.set(first.squeezed, list);
        // Spelled out or run together ("f r e e m o n e y", "freemoney"), a phrase is one word.
        this.addWord(stretchOf(spelling.join('')));
      }
    }
  }

  private addWord(word: StretchedWord): void {
    const list = this.words.get(word.squeezed) ?? [];
    list.push(word);
    this.words.set(word.squeezed, list);
  }

  /** True when the message contains a blocked word or phrase as whole words. */
  matches(form: MatchingForm): boolean {
    if (this.isEmpty) return false;
    const { words } = form;
    for (let i = 0; i < words.length; i++) {
      for (const spelling of words[i]!) {
        if (this.matchesWord(spelling) || this.matchesPhraseAt(form, i, spelling)) return true;
      }
    }
    for (const spellings of form.spelledOut) {
      for (const spelling of spellings) if (this.matchesWord(spelling)) return true;
    }
    return false;
  }

  private matchesWord(spelling: string): boolean {
    const candidates = this.words.get(squeezeRepeats(spelling));
    if (!candidates) return false;
    const word = stretchOf(spelling);
    return candidates.some((term) => stretches(word, term));
  }

  private matchesPhraseAt(form: MatchingForm, start: number, spelling: string): boolean {
    if (this.phrases.size === 0) return false;
    const candidates = this.phrases.get(squeezeRepeats(spelling));
    if (!candidates) return false;
    const first = stretchOf(spelling);
    return candidates.some(
      (phrase) =>
        stretches(first, phrase.first) &&
        phrase.rest.every((term, k) => (form.words[start + 1 + k] ?? []).some((s) => stretches(stretchOf(s), term))),
    );
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

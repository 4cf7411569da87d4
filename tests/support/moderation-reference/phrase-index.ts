/**
 * Word phrases looked up by their first word, longest first: "what size"
 * before "what", "i'll take it" before "i'll take". Used where chat is read
 * word by word (questions, claims).
 */
export interface PhraseIndex {
  /** The longest phrase whose words start at `words[at]`; null: none does. */
  longestAt(words: readonly string[], at: number): readonly string[] | null;
}

export function phraseIndex(phrases: readonly (readonly string[])[]): PhraseIndex {
  const byFirst = new Map<string, (readonly string[])[]>();
  for (const phrase of phrases) {
    const first = phrase[0];
    if (first === undefined) continue;
    const list = byFirst.get(first) ?? [];
    list.push(phrase);
    byFirst.set(first, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  return {
    longestAt(words, at) {
      const first = words[at];
      if (first === undefined) return null;
      for (const phrase of byFirst.get(first) ?? []) {
        if (phrase.every((w, i) => words[at + i] === w)) return phrase;
      }
      return null;
    },
  };
}

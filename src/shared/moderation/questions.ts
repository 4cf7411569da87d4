/**
 * Is a chat message a question the host should see? One rule, here, so the
 * engine (the console's Question tag and filter) and claims agree:
 *
 * - a question mark anywhere: "?", "？", "¿" (not the "?" of a link's query);
 * - or a sentence that opens like a question, in English, Spanish or French:
 *   a question word ("how much…", "cuánto…", "combien…", but not "what a
 *   deal" or "qué bonito"), an auxiliary before its subject ("does it come
 *   in blue", "can I pay later"; not "would love one"), a verb viewers ask
 *   with ("tienen talla M", "vous avez du L"), or only the thing asked
 *   about ("price?", "price pls", "shipping to Canada"; not "great price");
 * - or an ask anywhere in a sentence ("and the blue one, how much",
 *   "y el azul cuánto cuesta", "il reste combien").
 *
 * A message is split into sentences at punctuation and emoji, so "love it!
 * does it come in red" asks and "I love how it fits" does not. Words of
 * praise, thanks and claims ("I love this!", "me encanta", "j'adore",
 * "sold") are never questions. A moderator can still mark any message (Q).
 */
import { AsciiTrie } from './ascii-trie.js';
import { foldText } from './normalize.js';
import { phraseIndex } from './phrase-index.js';
import {
  ASKING_ABOUT,
  ASKING_ANYWHERE,
  ASKING_FOLLOWERS,
  ASKING_FOR_LINK,
  AUXILIARIES,
  EXCLAIMING,
  LEAD_IN,
  NEGATIVE_AUXILIARIES,
  OPENER_EXCEPTIONS,
  OPENING_PHRASES,
  PHRASE_EXCEPTIONS,
  PLEASE,
  QUESTION_OPENERS,
  SUBJECTS,
  SUPERLATIVES,
  type AskAnywhere,
} from './question-words.js';

const QUESTION_MARK = /[?？¿؟]/;
/** "shop.com/p?id=3": the "?" of a link's query asks nothing. */
const LINK_QUERY = /[^\s?]\?[\p{L}\p{N}_%-]+=/gu;
/** "@anna how much": a mention is not the first word. */
const MENTION = /@[\p{L}\p{N}_.-]+/gu;
/** Where a sentence ends: sentence punctuation, commas, brackets, quotes, a spaced dash, emoji. */
const SENTENCE_BREAK = /[.!¡;:,…\n()[\]{}"“”«»|/]|\s[-–—]+\s|\p{Extended_Pictographic}/u;
/** Words; apostrophes and hyphens split them ("c'est" → c, est), like the folded forms in question-words.ts. */
const WORD = /[\p{L}\p{N}]+/gu;
const MAX_LEAD_IN = 3;

/** Opening phrases by their first word, longest first. */
const OPENING_INDEX = phraseIndex(OPENING_PHRASES);

/** True when `text` (a chat message as sent) is a question. Never throws. */
export function looksLikeQuestion(text: string): boolean {
  return looksLikeQuestionFolded(text, null);
}

/** `looksLikeQuestion`, given `foldText(text)` already (null: not folded yet). */
export function looksLikeQuestionFolded(text: string, foldedText: string | null): boolean {
  if (QUESTION_MARK.test(text) && QUESTION_MARK.test(text.replace(LINK_QUERY, ''))) return true;
  const mentions = text.includes('@');
  const folded = !mentions && foldedText !== null ? foldedText : foldText(mentions ? text.replace(MENTION, ' ') : text);
  if (!mayAsk(folded)) return false;
  for (const sentence of folded.split(SENTENCE_BREAK)) {
    const words = sentence.match(WORD);
    if (words && sentenceAsks(words)) return true;
  }
  return false;
}

/**
 * Every word that can make a sentence ask (an opening phrase's first word, a
 * question word, an auxiliary, a word asked about, an ask anywhere's first
 * word): without one, no sentence of a message asks.
 */
const ASKING_WORDS = new AsciiTrie(
  [
    ...OPENING_PHRASES.map((phrase) => phrase[0] ?? ''),
    ...QUESTION_OPENERS,
    ...AUXILIARIES,
    ...NEGATIVE_AUXILIARIES,
    ...ASKING_ABOUT,
    ...ASKING_FOR_LINK,
    ...ASKING_ANYWHERE.map((ask) => ask.phrase[0] ?? ''),
  ].map((word) => [word, 1] as const),
);

/**
 * False when no word of the folded text is one of ASKING_WORDS: one pass, no
 * strings built. Words beyond ASCII are not looked up (the full reading decides).
 * Splitting into sentences never splits a word, so the words are those of the sentences
 * (the one letter that is also a pictograph, U+2139, folds to "i").
 */
function mayAsk(folded: string): boolean {
  const n = folded.length;
  let i = 0;
  while (i < n) {
    const first = folded.codePointAt(i)!;
    if (!isLetterOrNumber(first)) {
      i += first > 0xffff ? 2 : 1;
      continue;
    }
    const start = i;
    let ascii = true;
    let cp = first;
    do {
      if (cp >= 0x80) ascii = false;
      i += cp > 0xffff ? 2 : 1;
      if (i >= n) break;
      cp = folded.codePointAt(i)!;
    } while (isLetterOrNumber(cp));
    if (!ascii || ASKING_WORDS.exactly(folded, start, i) !== 0) return true;
  }
  return false;
}

/** [\p{L}\p{N}] by char code below 0x10000, filled as met: 1 yes, 2 no. */
const BMP_LETTER_OR_NUMBER = new Uint8Array(0x10000);
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

function isLetterOrNumber(cp: number): boolean {
  if (cp > 0xffff) return LETTER_OR_NUMBER.test(String.fromCodePoint(cp));
  let known = BMP_LETTER_OR_NUMBER[cp]!;
  if (known === 0) known = BMP_LETTER_OR_NUMBER[cp] = cp < 0xd800 || cp > 0xdfff ? (LETTER_OR_NUMBER.test(String.fromCharCode(cp)) ? 1 : 2) : 2;
  return known === 1;
}

function sentenceAsks(words: readonly string[]): boolean {
  // The opening may follow a greeting or "so", "and"… ("hi how much", "y a-t-il" starts with "y" itself).
  for (let at = 0; at < words.length && at <= MAX_LEAD_IN; at++) {
    if (opensQuestion(words, at)) return true;
    if (!LEAD_IN.has(words[at]!)) break;
  }
  return asksAnywhere(words);
}

function opensQuestion(words: readonly string[], at: number): boolean {
  const first = words[at]!;
  const next = words[at + 1];
  const phrase = OPENING_INDEX.longestAt(words, at);
  if (phrase) {
    const after = words[at + phrase.length];
    return after === undefined || !PHRASE_EXCEPTIONS[phrase.join(' ')]?.has(after);
  }
  if (QUESTION_OPENERS.has(first)) {
    return next === undefined || (!EXCLAIMING.has(next) && !OPENER_EXCEPTIONS[first]?.has(next));
  }
  if (AUXILIARIES.has(first) || (NEGATIVE_AUXILIARIES.has(first) && next === 't')) {
    // "doesn't it", "can't wait": the subject comes after the "t".
    const subjectAt = next === 't' ? at + 2 : at + 1;
    const subject = words[subjectAt];
    if (subject === undefined || !SUBJECTS.has(subject)) return false;
    return !(subject === 'the' && SUPERLATIVES.has(words[subjectAt + 1] ?? ''));
  }
  if (ASKING_ABOUT.has(first)) return next === undefined || ASKING_FOLLOWERS.has(next);
  if (ASKING_FOR_LINK.has(first)) return next === undefined || PLEASE.has(next);
  return false;
}

/** Asks anywhere, by their first word. */
const ASKS_BY_FIRST: ReadonlyMap<string, readonly AskAnywhere[]> = (() => {
  const index = new Map<string, AskAnywhere[]>();
  for (const ask of ASKING_ANYWHERE) index.set(ask.phrase[0]!, [...(index.get(ask.phrase[0]!) ?? []), ask]);
  return index;
})();

function asksAnywhere(words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    for (const ask of ASKS_BY_FIRST.get(words[i]!) ?? []) {
      if (!ask.phrase.every((w, k) => words[i + k] === w)) continue;
      const after = words[i + ask.phrase.length];
      if (!ask.next) return true;
      if (after === undefined ? ask.orEnd === true : ask.next.has(after)) return true;
    }
  }
  return false;
}

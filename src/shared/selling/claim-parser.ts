/**
 * Comment-to-buy: is a chat message a claim on the pinned product, and on
 * which variant? Pure TS (main runs it; the renderer may too).
 *
 * A claim is a SHORT message made only of claim phrases ("sold", "I'll take
 * it", "me lo llevo"), filler ("yes please!!") and the product's option
 * values ("M", "blue", "extra large"). Anything else left over means the
 * viewer is talking, not buying ("I sold mine last year", "sold out"), and
 * questions never claim: a missed claim costs a viewer one more message, a
 * false one costs the seller a unit promised to the wrong person. A question
 * is judged by sentence: the sentence holding the claim word must not ask
 * ("is it sold out?", "sold?", "can I claim the blue"); another sentence that
 * asks or exclaims is an aside and is left out ("sold, any colour", "sold!
 * how much I love this", "me lo llevo, cuánto cuesta").
 */
import { foldText } from '../moderation/normalize.js';
import { phraseIndex } from '../moderation/phrase-index.js';
import { looksLikeQuestion } from '../moderation/questions.js';

/** What recogniseClaim needs of the pinned product (a ProductDetail fits). */
export interface ClaimableProduct {
  readonly optionNames: readonly string[];
  readonly variants: readonly { readonly id: number; readonly optionValues: readonly string[] }[];
}

export type NotAClaimReason = 'empty' | 'question' | 'negative' | 'sold-out' | 'too-long' | 'other-words' | 'no-claim-word';

/**
 * How the variant was decided:
 * - named: the values the viewer wrote fit exactly one variant;
 * - pinned: the viewer named none (or several) and the pinned card is one variant;
 * - only-variant: the product has one variant;
 * - none: no value named, product-level claim;
 * - ambiguous: the values fit several variants ("sold blue"), product-level claim;
 * - unknown-option: a value fits no variant ("sold XXXL"): the viewer should be asked.
 */
export type VariantMatch = 'named' | 'pinned' | 'only-variant' | 'none' | 'ambiguous' | 'unknown-option';

export type ClaimRecognition =
  | { readonly claim: false; readonly reason: NotAClaimReason }
  | {
      readonly claim: true;
      /** The variant claimed, or null: the whole product. */
      readonly variantId: number | null;
      readonly match: VariantMatch;
      /** True when the viewer named a size/colour the product does not have (variantId is null then). */
      readonly unknownOption: boolean;
      /** The variants the named values fit (more than one when ambiguous; empty when unknown). */
      readonly candidates: readonly number[];
    };

/** Above this many words (not counting option values) a message is a conversation, not a claim. */
export const MAX_CLAIM_WORDS = 8;

const phrases = (...list: string[]): string[][] => list.map((p) => p.split(' '));

/**
 * Claim phrases, folded (lowercase, no accents, no apostrophes: "I'll" is
 * "ill", "mío" is "mio"). Matched as whole token sequences.
 */
const CLAIM_PHRASES: readonly (readonly string[])[] = [
  ...phrases('sold', 'claim', 'claimed', 'claiming', 'claims', 'mine', 'me', 'dibs', 'want', 'buy', 'buying', 'gimme'),
  ...englishVerbPhrases(),
  ...phrases('sold to me', 'sold me', 'for me', 'me too', 'mine too', 'yes sold', 'add me', 'put me down', 'i claim', 'i call dibs'),
  // A bare pronoun ("yo", "ich", "eu", "io") is not a claim: "yo" greets in English chat. With a verb it is.
  // es
  ...phrases('vendido', 'vendida', 'lo quiero', 'la quiero', 'los quiero', 'las quiero', 'yo lo quiero', 'yo la quiero', 'quiero',
    'quiero uno', 'quiero una', 'quiero este', 'quiero esta', 'mio', 'mia', 'es mio', 'es mia', 'me lo llevo', 'me la llevo',
    'lo compro', 'la compro', 'para mi', 'apartado', 'apartame', 'separame'),
  // fr
  ...phrases('je prends', 'je prend', 'je le prends', 'je la prends', 'je les prends', 'vendu', 'vendue', 'je le veux',
    'je la veux', 'je veux', 'je lachete', 'moi', 'pour moi', 'je prends ca', 'je le prend', 'je la prend', 'a moi',
    'cest a moi', 'cest pour moi', 'cest moi'),
  // de
  ...phrases('gekauft', 'nehme ich', 'ich nehme', 'ich nehme es', 'ich nehme das', 'ich nehm', 'will ich', 'ich will',
    'ich will es', 'ich will das', 'ich mochte', 'ich kaufe', 'kaufe', 'meins', 'haben will', 'will haben', 'verkauft'),
  // pt
  ...phrases('eu quero', 'quero', 'eu quero um', 'eu quero uma', 'e meu', 'e minha', 'meu', 'minha', 'eu levo', 'levo',
    'vendido pra mim', 'pra mim'),
  // it
  ...phrases('lo prendo', 'la prendo', 'prendo', 'lo voglio', 'la voglio', 'voglio', 'venduto', 'venduta', 'per me',
    'lo compro io', 'mio', 'mia', 'e mio', 'e mia', 'ne prendo uno', 'ne prendo una', 'ne voglio uno', 'ne voglio una'),
];

/** "I'll take it", "i will take one", "id like this one", "take it"... */
function englishVerbPhrases(): string[][] {
  const subjects = ['', 'i', 'ill', 'i will', 'id', 'i would', 'i wanna', 'i want to', 'i can', 'ok ill', 'yes ill'];
  const verbs = ['take', 'want', 'buy', 'need', 'claim', 'get', 'like', 'love to buy', 'grab'];
  const objects = ['', 'it', 'one', 'this', 'that', 'this one', 'that one', 'them', 'both', '1', 'a', 'the'];
  const out: string[][] = [];
  for (const s of subjects) {
    for (const v of verbs) {
      // "like" claims only with a subject ("id like one"); "like it" alone is a compliment.
      if (v === 'like' && (s === '' || s === 'i')) continue;
      for (const o of objects) {
        if (s === '' && o === '' && v !== 'want' && v !== 'buy' && v !== 'claim') continue;
        out.push([s, v, o].filter((w) => w !== '').join(' ').split(' '));
      }
    }
  }
  return out;
}

/** Politeness and excitement that may surround a claim. */
const FILLER: ReadonlySet<string> = new Set([
  'yes', 'yess', 'yesss', 'yeah', 'yea', 'yep', 'yup', 'ya', 'please', 'pls', 'plz', 'plse', 'pleasee', 'thanks', 'thank', 'you',
  'thx', 'ty', 'ok', 'okay', 'oh', 'omg', 'wow', 'hi', 'hey', 'hello', 'lol', 'haha', 'now', 'asap', 'too', 'also', 'definitely',
  'def', 'x', 'xx', 'xo', 'love', 'it', 'yay', 'and', 'or', 'girl', 'babe', 'mama', 'y', 'o', 'et', 'und', 'oder', 'e', 'ou',
  'si', 'por', 'favor', 'porfa', 'porfavor', 'gracias', 'oui', 'svp', 'stp', 'merci', 'sil', 'vous', 'plait', 'ja', 'bitte', 'danke',
  'sim', 'obrigado', 'obrigada', 'grazie', 'perfavore',
]);

/** Words that may come before an option value: "sold in medium", "the blue one". */
const OPTION_LEAD: ReadonlySet<string> = new Set([
  'in', 'the', 'a', 'an', 'one', 'en', 'em', 'de', 'di', 'la', 'el', 'le', 'der', 'die', 'das', 'of', 'for', 'to',
]);
/** Words that say an option value comes next: whatever follows is one ("claim size 42"). */
const OPTION_NAMES: ReadonlySet<string> = new Set([
  'size', 'sz', 'color', 'colour', 'talla', 'taille', 'grosse', 'große', 'tamanho', 'taglia', 'couleur', 'farbe', 'cor',
  'colore', 'number', 'num', 'no',
]);

const NEGATIONS: ReadonlySet<string> = new Set([
  'not', 'dont', 'no', 'nope', 'never', 'nah', 'doesnt', 'didnt', 'cant', 'wont', 'isnt', 'aint', 'nao', 'non', 'pas',
  // Not "ne": Italian "ne prendo uno" is a claim; French negation always has "pas" too.
  'nicht', 'kein', 'keine', 'nada', 'ni', 'nunca', 'jamais', 'nie', 'mai',
]);

/** Words that open a question even without "?". */
const QUESTION_STARTS: ReadonlySet<string> = new Set([
  'how', 'hows', 'what', 'whats', 'when', 'where', 'wheres', 'why', 'who', 'whos', 'whom', 'whose', 'which', 'is', 'are',
  'was', 'were', 'do', 'does', 'did', 'can', 'could', 'will', 'would', 'should', 'shall', 'has', 'have', 'had', 'may', 'might',
  'any', 'anyone', 'anybody', 'am',
  'cuanto', 'cuanta', 'cuantos', 'como', 'donde', 'cuando', 'que', 'cual', 'quien', 'hay', 'tienes', 'tienen',
  'combien', 'comment', 'quand', 'ou', 'pourquoi', 'quel', 'quelle', 'est', 'estce', 'qui', 'quoi',
  'wie', 'wann', 'wo', 'warum', 'welche', 'welcher', 'gibt', 'ist', 'hast', 'habt', 'kann',
  'quanto', 'quanta', 'quando', 'onde', 'qual', 'quem', 'tem', 'dove', 'perche', 'quale', 'chi', 'come', 'ce',
]);

const SOLD_WORDS: ReadonlySet<string> = new Set(['sold', 'vendido', 'vendida', 'vendu', 'vendue', 'venduto', 'venduta', 'verkauft']);
const OUT_WORDS: ReadonlySet<string> = new Set(['out', 'off', 'already']);

/** Clothing sizes by canonical code; a value and a word match when their codes match. */
const SIZE_SYNONYMS: Readonly<Record<string, string>> = {
  xxs: 'xxs', '2xs': 'xxs', 'extra extra small': 'xxs', xxsmall: 'xxs',
  xs: 'xs', 'extra small': 'xs', xsmall: 'xs', 'x small': 'xs',
  s: 's', small: 's', sm: 's', sml: 's', pequeno: 's', pequena: 's', petit: 's', klein: 's', piccola: 's', piccolo: 's', p: 's',
  m: 'm', medium: 'm', med: 'm', md: 'm', mediano: 'm', mediana: 'm', moyen: 'm', mittel: 'm', medio: 'm', media: 'm',
  l: 'l', large: 'l', lg: 'l', lrg: 'l', grande: 'l', grand: 'l', gross: 'l', groß: 'l', g: 'l',
  xl: 'xl', 'extra large': 'xl', xlarge: 'xl', 'x large': 'xl', xlg: 'xl',
  xxl: 'xxl', '2xl': 'xxl', 'extra extra large': 'xxl', 'xx large': 'xxl', xxlarge: 'xxl',
  xxxl: 'xxxl', '3xl': 'xxxl', '4xl': 'xxxxl', xxxxl: 'xxxxl', '5xl': 'xxxxxl', xxxxxl: 'xxxxxl',
};

/** Words that look like an attempt at naming a size or colour, even when the product has no such value. */
const SIZE_LIKE = /^(?:\d*x*[sml]|\d*x+l|\d+(?:[.,]\d+)?|(?:extra|x)?(?:small|large)|medium|med)$/;
const COLOUR_WORDS: ReadonlySet<string> = new Set([
  'black', 'white', 'red', 'blue', 'green', 'yellow', 'pink', 'purple', 'orange', 'grey', 'gray', 'brown', 'beige', 'navy',
  'cream', 'gold', 'silver', 'teal', 'khaki', 'olive', 'burgundy', 'maroon', 'tan', 'ivory', 'lilac', 'lavender', 'mint',
  'coral', 'rose', 'nude', 'camel', 'charcoal', 'denim', 'turquoise', 'magenta', 'violet', 'sage', 'rust', 'mustard', 'wine',
  'negro', 'negra', 'blanco', 'blanca', 'rojo', 'roja', 'azul', 'verde', 'rosa', 'noir', 'noire', 'blanc', 'blanche', 'rouge',
  'bleu', 'vert', 'schwarz', 'weiss', 'rot', 'blau', 'grun', 'preto', 'preta', 'branco', 'branca', 'vermelho', 'nero', 'bianco',
  'rosso', 'blu',
]);

/** Folded words: lowercase, no accents, apostrophes dropped ("I’ll" → "ill"), decimals kept ("10.5"). */
export function claimWords(text: string): string[] {
  const folded = foldText(text).replace(/['’‘`´]/g, '');
  return folded.match(/[\p{L}\p{N}]+(?:[.,]\p{N}+)*/gu) ?? [];
}

/** One code for every way of writing a value: "Medium" and "m" → "m"; "Navy Blue" → "navy blue". */
function valueKey(words: readonly string[]): string {
  const joined = words.join(' ');
  return SIZE_SYNONYMS[joined] ?? joined.replace(/^(\d+),(\d+)$/, '$1.$2');
}

interface ProductValues {
  /** key → the option positions that have it. */
  readonly keys: ReadonlyMap<string, ReadonlySet<number>>;
  /** A word of a multi-word value → those values' keys ("blue" → "navy blue", "light blue"). */
  readonly partial: ReadonlyMap<string, ReadonlySet<string>>;
  /** Longest value in words, to bound the search. */
  readonly maxWords: number;
  readonly hasOptions: boolean;
}

function productValues(product: ClaimableProduct): ProductValues {
  const keys = new Map<string, Set<number>>();
  const partial = new Map<string, Set<string>>();
  let maxWords = 1;
  for (const variant of product.variants) {
    variant.optionValues.forEach((value, position) => {
      const words = claimWords(value);
      if (words.length === 0) return;
      maxWords = Math.max(maxWords, words.length);
      const key = valueKey(words);
      const set = keys.get(key) ?? new Set<number>();
      set.add(position);
      keys.set(key, set);
      if (words.length < 2) return;
      for (const word of words) {
        // Short words ("in", "of") are too common; numbers count ("10" of "US 10").
        if (word.length < 3 && !/^\d/.test(word)) continue;
        const of = partial.get(word) ?? new Set<string>();
        of.add(key);
        partial.set(word, of);
      }
    });
  }
  return { keys, partial, maxWords: Math.min(maxWords, 4), hasOptions: keys.size > 0 };
}

const PHRASE_INDEX = phraseIndex(CLAIM_PHRASES);

function phraseAt(words: readonly string[], at: number): number {
  return PHRASE_INDEX.longestAt(words, at)?.length ?? 0;
}

/** Longest run of words at `at` that names an option value (or a size synonym of one); 0: none. */
function valueAt(words: readonly string[], at: number, values: ProductValues): { length: number; key: string } | null {
  for (let n = Math.min(values.maxWords + 2, words.length - at); n >= 1; n--) {
    const key = valueKey(words.slice(at, at + n));
    if (values.keys.has(key)) return { length: n, key };
  }
  return null;
}

/** A word that reads as a size or colour: the viewer tried to name a variant. */
function looksLikeOption(word: string): boolean {
  return SIZE_LIKE.test(word) || SIZE_SYNONYMS[word] !== undefined || COLOUR_WORDS.has(word);
}

const NOT_A_CLAIM = (reason: NotAClaimReason): ClaimRecognition => ({ claim: false, reason });

/**
 * Reads a chat message as a claim on `product`. `pinnedVariantId` is the
 * variant the pinned card shows (null: the whole product). Never throws.
 */
export function recogniseClaim(text: string, product: ClaimableProduct, pinnedVariantId: number | null): ClaimRecognition {
  const words = wordsToRead(text);
  if (words === 'question') return NOT_A_CLAIM('question');
  if (words.length === 0) return NOT_A_CLAIM('empty');
  if (words.some((w) => NEGATIONS.has(w) && !isNumberLead(words, w))) return NOT_A_CLAIM('negative');
  for (let i = 0; i + 1 < words.length; i++) {
    if (SOLD_WORDS.has(words[i]!) && OUT_WORDS.has(words[i + 1]!)) return NOT_A_CLAIM('sold-out');
  }

  const values = productValues(product);
  const named = new Set<string>();
  let unknown = false;
  let claimWordsSeen = 0;
  let otherWords = 0;
  let sawClaim = false;
  for (let at = 0; at < words.length; ) {
    const phrase = phraseAt(words, at);
    const value = valueAt(words, at, values);
    if (value && value.length >= phrase) {
      named.add(value.key);
      at += value.length;
      continue;
    }
    if (phrase > 0) {
      sawClaim = true;
      claimWordsSeen += phrase;
      at += phrase;
      continue;
    }
    const word = words[at]!;
    const afterOptionName = at > 0 && OPTION_NAMES.has(words[at - 1]!);
    const partOf = values.partial.get(word);
    if ((OPTION_NAMES.has(word) && at + 1 < words.length) || OPTION_LEAD.has(word) || FILLER.has(word)) {
      otherWords++;
    } else if (partOf && !values.keys.has(word)) {
      // One word of longer values ("blue" of "Navy Blue"): any of them may be meant.
      for (const key of partOf) named.add(key);
    } else if (looksLikeOption(word) || afterOptionName) {
      // A size or colour this product does not have: only worth asking about when it has options.
      if (values.hasOptions) unknown = true;
      otherWords += values.hasOptions ? 0 : 1;
    } else {
      return NOT_A_CLAIM('other-words');
    }
    at++;
  }
  if (claimWordsSeen + otherWords > MAX_CLAIM_WORDS) return NOT_A_CLAIM('too-long');
  if (!sawClaim) return NOT_A_CLAIM('no-claim-word');
  return resolveVariant(product, values, named, unknown, pinnedVariantId);
}

/** Where a sentence ends (as in moderation/questions.ts), but never inside a number: "10.5", "1,5". */
const SENTENCE_BREAK = /(?<!\p{N})[.,]|[.,](?!\p{N})|[!¡;:…\n()[\]{}"“”«»|/]|\s[-–—]+\s|\p{Extended_Pictographic}/u;

/**
 * The words a claim is read from, or 'question'. A sentence asks when the
 * console would tag it a question (a "?", "¿" anywhere in it; see
 * looksLikeQuestion) or it opens with a question word in any of the claim
 * languages. A sentence that asks and holds a claim word makes the whole
 * message a question; one that asks without a claim word is an aside, left
 * out; a message of asides and no claim word is a question.
 */
function wordsToRead(text: string): string[] | 'question' {
  const words: string[] = [];
  let asides = 0;
  for (const sentence of text.normalize('NFKC').split(SENTENCE_BREAK)) {
    const own = claimWords(sentence);
    const asks = /[?？¿]/.test(sentence) || looksLikeQuestion(sentence) || (own.length > 0 && QUESTION_STARTS.has(own[0]!));
    if (!asks) {
      words.push(...own);
      continue;
    }
    if (holdsClaimWord(own, PRONOUN_CLAIMS)) return 'question';
    asides++;
  }
  return asides > 0 && !holdsClaimWord(words) ? 'question' : words;
}

/** "Me!" claims in English, but in an asking or exclaiming sentence it is the es/fr/it/pt pronoun ("como me encanta"). */
const PRONOUN_CLAIMS: ReadonlySet<string> = new Set(['me']);

function holdsClaimWord(words: readonly string[], ignored: ReadonlySet<string> = new Set()): boolean {
  return words.some((word, at) => {
    const length = phraseAt(words, at);
    return length > 1 || (length === 1 && !ignored.has(word));
  });
}

/** "no 10" is "number 10", not a negation. */
function isNumberLead(words: readonly string[], word: string): boolean {
  if (word !== 'no') return false;
  const i = words.indexOf('no');
  return /^\d/.test(words[i + 1] ?? '');
}

function resolveVariant(
  product: ClaimableProduct,
  values: ProductValues,
  named: ReadonlySet<string>,
  unknown: boolean,
  pinnedVariantId: number | null,
): ClaimRecognition {
  const claim = (variantId: number | null, match: VariantMatch, candidates: readonly number[]): ClaimRecognition => ({
    claim: true,
    variantId,
    match,
    unknownOption: match === 'unknown-option',
    candidates,
  });
  const pinned = pinnedVariantId === null ? undefined : product.variants.find((v) => v.id === pinnedVariantId);
  const fallback = (): ClaimRecognition => {
    if (pinned) return claim(pinned.id, 'pinned', [pinned.id]);
    const only = product.variants.length === 1 ? product.variants[0] : undefined;
    if (only) return claim(only.id, 'only-variant', [only.id]);
    return claim(null, 'none', product.variants.map((v) => v.id));
  };
  if (unknown) return claim(null, 'unknown-option', []);
  if (named.size === 0) return fallback();

  // Within one option the named values are alternatives ("M or L"); across options all must hold ("blue L").
  const namedPositions = new Set<number>();
  for (const key of named) for (const p of values.keys.get(key) ?? []) namedPositions.add(p);
  const keysOf = (v: ClaimableProduct['variants'][number]) => v.optionValues.map((value) => valueKey(claimWords(value)));
  const fits = product.variants.filter((v) => {
    const keys = keysOf(v);
    return [...namedPositions].every((p) => keys[p] !== undefined && named.has(keys[p]));
  });
  const ids = fits.map((v) => v.id);
  if (fits.length === 1) return claim(fits[0]!.id, 'named', ids);
  if (fits.length === 0) return claim(null, 'unknown-option', []);
  // Several fit: the pinned variant is the one meant when it is among them, or the one that agrees with it on the rest.
  if (pinned) {
    if (ids.includes(pinned.id)) return claim(pinned.id, 'pinned', ids);
    const pinnedKeys = keysOf(pinned);
    const agreeing = fits.filter((v) => keysOf(v).every((k, p) => namedPositions.has(p) || k === pinnedKeys[p]));
    if (agreeing.length === 1) return claim(agreeing[0]!.id, 'named', ids);
  }
  return claim(null, 'ambiguous', ids);
}

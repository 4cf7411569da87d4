/**
 * "Sold, one more please": a viewer who already claimed the pinned product
 * asking for more of it. Pure TS, like the claim parser it sits beside.
 *
 * A request for more is a short message made of one "more" phrase ("one
 * more", "2 more", "uno más", "encore un", "noch eins", "mais um", or
 * "another one", "otro", "un altro") and nothing but claim words,
 * politeness and reactions around it ("sold", "I'll take", "please", "omg").
 * "Another one" / "otro" asks only with a claim word or a please beside it
 * ("another one please", "I'll take another"): alone or among reactions
 * ("omg another one") it is a cheer. Anything else means the viewer is
 * talking ("one more question", "one more time", "two more minutes"), and
 * questions never count.
 */
import { claimWords } from './claim-parser.js';

/** The most units one message may ask for ("5 more"); above that it is chatter ("20 more minutes"). */
export const MAX_MORE_UNITS = 5;
/** Above this many words a message is a conversation, not a request. */
const MAX_WORDS = 8;

const NUMBERS: Readonly<Record<string, number>> = {
  one: 1, un: 1, une: 1, uno: 1, una: 1, um: 1, uma: 1, ein: 1, eine: 1, einen: 1, eins: 1,
  two: 2, dos: 2, deux: 2, zwei: 2, dois: 2, duas: 2, due: 2,
  three: 3, tres: 3, trois: 3, drei: 3, tre: 3,
  four: 4, cuatro: 4, quatre: 4, vier: 4, quatro: 4, quattro: 4,
  five: 5, cinco: 5, cinq: 5, funf: 5, cinque: 5,
};

/** "another", "otro", "outra", "altro"... alone mean one more. */
const ANOTHER: ReadonlySet<string> = new Set(['another', 'otro', 'otra', 'outro', 'outra', 'altro', 'altra', 'unaltra', 'unaltro']);
/** A number then one of these: "one more", "uno más", "2 more", "mais" (pt "dois mais" is rare, "mais dois" below). */
const MORE_AFTER: ReadonlySet<string> = new Set(['more', 'mas', 'mais']);
/** One of these then a number: "encore un", "noch eins", "mais um", "ancora uno". */
const MORE_BEFORE: ReadonlySet<string> = new Set(['encore', 'noch', 'mais', 'ancora']);

/**
 * Words that ask: claim words and politeness, in the languages the claim
 * parser reads. "another one" needs one of these ("another one please",
 * "I'll take another", "otro por favor"): alone, or wrapped only in
 * reactions ("omg another one", "wow otro"), it is a cheer, not an order.
 */
const ASKING: ReadonlySet<string> = new Set([
  'sold', 'claim', 'mine', 'me', 'ill', 'id', 'will', 'would', 'take', 'want', 'need', 'get', 'buy', 'grab', 'please', 'pls', 'plz',
  'thanks', 'thank', 'ty', 'thx',
  'vendido', 'vendida', 'quiero', 'llevo', 'favor', 'porfa', 'gracias', 'mi',
  'vendu', 'vendue', 'prends', 'prend', 'veux', 'moi', 'svp', 'stp', 'merci', 'plait',
  'gekauft', 'verkauft', 'nehme', 'bitte', 'danke',
  'quero', 'levo', 'obrigado', 'obrigada',
  'venduto', 'venduta', 'prendo', 'voglio', 'grazie', 'perfavore', 'favore',
]);
/** Words that may surround a request without asking anything themselves: reactions, assent, pronouns. */
const FILLER: ReadonlySet<string> = new Set([
  'for', 'i', 'like', 'yes', 'yeah', 'yep', 'ok', 'okay', 'oh', 'omg', 'wow', 'and', 'too', 'also', 'you', 'now', 'x', 'xx', 'lol',
  'haha', 'love', 'it', 'yo', 'lo', 'la', 'si', 'por', 'para', 'je', 'pour', 'oui', 'sil', 'vous', 'ich', 'ja', 'eu', 'pra', 'sim', 'ne', 'per',
]);

/** Units a message asks for, 1 to MAX_MORE_UNITS; null: it is not a request for more. */
export function recogniseOneMore(text: string): number | null {
  if (/[?？¿]/.test(text)) return null;
  // Folded like the claim parser's words: "Más" is "mas", "un'altra" is "unaltra".
  const words = claimWords(text);
  if (words.length === 0 || words.length > MAX_WORDS) return null;
  let found: { units: number; explicit: boolean } | null = null;
  let asked = false;
  for (let at = 0; at < words.length; ) {
    const more = moreAt(words, at);
    if (more) {
      if (found !== null) return null; // "one more, two more": not one clear request
      found = more;
      at += more.length;
      continue;
    }
    const word = words[at]!;
    if (ASKING.has(word)) asked = true;
    else if (!FILLER.has(word)) return null;
    at++;
  }
  if (found === null || !(found.explicit || asked)) return null;
  return found.units >= 1 && found.units <= MAX_MORE_UNITS ? found.units : null;
}

/**
 * A "more" phrase starting at `at`: how many units, how many words it took,
 * and whether it asks by itself ("one more", "2 more", "uno más", "encore
 * un") or only with an asking word beside it ("another one", "otro").
 */
function moreAt(words: readonly string[], at: number): { units: number; length: number; explicit: boolean } | null {
  const word = words[at]!;
  const next = words[at + 1];
  const count = (w: string | undefined) => (w === undefined ? undefined : (NUMBERS[w] ?? (/^\d$/.test(w) ? Number(w) : undefined)));
  // "un altro", "un'altra" (folded "unaltra" is in ANOTHER): the article is part of it.
  if ((word === 'un' || word === 'una') && next !== undefined && ANOTHER.has(next)) return { units: 1, length: 2, explicit: false };
  if (ANOTHER.has(word)) {
    // "another one"; "otro más", "otra mas" ask by themselves
    if (next === 'mas' || next === 'more') return { units: 1, length: 2, explicit: true };
    return { units: 1, length: next === 'one' ? 2 : 1, explicit: false };
  }
  const n = count(word);
  if (n !== undefined && next !== undefined && MORE_AFTER.has(next)) return { units: n, length: 2, explicit: true };
  // "un de plus", "une de plus"
  if (n !== undefined && next === 'de' && words[at + 2] === 'plus') return { units: n, length: 3, explicit: true };
  const m = count(next);
  if (MORE_BEFORE.has(word) && m !== undefined) return { units: m, length: 2, explicit: true };
  return null;
}

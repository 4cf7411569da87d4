/**
 * "Sold, one more please": a viewer who already claimed the pinned product
 * asking for more of it. Pure TS, like the claim parser it sits beside.
 *
 * A request for more is a short message made of one "more" phrase ("one
 * more", "another one", "2 more", "otro", "uno más", "encore un", "noch
 * eins", "mais um", "un altro") and nothing but claim words and politeness
 * around it ("sold", "I'll take", "please"). Anything else means the viewer
 * is talking ("one more question", "one more time", "two more minutes"),
 * and questions never count.
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

/** Words that may surround the request: claim words and politeness, in the languages the claim parser reads. */
const AROUND: ReadonlySet<string> = new Set([
  'sold', 'claim', 'mine', 'me', 'for', 'i', 'ill', 'id', 'will', 'would', 'take', 'want', 'need', 'get', 'like', 'buy', 'grab', 'please',
  'pls', 'plz', 'yes', 'yeah', 'yep', 'ok', 'okay', 'oh', 'omg', 'wow', 'and', 'too', 'also', 'thanks', 'thank', 'you', 'ty', 'thx', 'now',
  'x', 'xx', 'lol', 'haha', 'love', 'it',
  'vendido', 'vendida', 'quiero', 'yo', 'lo', 'la', 'llevo', 'si', 'por', 'favor', 'porfa', 'gracias', 'para', 'mi',
  'vendu', 'vendue', 'je', 'prends', 'prend', 'veux', 'pour', 'moi', 'oui', 'svp', 'stp', 'merci', 'sil', 'vous', 'plait',
  'gekauft', 'verkauft', 'ich', 'nehme', 'ja', 'bitte', 'danke',
  'eu', 'quero', 'levo', 'pra', 'sim', 'obrigado', 'obrigada',
  'venduto', 'venduta', 'prendo', 'voglio', 'grazie', 'perfavore', 'ne',
]);

/** Units a message asks for, 1 to MAX_MORE_UNITS; null: it is not a request for more. */
export function recogniseOneMore(text: string): number | null {
  if (/[?？¿]/.test(text)) return null;
  // Folded like the claim parser's words: "Más" is "mas", "un'altra" is "unaltra".
  const words = claimWords(text);
  if (words.length === 0 || words.length > MAX_WORDS) return null;
  let units: number | null = null;
  for (let at = 0; at < words.length; ) {
    const found = moreAt(words, at);
    if (found) {
      if (units !== null) return null; // "one more, two more": not one clear request
      units = found.units;
      at += found.length;
      continue;
    }
    if (!AROUND.has(words[at]!)) return null;
    at++;
  }
  return units !== null && units >= 1 && units <= MAX_MORE_UNITS ? units : null;
}

/** A "more" phrase starting at `at`: how many units and how many words it took. */
function moreAt(words: readonly string[], at: number): { units: number; length: number } | null {
  const word = words[at]!;
  const next = words[at + 1];
  const count = (w: string | undefined) => (w === undefined ? undefined : (NUMBERS[w] ?? (/^\d$/.test(w) ? Number(w) : undefined)));
  // "un altro", "un'altra" (folded "unaltra" is in ANOTHER): the article is part of it.
  if ((word === 'un' || word === 'una') && next !== undefined && ANOTHER.has(next)) return { units: 1, length: 2 };
  if (ANOTHER.has(word)) {
    // "another one", "otro más", "otra mas"
    const tail = next === 'one' || next === 'mas' || next === 'more' ? 1 : 0;
    return { units: 1, length: 1 + tail };
  }
  const n = count(word);
  if (n !== undefined && next !== undefined && MORE_AFTER.has(next)) return { units: n, length: 2 };
  // "un de plus", "une de plus"
  if (n !== undefined && next === 'de' && words[at + 2] === 'plus') return { units: n, length: 3 };
  const m = count(next);
  if (MORE_BEFORE.has(word) && m !== undefined) return { units: m, length: 2 };
  return null;
}

/**
 * What a practice show's simulated viewers say (docs/practice.md): a varied
 * built-in set in English, Spanish, Portuguese, French and German —
 * greetings, compliments, emoji, questions a host is asked every show, and
 * claims in the words real buyers use — and a seeded picker, so a run with
 * the same seed says the same things (tests, demos).
 *
 * The chatter and the questions are checked (practice-messages.test.ts)
 * never to read as a claim or a bid, and the questions to be marked as
 * questions by the chat console; the claims to be claims.
 */
import type { Money } from '../../shared/domain/catalog.js';
import { addMoney, compareMoney, multiplyMoney } from '../../shared/domain/money.js';

export type PracticeLanguage = 'en' | 'es' | 'pt' | 'fr' | 'de';
export const PRACTICE_LANGUAGES: readonly PracticeLanguage[] = ['en', 'es', 'pt', 'fr', 'de'];

/** Greetings, compliments and reactions: never a claim, a bid or a question. */
export const CHATTER: Readonly<Record<PracticeLanguage, readonly string[]>> = {
  en: [
    'hi everyone 👋',
    'hello from Texas!',
    'just joined 🙌',
    'love this!! 😍',
    'so pretty',
    'that colour is gorgeous',
    'omg yes',
    '🔥🔥🔥',
    'the fabric looks so soft',
    'great show tonight',
    'this is my favourite live',
    'ok that is cute',
    'wow 😮',
    'happy friday all',
    'thanks for going live!',
    '❤️❤️',
    'the lighting looks great today',
    'my sister would love that',
  ],
  es: ['hola a todos 👋', 'qué bonito!', 'me encanta 😍', 'saludos desde México', 'qué lindo color', 'buenísimo', 'llegué tarde jaja', '🔥 precioso'],
  pt: ['oi gente 👋', 'que lindo!', 'amei 😍', 'boa noite do Brasil', 'cor linda demais', 'maravilhoso', 'cheguei agora', 'perfeito ❤️'],
  fr: ['coucou tout le monde 👋', 'trop beau !', 'j’adore 😍', 'bonsoir de Lyon', 'super couleur', 'magnifique', 'ça a l’air tout doux', 'trop mignon ❤️'],
  de: ['hallo zusammen 👋', 'wie schön!', 'sieht toll aus 😍', 'grüße aus Berlin', 'tolle Farbe', 'wunderschön', 'bin gerade dazugekommen', 'super Show heute'],
};

/** What hosts are asked every show; each ends with "?" (the chat console marks them). */
export const QUESTIONS: Readonly<Record<PracticeLanguage, readonly string[]>> = {
  en: [
    'does it come in blue?',
    'what size is the model wearing?',
    'how does it fit, true to size?',
    'is it machine washable?',
    'what is it made of?',
    'do you ship to Canada?',
    'can you show the back?',
    'how long is it?',
    'is there a matching one for kids?',
    'when does shipping start?',
  ],
  es: ['¿viene en azul?', '¿qué talla lleva la modelo?', '¿hacen envíos a España?', '¿de qué material es?', '¿se puede lavar en lavadora?'],
  pt: ['tem em azul?', 'qual tamanho a modelo está usando?', 'entrega no Brasil?', 'qual é o tecido?', 'pode mostrar as costas?'],
  fr: ['il existe en bleu ?', 'quelle taille porte le mannequin ?', 'vous livrez en Belgique ?', 'c’est quelle matière ?', 'ça taille normalement ?'],
  de: ['gibt es das auch in blau?', 'welche Größe trägt das Model?', 'versendet ihr nach Österreich?', 'aus welchem Material ist das?', 'fällt es normal aus?'],
};

/** Claim words per language, said alone ("sold") or before an option ("claim M"). */
export const CLAIM_WORDS: Readonly<Record<PracticeLanguage, readonly string[]>> = {
  en: ['sold', 'claim', 'sold!', 'I’ll take it', 'dibs'],
  es: ['lo quiero', 'vendido', 'me lo llevo'],
  pt: ['eu quero', 'vendido', 'eu levo'],
  fr: ['je prends', 'vendu', 'je le veux'],
  de: ['ich nehme', 'gekauft', 'nehme ich'],
};

/** Display names: several languages, like a real audience. */
export const VIEWER_NAMES: readonly string[] = [
  'Ana', 'Ben', 'Carla', 'Diego', 'Emma', 'Fátima', 'Gabriel', 'Hanna', 'Inês', 'Jules', 'Karin', 'Lucas', 'Marie', 'Nina', 'Olivia',
  'Pedro', 'Quentin', 'Rosa', 'Sofia', 'Tomás', 'Ugo', 'Valentina', 'Wen', 'Xavier', 'Yara', 'Zoe', 'Amélie', 'Bruno', 'Chloé', 'Dani',
  'Elena', 'Felix', 'Giulia', 'Hugo', 'Isabel', 'João', 'Klara', 'Léa', 'Mateo', 'Noah',
];

/** A small seeded generator (mulberry32): the same seed, the same audience. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** In [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Nothing to pick from.');
    return items[this.below(items.length)]!;
  }

  /** True with probability `percent` / 100. */
  chance(percent: number): boolean {
    return this.next() * 100 < percent;
  }
}

/** The n-th simulated viewer's display name ("Ana", … then "Ana 2"): unique in the audience. */
export function viewerName(index: number): string {
  const base = VIEWER_NAMES[index % VIEWER_NAMES.length]!;
  const round = Math.floor(index / VIEWER_NAMES.length);
  return round === 0 ? base : `${base} ${round + 1}`;
}

/** Each viewer's language: mostly English, the others well represented. */
export function languageOf(random: SeededRandom): PracticeLanguage {
  return random.chance(45) ? 'en' : random.pick(PRACTICE_LANGUAGES.slice(1));
}

/**
 * A message of a kind in a language, different from the viewer's recent
 * ones (the chat's duplicate rule would hold a repeat for review).
 */
export function pickMessage(random: SeededRandom, set: readonly string[], recent: readonly string[]): string {
  const fresh = set.filter((text) => !recent.includes(text));
  return random.pick(fresh.length > 0 ? fresh : set);
}

/**
 * A claim on the pinned product: the claim word alone, or with one of the
 * pinned product's options ("claim M", "lo quiero azul"; `options` are the
 * option values of its variants, e.g. ["S", "M", "Blue"]).
 */
export function claimMessage(random: SeededRandom, language: PracticeLanguage, options: readonly string[]): string {
  const word = random.pick(CLAIM_WORDS[language]);
  if (options.length === 0 || random.chance(30)) return word;
  return `${word.replace(/!$/, '')} ${random.pick(options)}`;
}

/**
 * A simulated viewer's private ceiling for one auction, in hundredths of the
 * start price (150–400: it stops bidding past 1.5× to 4× the start), so a
 * practice auction ends as a real one does when bidders reach their budget.
 * The same for the same run, viewer and auction, whatever else happened.
 */
export function ceilingPercent(seed: number, viewerIndex: number, auctionId: number): number {
  const random = new SeededRandom(Math.imul(seed >>> 0, 2654435761) ^ Math.imul(viewerIndex + 1, 40503) ^ Math.imul(auctionId, 1000003));
  random.next();
  return 150 + random.below(251);
}

/** True when `amount` is at most `percent` hundredths of `base`. */
export function withinCeiling(amount: Money, base: Money, percent: number): boolean {
  return compareMoney(multiplyMoney(amount, 100), multiplyMoney(base, percent)) <= 0;
}

/** How a simulated viewer bids on a running auction. */
export type PracticeBid =
  | { readonly kind: 'bid'; readonly amount: Money }
  | { readonly kind: 'maxBid'; readonly amount: Money }
  | { readonly kind: 'chat'; readonly text: string };

/**
 * A bid at the next allowed amount: mostly the page's Bid button, sometimes
 * a maximum a few increments up ("bid for me up to"), sometimes typed in
 * chat ("$25", "25!", "bid 25").
 */
export function pickBid(random: SeededRandom, nextBid: Money, increment: Money): PracticeBid {
  const roll = random.below(10);
  if (roll < 6) return { kind: 'bid', amount: nextBid };
  if (roll < 8) {
    let max = nextBid;
    for (let steps = 1 + random.below(4); steps > 0; steps--) max = addMoney(max, increment);
    return { kind: 'maxBid', amount: max };
  }
  const shown = nextBid.replace(/\.0+$/, '');
  return { kind: 'chat', text: random.pick([`$${shown}`, `${shown}!`, `bid ${shown}`]) };
}

/** The option values of a product's variants ("M / Blue" → "M", "Blue"), each once. */
export function optionsOf(variantTitles: readonly string[]): string[] {
  const values = new Set<string>();
  for (const title of variantTitles) for (const part of title.split('/')) if (part.trim() !== '' && part.trim() !== 'Default Title') values.add(part.trim());
  return [...values];
}

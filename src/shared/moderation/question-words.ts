/**
 * The words that make a chat message a question without a question mark,
 * in the languages chat understands (English, Spanish, French). Plain data
 * for `questions.ts`; every word is folded (lowercase, no accents) and
 * split at apostrophes and hyphens as messages are ("c'est" is "c est",
 * "est-ce" is "est ce", "don't" is "don t").
 *
 * Chosen from how live-shopping viewers write: a question word or an
 * auxiliary verb opens the sentence ("how much…", "does it come in blue",
 * "cuánto cuesta", "vous avez du M"). A word buyers ask about ("price",
 * "shipping") only counts when it is the whole request ("price?", "price
 * pls", "shipping to Canada"): "great price" and "shipping was fast" are
 * not questions.
 */

const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter((w) => w !== ''));

/** Skipped before the opening word: "hi, how much", "ok so is it cotton", "hola cuánto", "bonjour c'est combien". */
export const LEAD_IN = words(`
  hi hey hello hiya heya ok okay k so and but also oh um umm hmm wait sorry btw lol omg wow yes yeah
  hola oye buenas buenos dias tardes noches y pero entonces ah bueno
  bonjour bonsoir salut coucou et mais alors donc euh oui
`);

/**
 * Words that ask whatever follows, except what would make an exclamation
 * ("what a deal", "how cute", "qué bonito", "quelle belle couleur") or a
 * statement (see OPENER_EXCEPTIONS).
 */
export const QUESTION_OPENERS = words(`
  what how where which why who whom whose any anyone anybody anything
  que como cuanto cuanta cuantos cuantas donde adonde cual cuales quien quienes
  combien comment ou pourquoi quel quelle quels quelles qui quoi lequel laquelle
  when cuando quand
`);

/** After an opener these make an exclamation, not a question. */
export const EXCLAIMING = words(`
  a an cute pretty lovely beautiful gorgeous sweet nice cool fun adorable stunning amazing great awesome perfect
  fab fabulous elegant chic wonderful
  bonito bonita bonitos bonitas lindo linda lindos lindas hermoso hermosa hermosos hermosas precioso preciosa
  preciosos preciosas bello bella guapo guapa rico rica padre chulo chula bien bueno buena buen gran belleza
  maravilla lindura hermosura divino divina increible genial
  beau belle beaux belles bel joli jolie jolis jolies magnifique mignon mignonne superbe sublime canon chouette
  super top dommage
`);

/** Per opener, next words that make a statement: "when I saw it", "como siempre", "ou bien", "que c'est beau". */
export const OPENER_EXCEPTIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  what: words('i'),
  how: words('i'),
  when: words('i it this that we they he she my our'),
  where: words('i my'),
  que: words('c du si no'),
  como: words('siempre el la los las un una yo mi dije nuevo nueva'),
  cuando: words('yo lo la me mi sea'),
  cuanto: words('antes'),
  ou: words('bien alors pas non'),
  quand: words('je j il elle on c meme'),
  comment: words('below sold if your for here'), // English "comment below"
};

/**
 * English auxiliaries: a question when a subject follows ("is it", "do you",
 * "can I"), a statement otherwise ("would love one", "can't wait", "have
 * fun", "is gorgeous"). Negative forms arrive split: "doesn't" is "doesn t".
 */
export const AUXILIARIES = words('is are was were am do does did can could will would should shall has have may');

/** The first half of "isn't", "don't", "won't", "can't": auxiliaries only before their "t" ("won the giveaway" is not). */
export const NEGATIVE_AUXILIARIES = words('isn aren wasn weren don doesn didn couldn wouldn shouldn hasn haven won can');

/** What follows an auxiliary in a question: a pronoun, a determiner, or what buyers ask about. */
export const SUBJECTS = words(`
  i you u ya yall we they he she it this that these those there the any anyone anybody anything someone somebody
  something everyone everything your ur my his her our their its
  shipping delivery postage returns tax taxes size sizing stock price pricing sale discount
`);

/** "is the best", "was the cutest": a superlative after "the" is praise. */
export const SUPERLATIVES = words('best cutest prettiest greatest nicest sweetest most worst same');

/**
 * Phrases that open a question whatever follows (unless an exception).
 * Spanish and French yes/no questions read like statements without their
 * marks ("es hermoso" is praise), so only verbs viewers use to ask are here.
 */
export const OPENING_PHRASES: readonly (readonly string[])[] = [
  // en
  ['quick', 'question'], ['question'], ['i', 'have', 'a', 'question'], ['i', 'wonder'], ['wondering'], ['was', 'wondering'],
  ['i', 'was', 'wondering'], ['curious'], ['any', 'idea'], ['still', 'available'],
  ['i', 'd', 'like', 'to', 'know'], ['i', 'would', 'like', 'to', 'know'], ['want', 'to', 'know'], ['need', 'to', 'know'],
  // es
  ['tienen'], ['tienes'], ['hay'], ['hacen'], ['haces'], ['envian'], ['envias'], ['mandan'], ['mandas'], ['aceptan'],
  ['aceptas'], ['puedo'], ['puedes'], ['pueden'], ['podrias'], ['podrian'], ['se', 'puede'], ['me', 'puedes'],
  ['viene', 'en'], ['vienen', 'en'], ['por', 'que'], ['pregunta'], ['una', 'pregunta'], ['tengo', 'una', 'pregunta'],
  ['quisiera', 'saber'], ['quiero', 'saber'], ['me', 'gustaria', 'saber'],
  // fr
  ['est', 'ce'], ['qu', 'est', 'ce'], ['c', 'est', 'combien'], ['c', 'est', 'quoi'], ['c', 'est', 'ou'], ['c', 'est', 'quand'],
  ['c', 'est', 'comment'], ['vous', 'avez'], ['avez', 'vous'], ['as', 'tu'], ['tu', 'as'], ['vous', 'faites'],
  ['vous', 'livrez'], ['vous', 'envoyez'], ['vous', 'acceptez'], ['vous', 'vendez'], ['y', 'a', 't', 'il'],
  ['il', 'en', 'reste'], ['reste', 't', 'il'], ['peut', 'on'], ['puis', 'je'], ['est', 'il'], ['est', 'elle'],
  ['ca', 'vient', 'en'], ['ca', 'existe', 'en'], ['une', 'question'], ['petite', 'question'],
  ['j', 'ai', 'une', 'question'], ['je', 'voudrais', 'savoir'], ['j', 'aimerais', 'savoir'], ['je', 'me', 'demande'],
];

/** Per opening phrase (words joined by spaces), next words that make a statement: "hay que…", "vous avez raison". */
export const PHRASE_EXCEPTIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  hay: words('que'),
  tienen: words('que razon'),
  tienes: words('que razon'),
  'vous avez': words('raison bon fait ete bien tout trop'),
  'tu as': words('raison bon fait ete bien tout trop'),
};

/**
 * What buyers ask about: a question when it is the whole request ("price?",
 * "sizes", "precio por favor", "shipping to Canada"), not when a verb or an
 * adjective follows ("price is great", "shipping was fast").
 */
export const ASKING_ABOUT = words(`
  price prices pricing cost size sizes sizing shipping postage delivery measurements dimensions material fabric
  stock available availability restock color colors colour colours
  precio precios costo talla tallas envio envios medidas tela disponible colores
  prix taille tailles livraison mesures matiere tissu dispo couleurs
`);

/** "link pls": a link asked for only with a please ("link in bio" is not a question). */
export const ASKING_FOR_LINK = words('link enlace lien');

/** What may follow an asked-about word (or end the sentence). */
export const ASKING_FOLLOWERS = words(`
  for of on to in and please pls plz plis
  por porfa porfis porfavor para de del en y
  svp stp pour du des et
`);
export const PLEASE = words('please pls plz plis por porfa porfis porfavor svp stp');

/**
 * Asks anywhere in a sentence: "and the blue one, how much", "y el azul
 * cuánto cuesta", "il reste combien", "not sure what size". `next`: the
 * words that may follow (absent: anything); `orEnd`: or the sentence ends.
 */
export interface AskAnywhere {
  readonly phrase: readonly string[];
  readonly next?: ReadonlySet<string>;
  readonly orEnd?: boolean;
}

const SIZE_OR_COLOUR = words('size sizes color colors colour colours');
const HOW_MUCH_NEXT = words('is are does do did for would will s to shipping');
const CUANTO_NEXT = words('cuesta cuestan sale salen vale valen cobran cobras es son seria');

export const ASKING_ANYWHERE: readonly AskAnywhere[] = [
  { phrase: ['combien'] },
  { phrase: ['how', 'much'], next: HOW_MUCH_NEXT, orEnd: true },
  { phrase: ['how', 'many'], next: HOW_MUCH_NEXT, orEnd: true },
  { phrase: ['what'], next: SIZE_OR_COLOUR },
  { phrase: ['which'], next: SIZE_OR_COLOUR },
  { phrase: ['cuanto'], next: CUANTO_NEXT, orEnd: true },
  { phrase: ['cuanta'], next: CUANTO_NEXT, orEnd: true },
  { phrase: ['que'], next: words('talla tallas colores') },
  { phrase: ['quelle'], next: words('taille tailles couleur couleurs') },
  { phrase: ['quel'], next: words('prix') },
];

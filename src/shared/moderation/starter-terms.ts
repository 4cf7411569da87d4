/**
 * The starter list: blocked words a new show has before its host writes
 * any, so the first show is not wide open to scams, slurs and other shops'
 * plugs. Plain data; `starter-list.ts` applies it.
 *
 * How the terms were chosen:
 * - Languages: those chat already understands (claims read English,
 *   Spanish and French), so each category has all three.
 * - Scams and spam: the pitches seen in live chat (fake prizes, easy money,
 *   crypto, "message me on WhatsApp", adult spam), plus the words for
 *   "scam" and "fraud" themselves.
 * - Slurs: a modest set of the widely recognised racial, homophobic,
 *   transphobic and ableist slurs and sexual insults. Words with a common
 *   innocent meaning are left out: "negro" (black in Spanish), "chink"
 *   (armour), "tapette" (fly swatter), "zorra" (fox), "retrasado" (late).
 * - Other shops: marketplaces that cheaper copies and resellers point to,
 *   and self-promotion ("my shop", "link in bio", "follow me"). Not "wish"
 *   alone (an ordinary word); "wish.com" is there. Not "whatnot" (as in
 *   "sizes and whatnot"), nor "my store" or "check out my" alone: buyers
 *   say "my store credit" and "how do I check out my cart".
 * - Left out: words that are ordinary in a shopping show ("fake?" from a
 *   worried buyer, "spam", "gift card", "xxx" kisses, "DM me" from a buyer).
 *
 * Every term is matched as whole words after the same folding as the
 * host's own terms (case, accents, "s c a m", "sc4m", "scaaam", look-alike
 * letters, zero-width characters), so "scampi", "Scunthorpe",
 * "amazonite", "computadora" and "salopette" are not caught. A plural is
 * listed where viewers use it ("scams"): a term does not match its plural.
 */

export type StarterLanguage = 'en' | 'es' | 'fr';

export interface StarterCategory {
  readonly id: 'scams' | 'slurs' | 'shops';
  readonly label: string;
  readonly terms: Readonly<Record<StarterLanguage, readonly string[]>>;
}

export const STARTER_LANGUAGES: Readonly<Record<StarterLanguage, string>> = { en: 'English', es: 'Spanish', fr: 'French' };

export const STARTER_CATEGORIES: readonly StarterCategory[] = [
  {
    id: 'scams',
    label: 'Scams and spam',
    terms: {
      en: [
        'scam', 'scams', 'scammer', 'scammers', 'scamming', 'fraud', 'free money', 'easy money', 'make money fast',
        'double your money', 'investment opportunity', 'free followers', 'free gift card', 'you have won', "you've won",
        'claim your prize', 'crypto', 'bitcoin', 'forex', 'cash app', 'whatsapp me', 'telegram me', 'onlyfans', 'nudes',
        'porn', 'sugar daddy',
      ],
      es: [
        'estafa', 'estafas', 'estafador', 'estafadores', 'fraude', 'dinero gratis', 'dinero fácil', 'gana dinero',
        'has ganado', 'reclama tu premio', 'seguidores gratis', 'criptomonedas',
      ],
      fr: [
        'arnaque', 'arnaques', 'arnaqueur', 'arnaqueurs', 'escroc', 'escrocs', 'escroquerie', 'argent gratuit',
        'argent facile', 'vous avez gagné', 'tu as gagné', 'abonnés gratuits', 'cryptomonnaie',
      ],
    },
  },
  {
    id: 'slurs',
    label: 'Slurs',
    terms: {
      en: [
        'nigger', 'niggers', 'nigga', 'niggas', 'faggot', 'faggots', 'fag', 'fags', 'tranny', 'trannies', 'retard',
        'retards', 'retarded', 'kike', 'kikes', 'spic', 'spics', 'wetback', 'wetbacks', 'gook', 'towelhead', 'raghead',
        'whore', 'slut',
      ],
      es: ['maricón', 'maricones', 'marica', 'puta', 'putas', 'puto', 'sudaca', 'sudacas', 'negrata', 'subnormal', 'bollera', 'travelo'],
      fr: ['pédé', 'pédés', 'gouine', 'bougnoule', 'youpin', 'salope', 'pute', 'putes', 'enculé', 'enculés'],
    },
  },
  {
    id: 'shops',
    label: 'Other shops and self-promotion',
    terms: {
      en: [
        'amazon', 'amzn', 'aliexpress', 'alibaba', 'temu', 'shein', 'dhgate', 'etsy', 'ebay', 'wish.com', 'shopee',
        'tiktok shop', 'poshmark', 'depop', 'my shop', 'shop at my store', 'visit my store', 'visit my profile',
        'check my profile', 'my bio', 'link in bio', 'follow me', 'check out my page', 'check out my shop',
      ],
      es: ['mercado libre', 'mi tienda', 'mi perfil', 'mi bio', 'sígueme', 'síganme'],
      fr: ['vinted', 'leboncoin', 'cdiscount', 'ma boutique', 'mon shop', 'mon profil', 'ma bio', 'suivez-moi', 'abonnez-vous'],
    },
  },
];

/** Every starter term, in list order. */
export const STARTER_TERMS: readonly string[] = STARTER_CATEGORIES.flatMap((c) => Object.values(c.terms).flat());

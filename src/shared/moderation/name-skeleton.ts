/**
 * Chat names that pass a viewer off as the host, a moderator, the store or
 * the studio's staff. "Hоst" (Cyrillic о), "H0st", "HOST", "Ｈｏｓｔ" and
 * "H o s t" all read as "Host" on a phone: names are compared by a
 * skeleton, the idea of Unicode TR39's confusable detection — compatibility
 * forms folded (NFKC), look-alike letters and digits mapped to one
 * prototype, case folded, accents, spacing and punctuation dropped — and a
 * name whose skeleton equals a reserved name's is refused.
 *
 * Decided here for the SFU (src/sfu/room-chat.ts, the final word) and the
 * watch page (src/sfu/viewer/, an early answer for the fixed names). The
 * table below is our own: the common Latin/Cyrillic/Greek look-alikes and
 * the digit/letter swaps people use for names, not the full TR39 data.
 */

/** Whose name a reserved name is: it decides the refusal's words. */
export type ReservedNameOwner = 'host' | 'moderator' | 'store' | 'staff';

export interface ReservedName {
  readonly name: string;
  readonly owner: ReservedNameOwner;
  /** The viewer whose name this is (a moderator): they may go on using it. */
  readonly viewerId?: string | undefined;
}

/** Names nobody may take on any show, whatever the studio says. */
export const DEFAULT_RESERVED_NAMES: readonly ReservedName[] = [
  { name: 'Host', owner: 'host' },
  { name: 'Moderator', owner: 'staff' },
  { name: 'Mod', owner: 'staff' },
  { name: 'Admin', owner: 'staff' },
  { name: 'Studio', owner: 'staff' },
];

const REFUSAL: Readonly<Record<ReservedNameOwner, string>> = {
  host: 'That name looks like the host’s. Pick another.',
  moderator: 'That name looks like a moderator’s. Pick another.',
  store: 'That name looks like the store’s. Pick another.',
  staff: 'That name is kept for the studio’s staff. Pick another.',
};

/**
 * Characters that look like another, mapped to its prototype (lower case).
 * Upper-case look-alikes are listed as such because folding case first
 * would turn them into letters that look like something else (Greek "Η"
 * reads as H, its lower case "η" as n). i, l, I, 1, | and ! all look like
 * one stroke: their prototype is "l".
 */
const PROTOTYPES: Readonly<Record<string, string>> = {
  // Latin letters and digits that stand in for others
  i: 'l', I: 'l', '1': 'l', '|': 'l', '!': 'l', '0': 'o', '5': 's', $: 's', '@': 'a', '4': 'a', '3': 'e', '8': 'b', '2': 'z', '7': 't', '9': 'g',
  ı: 'l', ȷ: 'j', ɑ: 'a', ɡ: 'g', ɩ: 'l', ɪ: 'l', ʟ: 'l', ᴏ: 'o', ꞵ: 'b',
  // Cyrillic, upper case
  А: 'a', В: 'b', Е: 'e', Ё: 'e', З: 'e', К: 'k', М: 'm', Н: 'h', О: 'o', Р: 'p', С: 'c', Т: 't', У: 'y', Х: 'x',
  Ѕ: 's', І: 'l', Ї: 'l', Ј: 'j', Ԛ: 'q', Ԝ: 'w', Һ: 'h', Ӏ: 'l', Ү: 'y', Ь: 'b',
  // Cyrillic, lower case
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  ѕ: 's', і: 'l', ї: 'l', ј: 'j', ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'l', ү: 'y', ԁ: 'd', ь: 'b', п: 'n', г: 'r',
  // Greek, upper case
  Α: 'a', Β: 'b', Ε: 'e', Ζ: 'z', Η: 'h', Ι: 'l', Κ: 'k', Μ: 'm', Ν: 'n', Ο: 'o', Ρ: 'p', Τ: 't', Υ: 'y', Χ: 'x',
  // Greek, lower case
  α: 'a', β: 'b', γ: 'y', ε: 'e', η: 'n', ι: 'l', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', σ: 'o', τ: 't', υ: 'u', χ: 'x', ω: 'w',
};

/** Letter pairs that read as one letter in most phone fonts. */
const PAIRS: ReadonlyArray<readonly [RegExp, string]> = [
  [/rn/g, 'm'],
  [/vv/g, 'w'],
];

/** Zero-width and other format characters, combining marks (accents), and anything that is neither letter nor digit. */
const INVISIBLE_OR_MARK = /[\p{Cf}\p{M}]/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]/gu;

const mapPrototypes = (text: string): string => Array.from(text, (c) => PROTOTYPES[c] ?? c).join('');

/** The form two names share when they look alike ("Hоst", "H0ST", "h o s t" → "host"). */
export function nameSkeleton(name: string): string {
  // NFKC: "Ｈ", "𝐇", "ℍ" → "H". Look-alikes are mapped before and after folding case (see PROTOTYPES).
  const folded = mapPrototypes(name.normalize('NFKC')).toLowerCase();
  const plain = mapPrototypes(folded.normalize('NFD').replace(INVISIBLE_OR_MARK, '')).replace(NOT_LETTER_OR_DIGIT, '');
  return PAIRS.reduce((text, [pair, letter]) => text.replace(pair, letter), plain);
}

/**
 * Why a viewer may not take `name` (plain words for the viewer), or null.
 * `reserved`: the names of the host, moderators and store on top of
 * DEFAULT_RESERVED_NAMES, which always apply.
 */
export function reservedNameRefusal(name: string, reserved: readonly ReservedName[] = [], viewerId?: string): string | null {
  const skeleton = nameSkeleton(name);
  if (skeleton === '') return null;
  for (const entry of [...reserved, ...DEFAULT_RESERVED_NAMES]) {
    if (viewerId !== undefined && entry.viewerId === viewerId) continue;
    if (nameSkeleton(entry.name) === skeleton) return REFUSAL[entry.owner];
  }
  return null;
}

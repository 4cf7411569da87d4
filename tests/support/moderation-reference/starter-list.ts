/**
 * Which starter terms (`starter-terms.ts`) a show's rules apply: all of
 * them, less those the host removed, less any that names one of the host's
 * allowed domains. The host's own store is never held by the starter list:
 * with "janes.etsy.com" allowed, "etsy" is not applied (other shops' links
 * still wait under the links rule), and "myshop.com" spares "my shop".
 */
import type { ModerationRules } from '../../../src/shared/domain/chat.js';
import { BlockedTermMatcher } from './blocked-terms.js';
import { allowedDomainOf } from './links.js';
import { matchingForm, normalizeForMatching } from './normalize.js';
import { STARTER_TERMS } from '../../../src/shared/moderation/starter-terms.js';

export interface SparedTerm {
  readonly term: string;
  /** The allowed domain it names, as the host wrote it. */
  readonly domain: string;
}

export interface StarterListInEffect {
  /** The terms the engine checks (empty when the list is off). */
  readonly terms: readonly string[];
  /** Starter terms not applied because they name an allowed domain. */
  readonly spared: readonly SparedTerm[];
}

/** One matcher per starter term, built when first needed: which term names a domain. */
let termMatchers: ReadonlyMap<string, BlockedTermMatcher> | null = null;
const matcherOf = (term: string): BlockedTermMatcher => {
  termMatchers ??= new Map(STARTER_TERMS.map((t) => [t, new BlockedTermMatcher([t])]));
  return termMatchers.get(term)!;
};

/**
 * Removed terms are compared folded, so a hand-edited rules file that
 * removes "Maricon" or "SCAM" removes "maricón" and "scam".
 */
export function isRemovedStarterTerm(term: string, removed: readonly string[]): boolean {
  const folded = normalizeForMatching(term);
  return removed.some((r) => normalizeForMatching(r) === folded);
}

export function starterListInEffect(rules: Pick<ModerationRules, 'starterList' | 'starterListRemoved' | 'allowedDomains'>): StarterListInEffect {
  if (!rules.starterList) return { terms: [], spared: [] };
  const removed = new Set(rules.starterListRemoved.map(normalizeForMatching));
  const domains = rules.allowedDomains
    .map((entry) => ({ entry, form: matchingForm(allowedDomainOf(entry)) }))
    .filter((d) => d.form.words.length > 0);
  const terms: string[] = [];
  const spared: SparedTerm[] = [];
  for (const term of STARTER_TERMS) {
    if (removed.has(normalizeForMatching(term))) continue;
    const named = domains.find((d) => matcherOf(term).matches(d.form));
    if (named) spared.push({ term, domain: named.entry });
    else terms.push(term);
  }
  return { terms, spared };
}

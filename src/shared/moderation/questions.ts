/**
 * Questions the host should see: a "?" or a word buyers ask about. One list,
 * here, so the console filter and the engine agree.
 */
import type { MatchingForm } from './normalize.js';

export const QUESTION_WORDS: ReadonlySet<string> = new Set([
  'size', 'sizes', 'sizing',
  'price', 'prices', 'pricing', 'cost', 'costs',
  'ship', 'ships', 'shipping', 'deliver', 'delivers', 'delivery',
  'available', 'availability', 'stock',
  'return', 'returns', 'refund',
]);
// Not "color" or "fit": viewers say "love this color" and "fits perfectly" far
// more often than they ask; "what colors?" is caught by its question mark.
/** Two-word questions, as [first, second]. */
const QUESTION_PHRASES: readonly (readonly [string, string])[] = [
  ['how', 'much'],
  ['how', 'many'],
  ['what', 'color'],
  ['what', 'colors'],
  ['what', 'colour'],
  ['what', 'colours'],
  ['does', 'it'],
  ['will', 'it'],
];

/** `form` is the folded text (`matchingForm`), so "SHIPPING", "shipping" and "Shípping" all count. */
export function looksLikeQuestion(text: string, form: MatchingForm): boolean {
  if (text.includes('?') || text.includes('？')) return true;
  const words = form.words;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]![0] ?? '';
    if (QUESTION_WORDS.has(word)) return true;
    const next = words[i + 1]?.[0];
    if (next !== undefined && QUESTION_PHRASES.some(([a, b]) => a === word && b === next)) return true;
  }
  return false;
}

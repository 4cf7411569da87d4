/**
 * Reading typed values out of text cells (prices: price-cells.ts), with the host-readable messages a
 * bad cell produces. A reader returns the value or pushes a message to the
 * row's problem list; the importer then skips a row that has problems.
 * Messages carry no "Line N:" prefix: RowError has the line.
 */
import type { ProductStatus } from '../../../shared/domain/catalog.js';

export type Problems = string[];

const INTEGER = /^[+-]?\d+$/;
const WHOLE_DECIMAL = /^[+-]?\d+\.0*$/;
const GROUPED_INTEGER = /^[+-]?\d{1,3}(?:,\d{3})+$/;

/** Shortens a cell for a message so a swallowed paragraph does not flood the report. */
export function quoteCell(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return `"${oneLine.length > 40 ? `${oneLine.slice(0, 37)}…` : oneLine}"`;
}

/**
 * A stock quantity: whole numbers, also as spreadsheets write them ("12.0",
 * "1,200"). Negative stock is kept: stores allow overselling and the host
 * should see it. Blank means not tracked (null).
 */
export function readStock(raw: string, problems: Problems, label = 'stock'): number | null {
  if (raw === '') return null;
  let text = raw;
  if (GROUPED_INTEGER.test(text)) text = text.replace(/,/g, '');
  if (WHOLE_DECIMAL.test(text)) text = text.slice(0, text.indexOf('.'));
  if (INTEGER.test(text)) {
    const n = Number(text);
    if (Number.isSafeInteger(n)) return n === 0 ? 0 : n; // no -0
  }
  problems.push(`${label} ${quoteCell(raw)} is not a whole number`);
  return null;
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'on', 'published', 'active', 'visible', 'ja', 'oui', 'si', 'sí']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'off', 'unpublished', 'hidden', 'nein', 'non']);

/** TRUE/FALSE, Yes/No, 1/0 … ; null when blank or unrecognised. */
export function readYesNo(raw: string): boolean | null {
  const word = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return null;
}

/** active / draft / archived from a status cell; null when blank or not a status word. */
export function readStatusWord(raw: string): ProductStatus | null {
  switch (raw.trim().toLowerCase()) {
    case 'active':
    case 'published':
    case 'publish':
    case 'live':
      return 'active';
    case 'draft':
    case 'unpublished':
    case 'pending':
    case 'private':
    case 'hidden':
      return 'draft';
    case 'archived':
    case 'archive':
    case 'discontinued':
      return 'archived';
    default:
      return null;
  }
}

/** Splits "a, b,c" into trimmed non-empty unique items, keeping first-seen order (case-insensitive). */
export function splitList(raw: string, separator: string | RegExp = ','): string[] {
  if (raw === '') return [];
  const seen = new Set<string>();
  const items: string[] = [];
  for (const part of raw.split(separator)) {
    const item = part.trim();
    const key = item.toLowerCase();
    if (item !== '' && !seen.has(key)) {
      seen.add(key);
      items.push(item);
    }
  }
  return items;
}

/** Merges tag lists, dropping case-insensitive duplicates. */
export function mergeTags(...lists: readonly (readonly string[])[]): string[] {
  return splitList(lists.flat().join('\u0000'), '\u0000');
}

/** "Apparel > Clothing > Shirts" -> "Shirts". */
export function deepestCategory(path: string): string {
  const parts = path.split('>');
  return (parts[parts.length - 1] ?? '').trim();
}

const URL_LIKE = /^(?:https?:)?\/\//i;

/** True for an http(s) or protocol-relative URL (what an image or buy link must be). */
export function looksLikeUrl(text: string): boolean {
  return URL_LIKE.test(text);
}

/**
 * What goes into the catalog search index and how a typed query becomes an
 * FTS5 MATCH expression. Pure functions, so the escaping can be tested on
 * its own.
 */

const MAX_TERMS = 8;
const MAX_TERM_LENGTH = 64;
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Whitespace-separated terms that can match something. A term with no letter
 * or digit ("-", "*", "(") would tokenize to nothing, so it is dropped rather
 * than turned into an empty phrase.
 */
export function searchTerms(query: string): string[] {
  return query
    .split(/\s+/u)
    .filter((term) => HAS_WORD_CHAR.test(term))
    .slice(0, MAX_TERMS)
    .map((term) => term.slice(0, MAX_TERM_LENGTH));
}

/**
 * Every term must match as a prefix: `"term"*`. Inside double quotes FTS5
 * reads the text as a string (a doubled `""` is a literal quote), so user
 * input such as `AND`, `NEAR(`, `-x` or `col:` is never parsed as syntax.
 * The table's tokenizer splits the quoted text, which makes "ts-bl" the
 * phrase `ts` then `bl*`: it finds the SKU "TS-BLK-M" and the title "T-Shirt"
 * the same way. Returns null when no term is left (show everything).
 */
export function matchExpression(query: string): string | null {
  const terms = searchTerms(query);
  if (terms.length === 0) return null;
  return terms.map((term) => `"${term.replaceAll('"', '""')}"*`).join(' AND ');
}

/** "TS-BLK-M" -> "TSBLKM": lets a SKU typed without its dashes still match as a prefix. */
export function joinedSku(sku: string | null): string {
  return sku ? sku.replace(/[^\p{L}\p{N}]+/gu, '') : '';
}

/** "M / Blue": how a variant is named in lists; "" when the product has no options. */
export function variantTitle(optionValues: readonly string[]): string {
  return optionValues.filter((v) => v !== '').join(' / ');
}

/** The text of one search row (one per variant). */
export interface SearchDocument {
  readonly title: string;
  readonly sku: string;
  readonly skuJoined: string;
  readonly vendor: string;
  readonly tags: string;
  readonly options: string;
}

export function searchDocument(
  product: { readonly title: string; readonly vendor: string; readonly productType: string; readonly tags: readonly string[] },
  variant: { readonly sku: string | null; readonly optionValues: readonly string[] },
): SearchDocument {
  return {
    title: product.title,
    sku: variant.sku ?? '',
    skuJoined: joinedSku(variant.sku),
    vendor: product.vendor,
    // The product type reads like a tag to a host ("Hoodie"), so it is searched with them.
    tags: [...product.tags, product.productType].filter((t) => t !== '').join(' '),
    options: variant.optionValues.join(' '),
  };
}

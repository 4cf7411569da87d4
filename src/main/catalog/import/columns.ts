/**
 * Finding columns by header name. Exports differ in case and spacing
 * ("Variant SKU" vs "Variant sku", "Compare-at price"), so every lookup goes
 * through one normalization. Indexes are resolved once per file, never per row.
 */

const WHITESPACE_RUN = /\s+/g;
const NOT_ALPHANUMERIC = /[^\p{L}\p{N}]+/gu;

/** Lower case, trimmed, inner whitespace collapsed: "  Variant  SKU " -> "variant sku". */
export function normalizeHeader(header: string): string {
  return header.replace(WHITESPACE_RUN, ' ').trim().toLowerCase();
}

/** Letters and digits only: "Retail Price ($)" -> "retailprice", for loose synonym matching. */
export function compactHeader(header: string): string {
  return header.toLowerCase().replace(NOT_ALPHANUMERIC, '');
}

/** A column position in a row, or -1 when the file has no such column. */
export type Column = number;

export class HeaderIndex {
  private readonly positions = new Map<string, number>();

  constructor(readonly headers: readonly string[]) {
    headers.forEach((header, i) => {
      const key = normalizeHeader(header);
      // With duplicate headers the first one wins, as in spreadsheets' lookups.
      if (key !== '' && !this.positions.has(key)) this.positions.set(key, i);
    });
  }

  /** The first of the given (normalized) names that the file has. */
  find(...names: string[]): Column {
    for (const name of names) {
      const at = this.positions.get(name);
      if (at !== undefined) return at;
    }
    return -1;
  }

  has(name: string): boolean {
    return this.positions.has(name);
  }
}

/** The trimmed text of a column in a row ('' when absent or missing). */
export function cellText(row: readonly string[], column: Column): string {
  if (column < 0) return '';
  const value = row[column];
  return value === undefined ? '' : value.trim();
}

/**
 * A store's ID in a column (Shopify "Variant ID", WooCommerce "ID"): digits,
 * kept as text (Shopify's are 14 digits and more). Anything else — a blank,
 * or "4.0E+13" from a spreadsheet that took it for a number — is no ID.
 */
export function storeIdCell(row: readonly string[], column: Column): string | null {
  const text = cellText(row, column);
  return /^[0-9]{1,40}$/.test(text) ? text : null;
}

/** Quotes a list of headers for messages: "Handle", "Title" (at most 12, then "…"). */
export function describeHeaders(headers: readonly string[]): string {
  const named = headers.filter((h) => h.trim() !== '');
  if (named.length === 0) return '(none)';
  const shown = named.slice(0, 12).map((h) => `"${h.trim()}"`);
  return named.length > 12 ? `${shown.join(', ')}, … (${named.length} columns)` : shown.join(', ');
}

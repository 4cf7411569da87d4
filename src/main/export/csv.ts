/**
 * CSV writing for files a seller opens in Excel, Numbers or Google Sheets.
 * Runs in main (pure TS, no Node imports, so it is easy to test).
 *
 * - RFC 4180 quoting: a cell with a comma, quote, CR or LF is wrapped in
 *   quotes and its quotes are doubled.
 * - Formula-injection guard: viewer names, chat text and product titles are
 *   untrusted; a cell starting with = + - @ TAB or CR would be run as a
 *   formula by a spreadsheet ("=HYPERLINK(...)"), so such text gets a
 *   leading apostrophe, which spreadsheets show as plain text.
 * - The document starts with a UTF-8 BOM (Excel otherwise reads UTF-8 as the
 *   local code page and garbles "Café") and uses CRLF line ends.
 */

/** What a cell may hold; null and undefined become an empty cell. */
export type CsvValue = string | number | bigint | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export const CSV_BOM = '\uFEFF';
export const CSV_LINE_END = '\r\n';

/**
 * One cell, escaped. Numbers are written as numbers (a negative number is
 * data, not a formula); only text is guarded, because text is where
 * untrusted input arrives — including a money string like "-5" typed by a
 * seller, which is then shown as text rather than evaluated.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    return String(value);
  }
  if (typeof value === 'bigint') return value.toString();
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line (without its line end). */
export function csvRow(cells: readonly CsvValue[]): string {
  return cells.map(csvCell).join(',');
}

/** A whole file: BOM, rows joined and terminated by CRLF. An empty row is a blank line. */
export function csvDocument(rows: readonly (readonly CsvValue[])[]): string {
  return CSV_BOM + rows.map((row) => csvRow(row) + CSV_LINE_END).join('');
}

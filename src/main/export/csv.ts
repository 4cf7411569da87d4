/**
 * CSV writing for files a seller opens in Excel, Numbers or Google Sheets.
 * Runs in main (pure TS, no Node imports, so it is easy to test).
 *
 * - RFC 4180 quoting: a cell with a comma, quote, CR or LF is wrapped in
 *   quotes and its quotes are doubled.
 * - Formula-injection guard: viewer names, chat text and product titles are
 *   untrusted; a cell starting with = + - @ TAB or CR would be run as a
 *   formula by a spreadsheet ("=HYPERLINK(...)"), so such text gets a
 *   leading apostrophe, which spreadsheets show as plain text. Spaces or
 *   quote marks in front of the sign do not make it safe (some spreadsheets
 *   trim them), so they count as the start too.
 * - Locales whose spreadsheets split on ";" (most of Europe and South
 *   America) open this comma file differently: "," is no separator there,
 *   so a quoted cell that is not first on its line is no longer one quoted
 *   field — the quote marks are literal and every ";" and every line break
 *   inside the cell starts a new cell (or row). A cell "a;=cmd()" would give
 *   a cell "=cmd()". So, in every cell, the text after a ";" (or a tab, or
 *   a line break) that starts a formula gets the same apostrophe, and cells
 *   holding ";" are quoted, so a comma-locale spreadsheet keeps them whole.
 *   The reverse (a ";" file in a comma locale) never arises: only comma
 *   files are written.
 * - The document starts with a UTF-8 BOM (Excel otherwise reads UTF-8 as the
 *   local code page and garbles "Café") and uses CRLF line ends.
 */

/** What a cell may hold; null and undefined become an empty cell. */
export type CsvValue = string | number | bigint | null | undefined;

const FORMULA_START = /^(?:[\t\r]|[ "]*[=+\-@])/;
/** A ";", tab or line break, then (after spaces or quote marks) a formula sign: a new cell there would be a formula. */
const FORMULA_AFTER_SPLIT = /([;\t\r\n])([ "]*[=+\-@])/g;
const NEEDS_QUOTES = /[",;\r\n]/;

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
  const inner = value.replace(FORMULA_AFTER_SPLIT, "$1'$2");
  const text = FORMULA_START.test(inner) ? `'${inner}` : inner;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One line (without its line end). A ";" spreadsheet reads a line with no
 * ";" as one cell beginning with the first cell, so a negative number first
 * in a row ("-1,5+HYPERLINK(...)") would start a formula there: that one
 * number is written guarded, as text.
 */
export function csvRow(cells: readonly CsvValue[]): string {
  return cells.map((cell, i) => (i === 0 && cells.length > 1 && isNegative(cell) ? csvCell(String(cell)) : csvCell(cell))).join(',');
}

const isNegative = (value: CsvValue): boolean => (typeof value === 'number' || typeof value === 'bigint') && value < 0;

/** A whole file: BOM, rows joined and terminated by CRLF. An empty row is a blank line. */
export function csvDocument(rows: readonly (readonly CsvValue[])[]): string {
  return CSV_BOM + rows.map((row) => csvRow(row) + CSV_LINE_END).join('');
}

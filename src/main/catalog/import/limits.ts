/**
 * How big a product file may be, so that a wrong or hostile file (a
 * million columns, a 200 MB cell) is refused with a message instead of
 * exhausting the studio's memory. The CSV tokenizer and the XML feed reader
 * both apply them; the messages name the line like every import message.
 */

/** A product file's columns (XML: an item's values, a feed's different attributes), at most. */
export const MAX_COLUMNS = 1_000;
/** One value (a cell), at most: 1 MiB of text. */
export const MAX_FIELD_CHARS = 1024 * 1024;
/** One row, all its values together, at most: 4 MiB of text. */
export const MAX_RECORD_CHARS = 4 * 1024 * 1024;
/** A product file's rows (or XML items), at most: ten times the largest catalog benchmarked (docs/benchmarks.md). */
export const MAX_ROWS = 1_000_000;

export const count = (n: number): string => n.toLocaleString('en-US');

type Unit = 'row' | 'item';

/** Per-row messages (the importer adds "Line N:"). */
export const tooManyValues = (values: number, unit: Unit = 'row', maxFields = MAX_COLUMNS): string =>
  `the ${unit} has ${unit === 'item' ? 'more than ' : ''}${count(values)} values, and a product file has at most ${count(maxFields)} columns; the ${unit} was skipped`;
export const valueTooLong = (chars: number, unit: Unit = 'row', maxChars = MAX_FIELD_CHARS): string =>
  `a value is ${count(chars)} characters long, and a value may be at most ${count(maxChars)} characters (1 MiB); the ${unit} was skipped`;
export const rowTooLong = (maxChars = MAX_RECORD_CHARS): string =>
  `the row is longer than ${count(maxChars)} characters (4 MiB) in all; the row was skipped`;

/** Whole-file messages: nothing is imported. */
export const tooManyColumns = (line: number, columns: number): string =>
  `Line ${count(line)}: ${count(columns)} columns — a product file has at most ${count(MAX_COLUMNS)} columns. Is this the right file?`;
export const tooManyAttributes = (line: number): string =>
  `Line ${count(line)}: more than ${count(MAX_COLUMNS)} different attributes — a product feed has at most ${count(MAX_COLUMNS)} columns. Is this the right file?`;
export const tooManyRows = (line: number): string =>
  `Line ${count(line)}: more than ${count(MAX_ROWS)} rows — a product file has at most ${count(MAX_ROWS)} rows. Split it into smaller files and import them one after the other.`;

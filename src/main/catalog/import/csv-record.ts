/** What the CSV tokenizer (csv-reader.ts) takes and gives: its options, a record, and the words for a broken row. */

export interface CsvRecord {
  /** 1-based line where the record starts. */
  readonly line: number;
  readonly fields: string[];
  /** Set when the quoting is broken or a limit was passed: the fields are unreliable, skip the row. */
  readonly problem?: string;
  /** Set when the row had more than `maxFields` values: how many it had (its fields are not kept). */
  readonly columns?: number;
}

export interface CsvTokenizerOptions {
  readonly delimiter: string;
  /**
   * Tab-separated files often carry literal quote marks (`12" ruler`) since
   * TSV has no quoting rules of its own: with this, a quote inside an
   * unquoted value is just a character.
   */
  readonly lenientQuotes?: boolean;
  /** Line number of the first character pushed (default 1). */
  readonly firstLine?: number;
  /** A quoted value longer than this, once it has crossed a line end, is taken as an unclosed quote. */
  readonly maxQuotedChars?: number;
  /** Longest value kept (default 1 MiB of text); a longer one skips its row. */
  readonly maxFieldChars?: number;
  /** Most values in a row (default 1,000); a row with more is skipped, unread. */
  readonly maxFields?: number;
  /** Longest row kept, all values together (default 4 MiB of text). */
  readonly maxRecordChars?: number;
}


export const UNCLOSED_QUOTE = 'a quote is never closed; the rest of the row was skipped';
export const STRAY_QUOTE =
  'a quote mark (") sits inside a value that is not in quotes; the row was skipped. Put the value in quotes and double the quote mark ("")';
export const TEXT_AFTER_QUOTE = 'there is text right after a closing quote mark; the row was skipped';

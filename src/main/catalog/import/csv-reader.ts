/**
 * A streaming RFC 4180 CSV tokenizer. Pure logic, no I/O: text chunks go in
 * (`push`), records come out through a callback with the line each record
 * starts on. Handles quoted fields with delimiters and newlines, "" escapes,
 * CRLF / LF / CR line ends, and chunk boundaries anywhere (even between CR
 * and LF, or between the two quotes of an escape).
 *
 * Broken quoting is reported on the record instead of thrown, so the caller
 * can skip that row and keep the good ones:
 * - a quote mark inside an unquoted value (`12" pizza`) or text right after
 *   a closing quote (`"a"b`): the record is read to its end and flagged;
 * - a quote that is never closed: RFC 4180 says the field runs on, which
 *   would swallow the rest of the file. We remember where the quoted field
 *   first crossed a line end; when the file ends (or the field grows beyond
 *   any plausible product description, or a "closing" quote turns out to be
 *   followed by more text) the record is flagged and reading restarts at the
 *   line after that first line end, so the following rows still import.
 *
 * Limits keep a hostile or wrong file from exhausting memory: a value over
 * `maxFieldChars` (1 MiB), a row over `maxRecordChars` or over `maxFields`
 * values is flagged like broken quoting, and what it held past the limit is
 * counted, never kept. The record then says how many values it had
 * (`columns`), so a header row of a million columns can be refused by name.
 */

import { STRAY_QUOTE, TEXT_AFTER_QUOTE, UNCLOSED_QUOTE, type CsvRecord, type CsvTokenizerOptions } from './csv-record.js';
import { MAX_COLUMNS, MAX_FIELD_CHARS, MAX_RECORD_CHARS, rowTooLong, tooManyValues, valueTooLong } from './limits.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const DEFAULT_MAX_QUOTED_CHARS = 1_000_000;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** Just saw a quote inside a quoted field: an escape ("") or the closing quote. */
  QuoteInQuoted,
  /** Spaces after a closing quote (`"a" ,b`), tolerated until the delimiter. */
  AfterQuoted,
}

/** Raw text after the first line end inside the current quoted field: where to resume if the quote turns out unclosed. */
interface ResyncPoint {
  readonly line: number;
  /** The line end was a CR at a chunk end: an LF right after belongs to it. */
  readonly skipLF: boolean;
  readonly pieces: string[];
  /** Where the capture starts in the chunk being scanned. */
  from: number;
}

export class CsvTokenizer {
  private readonly delimiter: number;
  private readonly lenientQuotes: boolean;
  private readonly maxQuotedChars: number;
  private readonly maxFieldChars: number;
  private readonly maxFields: number;
  private readonly maxRecordChars: number;
  private state = State.FieldStart;
  private line: number;
  private recordLine: number;
  private fields: string[] = [];
  private field = '';
  /** Characters in the current value, counting any dropped past maxFieldChars. */
  private fieldChars = 0;
  /** Values in the current record, counting any not kept past maxFields. */
  private fieldCount = 0;
  /** Characters in the current record's kept values. */
  private recordChars = 0;
  private problem: string | null = null;
  /** A limit this record passed: it is skipped, and its values are no longer kept. */
  private limitProblem: string | null = null;
  private skipLF = false;
  private resync: ResyncPoint | null = null;

  constructor(
    options: CsvTokenizerOptions,
    private readonly onRecord: (record: CsvRecord) => void,
  ) {
    if (options.delimiter.length !== 1) throw new RangeError('The delimiter must be one character.');
    this.delimiter = options.delimiter.charCodeAt(0);
    this.lenientQuotes = options.lenientQuotes ?? false;
    this.maxQuotedChars = options.maxQuotedChars ?? DEFAULT_MAX_QUOTED_CHARS;
    this.maxFieldChars = options.maxFieldChars ?? MAX_FIELD_CHARS;
    this.maxFields = options.maxFields ?? MAX_COLUMNS;
    this.maxRecordChars = options.maxRecordChars ?? MAX_RECORD_CHARS;
    this.line = options.firstLine ?? 1;
    this.recordLine = this.line;
  }

  push(chunk: string): void {
    this.scan(chunk);
  }

  /** Flushes the last record; call once after the last chunk. */
  end(): void {
    for (;;) {
      if (this.state === State.Quoted || (this.state === State.QuoteInQuoted && this.quotedTooLong())) {
        const resync = this.resync;
        this.emitBroken(UNCLOSED_QUOTE);
        if (resync === null) return;
        this.restartAt(resync);
        this.scan(resync.pieces.join(''));
        continue;
      }
      if (this.state !== State.FieldStart || this.fields.length > 0) {
        this.endField();
        this.endRecord();
      }
      return;
    }
  }

  private scan(chunk: string): void {
    let text = chunk;
    let n = text.length;
    let i = 0;
    if (this.resync) this.resync.from = 0;
    if (this.skipLF && n > 0) {
      this.skipLF = false;
      if (text.charCodeAt(0) === LF) {
        if (this.state === State.Quoted) this.add('\n');
        i = 1;
      }
    }
    const d = this.delimiter;
    let overflow = false;
    while (i < n) {
      if (this.state === State.FieldStart) {
        if (text.charCodeAt(i) === QUOTE) {
          this.state = State.Quoted;
          i++;
        } else {
          this.state = State.Unquoted;
        }
      } else if (this.state === State.Unquoted) {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === d || c === LF || c === CR || c === QUOTE) break;
          j++;
        }
        if (j > i) this.add(text.slice(i, j));
        if (j === n) break; // the value goes on in the next chunk
        const c = text.charCodeAt(j);
        if (c === d) {
          this.endField();
          this.state = State.FieldStart;
          i = j + 1;
        } else if (c === QUOTE && isSpaces(this.field)) {
          // `a, "b"`: hand-written files put a space before the opening quote.
          this.field = '';
          this.fieldChars = 0;
          this.state = State.Quoted;
          i = j + 1;
        } else if (c === QUOTE) {
          this.add('"');
          if (!this.lenientQuotes) this.flag(STRAY_QUOTE);
          i = j + 1;
        } else {
          this.endField();
          i = this.endLine(text, j);
        }
      } else if (this.state === State.Quoted) {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === QUOTE) break;
          if (c === LF || c === CR) {
            this.line++;
            if (c === CR) {
              if (j + 1 < n) {
                if (text.charCodeAt(j + 1) === LF) j++;
              } else {
                this.skipLF = true;
              }
            }
            if (this.resync === null) {
              this.resync = { line: this.line, skipLF: this.skipLF, pieces: [], from: j + 1 };
            } else if (this.fieldChars + (j - i) > this.maxQuotedChars) {
              // No product text is this long: the quote was never closed.
              // Checked at line ends so the outcome does not depend on chunk sizes.
              overflow = true;
              break;
            }
          }
          j++;
        }
        // A quoted value that crossed a line end and runs on past the limit
        // with no line end in sight: unclosed too (and its text is not kept).
        if (!overflow && j === n && this.resync !== null && this.fieldChars + (j - i) > this.maxQuotedChars) overflow = true;
        if (overflow) {
          const resync = this.resync;
          if (resync === null) break;
          const replay = resync.pieces.join('') + text.slice(resync.from);
          this.emitBroken(UNCLOSED_QUOTE);
          this.restartAt(resync);
          ({ text, n, i } = this.replayStart(replay));
          overflow = false;
          continue;
        }
        if (j > i) this.add(text.slice(i, j));
        if (j === n) break; // the value goes on in the next chunk
        this.state = State.QuoteInQuoted;
        i = j + 1;
      } else if (this.state === State.AfterQuoted) {
        const c = text.charCodeAt(i);
        if (c === d) {
          this.endField();
          this.state = State.FieldStart;
          i++;
        } else if (c === LF || c === CR) {
          this.endField();
          i = this.endLine(text, i);
        } else if (c === SPACE || c === TAB) {
          i++;
        } else {
          this.flag(TEXT_AFTER_QUOTE);
          this.state = State.Unquoted;
        }
      } else {
        // QuoteInQuoted: the previous character was a quote inside a quoted field.
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
          this.add('"');
          this.state = State.Quoted;
          i++;
        } else if ((c === d || c === LF || c === CR) && this.quotedTooLong()) {
          // Closed, but too long for a value that crossed a line end: the
          // same verdict as when the limit is passed before the close.
          const resync = this.resync!;
          const replay = resync.pieces.join('') + text.slice(resync.from);
          this.emitBroken(UNCLOSED_QUOTE);
          this.restartAt(resync);
          ({ text, n, i } = this.replayStart(replay));
        } else if (c === d) {
          this.resync = null;
          this.endField();
          this.state = State.FieldStart;
          i++;
        } else if (c === LF || c === CR) {
          this.resync = null;
          this.endField();
          i = this.endLine(text, i);
        } else if ((c === SPACE || c === TAB) && this.resync === null) {
          this.state = State.AfterQuoted;
          i++;
        } else if (this.resync !== null) {
          // The quote that "closed" the field was really the opening quote of
          // a later row: the field was never closed where it should have been.
          const resync = this.resync;
          const replay = resync.pieces.join('') + text.slice(resync.from);
          this.emitBroken(UNCLOSED_QUOTE);
          this.restartAt(resync);
          ({ text, n, i } = this.replayStart(replay));
        } else {
          this.flag(TEXT_AFTER_QUOTE);
          this.state = State.Unquoted;
        }
      }
    }
    // End of this chunk. Keep the raw text of an open multi-line quoted
    // field, in case it must be read again.
    // (resync is only set while inside a quoted field or right after its quote.)
    if (this.resync !== null) {
      this.resync.pieces.push(text.slice(this.resync.from));
      this.resync.from = n;
    }
  }

  /** Where scanning resumes in replayed text: after an LF that completes a CR already counted. */
  private replayStart(replay: string): { text: string; n: number; i: number } {
    let i = 0;
    if (this.skipLF) {
      this.skipLF = false;
      if (replay.charCodeAt(0) === LF) i = 1;
    }
    return { text: replay, n: replay.length, i };
  }

  /** A line end at `at` (LF or CR) outside quotes: closes the record; returns where the next one starts. */
  private endLine(text: string, at: number): number {
    this.line++;
    let next = at + 1;
    if (text.charCodeAt(at) === CR) {
      if (next < text.length) {
        if (text.charCodeAt(next) === LF) next++;
      } else {
        this.skipLF = true;
      }
    }
    this.endRecord();
    return next;
  }

  private flag(problem: string): void {
    this.problem ??= problem;
  }

  /** A quoted value that crossed a line end and is past maxQuotedChars: taken as an unclosed quote. */
  private quotedTooLong(): boolean {
    return this.resync !== null && this.fieldChars > this.maxQuotedChars;
  }

  /** Text of the current value; past the limits it is only counted. */
  private add(text: string): void {
    this.fieldChars += text.length;
    if (this.fieldChars > this.maxFieldChars || this.fieldCount >= this.maxFields) {
      this.field = '';
      return;
    }
    this.field += text;
  }

  private endField(): void {
    this.fieldCount++;
    this.recordChars += this.field.length;
    if (this.fieldChars > this.maxFieldChars) this.limitProblem ??= valueTooLong(this.fieldChars, 'row', this.maxFieldChars);
    else if (this.recordChars > this.maxRecordChars) this.limitProblem ??= rowTooLong(this.maxRecordChars);
    // A row over a limit is skipped: what it holds is not kept.
    if (this.limitProblem !== null || this.fieldCount > this.maxFields) this.fields = [];
    else this.fields.push(this.field);
    this.field = '';
    this.fieldChars = 0;
  }

  private endRecord(): void {
    const fields = this.fields;
    const blankLine = fields.length === 1 && fields[0] === '' && this.problem === null;
    if (this.fieldCount > this.maxFields) {
      this.onRecord({ line: this.recordLine, fields: [], problem: tooManyValues(this.fieldCount, 'row', this.maxFields), columns: this.fieldCount });
    } else if (this.limitProblem !== null) {
      this.onRecord({ line: this.recordLine, fields: [], problem: this.limitProblem });
    } else if (!blankLine) {
      this.onRecord(this.problem === null ? { line: this.recordLine, fields } : { line: this.recordLine, fields, problem: this.problem });
    }
    this.resetRecord();
    this.state = State.FieldStart;
    this.recordLine = this.line;
  }

  private emitBroken(problem: string): void {
    this.onRecord({ line: this.recordLine, fields: [], problem });
    this.resetRecord();
    this.state = State.FieldStart;
  }

  private resetRecord(): void {
    this.fields = [];
    this.field = '';
    this.fieldChars = 0;
    this.fieldCount = 0;
    this.recordChars = 0;
    this.problem = null;
    this.limitProblem = null;
  }

  private restartAt(resync: ResyncPoint): void {
    this.resync = null;
    this.line = resync.line;
    this.recordLine = resync.line;
    this.skipLF = resync.skipLF;
  }
}

function isSpaces(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== TAB) return false;
  }
  return text.length > 0;
}

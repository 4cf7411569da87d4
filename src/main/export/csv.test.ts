import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument, csvRow } from './csv.js';

describe('CSV writing', () => {
  it('quotes cells with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('Mug, large')).toBe('"Mug, large"');
    expect(csvCell('The "good" mug')).toBe('"The ""good"" mug"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('')).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('keeps a spreadsheet from running untrusted text as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil","click")')).toBe(`"'=HYPERLINK(""http://evil"",""click"")"`);
    expect(csvCell('+1 555')).toBe("'+1 555");
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    // A leading CR also needs quotes: the guard comes first, then the quoting.
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    // Only the start matters: a formula sign inside the text is harmless.
    expect(csvCell('Size M = 38')).toBe('Size M = 38');
  });

  it('writes numbers as numbers, negatives included, and nothing for NaN', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(10n)).toBe('10');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('makes a document Excel opens as UTF-8: BOM, CRLF after every row, empty rows as blank lines', () => {
    expect(csvRow(['Café', 2, null])).toBe('Café,2,');
    expect(csvDocument([['a', 'b'], [], ['c']])).toBe('\uFEFFa,b\r\n\r\nc\r\n');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer } from '../catalog/import/csv-reader.js';
import { csvCell, csvDocument, csvRow, type CsvValue } from './csv.js';

/** The cells a spreadsheet would see opening `document` with this separator (RFC 4180 reading, as Excel and LibreOffice do). */
function spreadsheetCells(document: string, delimiter: ',' | ';'): string[] {
  const cells: string[] = [];
  const tokenizer = new CsvTokenizer({ delimiter }, (record) => cells.push(...record.fields));
  tokenizer.push(document.replace(/^\uFEFF/, ''));
  tokenizer.end();
  return cells;
}

/** A cell a spreadsheet would evaluate: a formula sign first, spaces and quote marks (which some trim) ignored. */
const isFormula = (cell: string): boolean => /^[ "]*[=+\-@]/.test(cell);

const ATTACKS = [
  '=HYPERLINK("http://evil","click")',
  'Anna;=HYPERLINK("http://evil","click")',
  'Anna; =cmd|\' /C calc\'!A0',
  'Anna;"=1+1"',
  'Anna;+1;-1;@SUM(A1)',
  'two\n=lines',
  'two\r\n-lines',
  'tab\t=1',
  ' =1+1',
  '"=1+1"',
];

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
    expect(csvCell('\r1')).toBe(`"'\r1"`);
    // Spaces or quote marks in front of the sign do not make it safe.
    expect(csvCell(' =1')).toBe("' =1");
    // Only the start matters: a formula sign inside the text is harmless.
    expect(csvCell('Size M = 38')).toBe('Size M = 38');
  });

  it('guards the text after a ";" or a line break too, and quotes cells holding ";"', () => {
    expect(csvCell('Anna;=HYPERLINK("http://evil")')).toBe(`"Anna;'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('Anna; -1')).toBe(`"Anna;' -1"`);
    expect(csvCell('one\n@two')).toBe(`"one\n'@two"`);
    expect(csvCell('a;b')).toBe('"a;b"');
    // Harmless text after a ";" is left alone.
    expect(csvCell('Size M; 38')).toBe('"Size M; 38"');
  });

  it('no attack string becomes a formula, whether the spreadsheet splits on "," or on ";"', () => {
    for (const attack of ATTACKS) {
      // The attack in every position: first cell, a middle cell, the last one.
      const document = csvDocument([[attack, 'x'], ['x', attack, 'y'], ['x', 2, attack]]);
      for (const delimiter of [',', ';'] as const) {
        const formulas = spreadsheetCells(document, delimiter).filter(isFormula);
        expect(formulas, `${JSON.stringify(attack)} split on "${delimiter}"`).toEqual([]);
      }
      // A comma spreadsheet still reads the text back whole (behind the apostrophes).
      expect(spreadsheetCells(document, ',').some((cell) => cell.replaceAll("'", '') === attack.replaceAll("'", ''))).toBe(true);
    }
  });

  it('no text of any kind becomes a formula in either kind of spreadsheet', () => {
    const tricky = fc.constantFrom('=', '+', '-', '@', ';', ',', '"', ' ', '\t', '\r', '\n', 'a', '1');
    const text = fc.array(tricky, { maxLength: 12 }).map((chars) => chars.join(''));
    const cell: fc.Arbitrary<CsvValue> = fc.oneof(text, fc.integer());
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), (rows) => {
        const document = csvDocument(rows);
        for (const delimiter of [',', ';'] as const) {
          // Numbers are written as numbers (a negative is data, not a formula): only text counts.
          const numbers = new Set(rows.flat().filter((v) => typeof v === 'number').map(String));
          const formulas = spreadsheetCells(document, delimiter).filter((c) => isFormula(c) && !numbers.has(c));
          expect(formulas).toEqual([]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('writes numbers as numbers, negatives included, and nothing for NaN', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(10n)).toBe('10');
    expect(csvCell(Number.NaN)).toBe('');
    // Except first in a row: a ";" spreadsheet reads "-1,5+HYPERLINK(A1)" as one cell, a formula.
    expect(csvRow([-1, '5+HYPERLINK(A1)'])).toBe("'-1,5+HYPERLINK(A1)");
    expect(csvRow([-1])).toBe('-1');
  });

  it('makes a document Excel opens as UTF-8: BOM, CRLF after every row, empty rows as blank lines', () => {
    expect(csvRow(['Café', 2, null])).toBe('Café,2,');
    expect(csvDocument([['a', 'b'], [], ['c']])).toBe('\uFEFFa,b\r\n\r\nc\r\n');
  });
});

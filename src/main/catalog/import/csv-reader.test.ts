import { describe, expect, it } from 'vitest';
import { CsvTokenizer } from './csv-reader.js';
import { STRAY_QUOTE, TEXT_AFTER_QUOTE, UNCLOSED_QUOTE, type CsvRecord, type CsvTokenizerOptions } from './csv-record.js';
import { detectDelimiter, firstRecordText } from './csv-sniff.js';

function tokenize(chunks: string[], options: Partial<CsvTokenizerOptions> = {}): CsvRecord[] {
  const records: CsvRecord[] = [];
  const tokenizer = new CsvTokenizer({ delimiter: ',', ...options }, (r) => records.push(r));
  for (const chunk of chunks) tokenizer.push(chunk);
  tokenizer.end();
  return records;
}

/** The same text cut at every possible place must give the same records. */
function expectChunkIndependent(text: string, options: Partial<CsvTokenizerOptions> = {}): CsvRecord[] {
  const whole = tokenize([text], options);
  for (let cut = 1; cut < text.length; cut++) {
    expect(tokenize([text.slice(0, cut), text.slice(cut)], options), `cut at ${cut}`).toEqual(whole);
  }
  expect(tokenize([...text], options), 'one character per chunk').toEqual(whole);
  return whole;
}

describe('CsvTokenizer', () => {
  it('reads plain, quoted and escaped fields with their start lines', () => {
    const records = expectChunkIndependent('a,b,c\r\n1,"two, three","say ""hi"""\r\n"multi\r\nline",x,\n\nlast,,z');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'two, three', 'say "hi"'] },
      { line: 3, fields: ['multi\r\nline', 'x', ''] },
      { line: 6, fields: ['last', '', 'z'] },
    ]);
  });

  it('handles LF, CRLF and lone CR line ends', () => {
    expect(expectChunkIndependent('a\nb\r\nc\rd').map((r) => [r.line, r.fields[0]])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
    ]);
  });

  it('counts lines inside quoted fields', () => {
    const records = expectChunkIndependent('"a\nb\r\nc\rd",1\nnext,2\n');
    expect(records.map((r) => r.line)).toEqual([1, 5]);
    expect(records[0]?.fields[0]).toBe('a\nb\r\nc\rd');
  });

  it('uses the given delimiter', () => {
    expect(tokenize(['a;"b;c";d\n'], { delimiter: ';' })[0]?.fields).toEqual(['a', 'b;c', 'd']);
    expect(tokenize(['a\t"b\tc"\td\n'], { delimiter: '\t' })[0]?.fields).toEqual(['a', 'b\tc', 'd']);
  });

  it('tolerates spaces around quoted fields', () => {
    expect(expectChunkIndependent('a, "b, c" ,d\n')[0]).toEqual({ line: 1, fields: ['a', 'b, c', 'd'] });
  });

  it('flags a stray quote in an unquoted value and keeps reading', () => {
    const records = expectChunkIndependent('h1,h2\nWidget 12" wide,5\nok,6\n');
    expect(records[1]).toMatchObject({ line: 2, problem: STRAY_QUOTE });
    expect(records[2]).toEqual({ line: 3, fields: ['ok', '6'] });
  });

  it('reads stray quotes literally in lenient (TSV) mode', () => {
    const records = tokenize(['Ruler 12" long\t5\n'], { delimiter: '\t', lenientQuotes: true });
    expect(records).toEqual([{ line: 1, fields: ['Ruler 12" long', '5'] }]);
  });

  it('flags text after a closing quote', () => {
    const records = expectChunkIndependent('"a"b,c\nd,e\n');
    expect(records[0]).toMatchObject({ line: 1, problem: TEXT_AFTER_QUOTE });
    expect(records[1]).toEqual({ line: 2, fields: ['d', 'e'] });
  });

  it('recovers from a quote never closed until the end of the file', () => {
    const records = expectChunkIndependent('h1,h2\ngood,1\n"broken,2\nafter,3\nlast,4\n');
    expect(records).toEqual([
      { line: 1, fields: ['h1', 'h2'] },
      { line: 2, fields: ['good', '1'] },
      { line: 3, fields: [], problem: UNCLOSED_QUOTE },
      { line: 4, fields: ['after', '3'] },
      { line: 5, fields: ['last', '4'] },
    ]);
  });

  it('recovers when an unclosed quote runs into the next quoted field', () => {
    // Row 2 opens a quote that is never closed; RFC 4180 would read it as
    // closing at row 3's first quote, then stumble on "desc".
    const records = expectChunkIndependent('t,d,p\nMug,"Nice mug,5\nCup,"desc, long",6\nBowl,plain,7\n');
    expect(records).toEqual([
      { line: 1, fields: ['t', 'd', 'p'] },
      { line: 2, fields: [], problem: UNCLOSED_QUOTE },
      { line: 3, fields: ['Cup', 'desc, long', '6'] },
      { line: 4, fields: ['Bowl', 'plain', '7'] },
    ]);
  });

  it('gives up on a quoted value that grows beyond any plausible size', () => {
    const rows = Array.from({ length: 200 }, (_, i) => `row${i},${i}`).join('\n');
    const records = tokenize([`h,v\n"open,1\n${rows}\n`], { maxQuotedChars: 500 });
    expect(records[1]).toEqual({ line: 2, fields: [], problem: UNCLOSED_QUOTE });
    expect(records).toHaveLength(202);
    expect(records.at(-1)).toEqual({ line: 202, fields: ['row199', '199'] });
  });

  it('reads CRLF split across chunks inside and outside quotes', () => {
    expect(tokenize(['a,"x\r', '\ny"\r', '\nb,c'])).toEqual([
      { line: 1, fields: ['a', 'x\r\ny'] },
      { line: 3, fields: ['b', 'c'] },
    ]);
  });

  it('starts counting at firstLine', () => {
    expect(tokenize(['a\nb'], { firstLine: 2 }).map((r) => r.line)).toEqual([2, 3]);
  });
});

describe('CsvTokenizer on random input', () => {
  it('never throws and gives the same records however the text is cut', () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const alphabet = ['a', 'b', ',', '"', '"', '\n', '\r\n', '\r', ' ', 'é'];
    for (let round = 0; round < 300; round++) {
      const length = 1 + Math.floor(random() * 40);
      const text = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const whole = tokenize([text], { maxQuotedChars: 15 });
      for (let cut = 1; cut < text.length; cut++) {
        expect(tokenize([text.slice(0, cut), text.slice(cut)], { maxQuotedChars: 15 }), JSON.stringify({ text, cut })).toEqual(whole);
      }
      expect(tokenize([...text], { maxQuotedChars: 15 })).toEqual(whole);
      // Records come out in order and every line number is within the text.
      const lines = whole.map((r) => r.line);
      expect([...lines].sort((a, b) => a - b)).toEqual(lines);
    }
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['Handle,Title,Body (HTML)', ','],
    ['Name;Preis;Beschreibung', ';'],
    ['id\ttitle\tprice', '\t'],
    ['sku|name|price', '|'],
    ['"Name, full";Price;Stock', ';'],
    ['Title', ','],
  ])('%j -> %j', (header, expected) => {
    expect(detectDelimiter(header)).toBe(expected);
  });
});

describe('firstRecordText', () => {
  it('stops at the first line end outside quotes', () => {
    expect(firstRecordText('"a\nb",c\nd')).toBe('"a\nb",c');
    expect(firstRecordText('a,b')).toBeNull();
  });
});

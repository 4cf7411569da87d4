import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CatalogFileError } from './catalog-file-error.js';
import { CsvTokenizer } from './csv-reader.js';
import { parseCatalogFile } from './parse-catalog-file.js';
import { TempFiles, writeShopifyCatalog } from '../../../../tests/support/catalog-files.js';
import type { ParseProgress } from './types.js';

const files = new TempFiles();
afterAll(() => files.remove());

const SIMPLE = 'Title,SKU,Price\nCafé Mug,M-1,9.50\n';

describe('encodings', () => {
  it('reads UTF-8 with and without a BOM', async () => {
    for (const [name, bytes] of [
      ['plain.csv', Buffer.from(SIMPLE, 'utf8')],
      ['bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SIMPLE, 'utf8')])],
    ] as const) {
      const result = await parseCatalogFile(files.write(name, bytes));
      expect(result.encoding).toBe('utf-8');
      expect(result.headers).toEqual(['Title', 'SKU', 'Price']);
      expect(result.products[0]?.title).toBe('Café Mug');
    }
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8', async () => {
    // "Café" with é as the single byte 0xE9, and "€" as 0x80, deep in the file.
    const filler = Array.from({ length: 5000 }, (_, i) => `Plain ${i},P-${i},1.00`).join('\n');
    const bytes = Buffer.concat([
      Buffer.from(`Title,SKU,Price\n${filler}\n`, 'latin1'),
      Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x2c, 0x43, 0x2d, 0x31, 0x2c, 0x35, 0x0a]),
    ]);
    const result = await parseCatalogFile(files.write('cp1252.csv', bytes));
    expect(result.encoding).toBe('windows-1252');
    expect(result.products).toHaveLength(5001);
    expect(result.products.at(-1)?.title).toBe('Café €');
  });

  it('keeps a UTF-8 file with a few broken bytes as UTF-8', async () => {
    const bytes = Buffer.concat([
      Buffer.from('Title,SKU,Price\nCafé Mug,M-1,9.50\n', 'utf8'),
      Buffer.from([0x54, 0x65, 0xe9, 0x2c, 0x54, 0x2d, 0x31, 0x2c, 0x33, 0x0a]),
    ]);
    const result = await parseCatalogFile(files.write('damaged.csv', bytes));
    expect(result.encoding).toBe('utf-8');
    expect(result.products.map((p) => p.title)).toEqual(['Café Mug', 'Te\ufffd']);
  });

  it('reads UTF-16 (Excel "Unicode Text") by its byte order mark', async () => {
    const text = 'Title\tSKU\tPrice\nCafé Mug\tM-1\t9.50\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const result = await parseCatalogFile(files.write('utf16.txt', bytes));
    expect(result).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(result.products[0]?.title).toBe('Café Mug');
  });
});

describe('CSV shape', () => {
  it('reads quoted newlines and keeps line numbers true', async () => {
    const file = files.write(
      'multiline.csv',
      '\n\nTitle,Description,Price\r\n"Lamp","Line one\r\nLine two, with comma",10\r\n"Chair","He said ""sit""",20\r\nStool,,abc\r\n',
    );
    const result = await parseCatalogFile(file);
    expect(result.products.map((p) => [p.line, p.title, p.descriptionText])).toEqual([
      [4, 'Lamp', 'Line one\nLine two, with comma'],
      [6, 'Chair', 'He said "sit"'],
    ]);
    expect(result.errors).toEqual([{ line: 7, message: 'price "abc" is not a number' }]);
  });

  it('reports broken quoting by line and imports the good rows', async () => {
    const file = files.write(
      'broken.csv',
      [
        'Title,SKU,Price',
        'Good one,G-1,1',
        'Ruler 12" long,R-1,2',
        'Good two,G-2,3',
        '"Unclosed,U-1,4',
        'Good three,G-3,5',
        '"Good, four",G-4,6',
        'Extra,E-1,7,surprise',
        'Good five,G-5,8',
      ].join('\n'),
    );
    const result = await parseCatalogFile(file);
    expect(result.errors).toEqual([
      { line: 3, message: expect.stringMatching(/^a quote mark \(".*the row was skipped/) },
      { line: 5, message: 'a quote is never closed; the rest of the row was skipped' },
      { line: 8, message: expect.stringMatching(/^the row has 4 values but the header has 3 columns/) },
    ]);
    expect(result.products.map((p) => p.title)).toEqual(['Good one', 'Good two', 'Good three', 'Good, four', 'Good five']);
  });

  it('honours Excel\'s "sep=" line and detects | delimiters', async () => {
    const sep = await parseCatalogFile(files.write('sep.csv', 'sep=;\nTitle;Price\nA;1,50\n'));
    expect(sep).toMatchObject({ delimiter: ';', headers: ['Title', 'Price'] });
    expect(sep.products[0]?.line).toBe(3);
    const pipe = await parseCatalogFile(files.write('pipe.csv', 'sku|name|price\nP-1|Pipe|3\n'));
    expect(pipe.delimiter).toBe('|');
    expect(pipe.products[0]?.variants[0]?.sku).toBe('P-1');
  });
});

describe('files that cannot be imported', () => {
  const refusal = async (path: string): Promise<string> => {
    const error = await parseCatalogFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogFileError);
    return (error as Error).message;
  };

  it('explains missing, empty, header-only and non-catalog files', async () => {
    expect(await refusal(join(files.dir, 'nope.csv'))).toBe('The file "nope.csv" was not found.');
    expect(await refusal(files.dir)).toMatch(/is a folder/);
    expect(await refusal(files.write('empty.csv', ''))).toBe('The file "empty.csv" is empty.');
    expect(await refusal(files.write('blank.csv', '\n \r\n\t\n'))).toBe('The file is empty.');
    expect(await refusal(files.write('header-only.csv', 'Handle,Title,Variant Price\n'))).toMatch(/header row but no products.*"Handle"/);
    expect(await refusal(files.write('data.json', '[{"title":"x"}]'))).toMatch(/JSON/);
    expect(await refusal(files.write('book.xlsx', Buffer.from('PK\u0003\u0004\u0000\u0000binary', 'latin1')))).toMatch(/Excel workbook/);
  });
});

describe('large files', () => {
  it('parses 20,000 rows in a stream, reporting progress, without one big string', async () => {
    const file = writeShopifyCatalog(files, 'big.csv', 20_000);
    const progress: ParseProgress[] = [];
    const push = vi.spyOn(CsvTokenizer.prototype, 'push');
    try {
      const result = await parseCatalogFile(file, { onProgress: (p) => progress.push({ ...p }) });
      expect(result.errors).toEqual([]);
      expect(result.products).toHaveLength(2_000);
      expect(result.products.reduce((n, p) => n + p.variants.length, 0)).toBe(20_000);
      expect(result.products[1999]?.images).toHaveLength(10);
      const last = progress.at(-1);
      expect(last?.rows).toBe(20_000);
      expect(last?.bytesRead).toBe(last?.totalBytes);
      // The text reached the tokenizer in many pieces, none of them the whole file.
      const pieces = push.mock.calls.map(([chunk]) => chunk.length);
      expect(pieces.length).toBeGreaterThan(5);
      expect(Math.max(...pieces)).toBeLessThanOrEqual(256 * 1024);
    } finally {
      push.mockRestore();
    }
  });

  it('stops promptly with an AbortError when cancelled', async () => {
    const file = writeShopifyCatalog(files, 'abort.csv', 50_000);
    const controller = new AbortController();
    let rowsAtAbort = -1;
    const parsing = parseCatalogFile(file, {
      signal: controller.signal,
      onProgress: (p) => {
        if (rowsAtAbort < 0 && p.rows > 0) {
          rowsAtAbort = p.rows;
          controller.abort();
        }
      },
    });
    await expect(parsing).rejects.toMatchObject({ name: 'AbortError' });
    await expect(parseCatalogFile(file, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

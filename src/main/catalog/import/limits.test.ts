import { afterAll, describe, expect, it } from 'vitest';
import { TempFiles } from '../../../../tests/support/catalog-files.js';
import { CatalogFileError } from './catalog-file-error.js';
import { parseCatalogFile } from './parse-catalog-file.js';

const files = new TempFiles();
afterAll(() => files.remove());

const MIB = 1024 * 1024;

describe('catalog files too big to be product lists', () => {
  it('refuses a header row of a million columns, naming the line and the columns', async () => {
    const header = Array.from({ length: 1_000_000 }, (_, i) => `c${i}`).join(',');
    const file = files.write('million-columns.csv', `${header}\n1,2,3\n`);
    const error = await parseCatalogFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogFileError);
    expect((error as Error).message).toBe(
      'Line 1: 1,000,000 columns — a product file has at most 1,000 columns. Is this the right file?',
    );
  }, 120_000);

  it('skips a row holding a 2 MiB value, naming its line, and imports the others', async () => {
    const big = 'x'.repeat(2 * MIB);
    const file = files.write('big-value.csv', `Title,SKU,Price\nMug,M-1,9.50\nHuge,${big},1.00\n"Quoted","${big}",2.00\nCup,C-1,4.00\n`);
    const result = await parseCatalogFile(file);
    expect(result.products.map((p) => p.title)).toEqual(['Mug', 'Cup']);
    expect(result.errors).toEqual([
      { line: 3, message: 'a value is 2,097,152 characters long, and a value may be at most 1,048,576 characters (1 MiB); the row was skipped' },
      { line: 4, message: 'a value is 2,097,152 characters long, and a value may be at most 1,048,576 characters (1 MiB); the row was skipped' },
    ]);
  });

  it('refuses a header with a 2 MiB value, naming its line', async () => {
    const file = files.write('big-header.csv', `Title,${'h'.repeat(2 * MIB)}\nMug,1\n`);
    await expect(parseCatalogFile(file)).rejects.toThrow(/^The header row \(line 1\) cannot be read: a value is 2,097,152 characters long/);
  });

  it('skips a data row with more values than a product file has columns', async () => {
    const file = files.write('wide-row.csv', `Title,SKU\nMug,M-1\n${'v,'.repeat(4_999)}v\nCup,C-1\n`);
    const result = await parseCatalogFile(file);
    expect(result.products.map((p) => p.title)).toEqual(['Mug', 'Cup']);
    expect(result.errors).toEqual([{ line: 3, message: 'the row has 5,000 values, and a product file has at most 1,000 columns; the row was skipped' }]);
  });

  it('refuses a file of more than 1,000,000 rows, naming the line where it passed the limit', async () => {
    // Blank rows (",") cost nothing to import but still count.
    const file = files.write('million-rows.csv', `Title,SKU\n${',\n'.repeat(1_000_001)}`);
    await expect(parseCatalogFile(file)).rejects.toThrow(
      'Line 1,000,002: more than 1,000,000 rows — a product file has at most 1,000,000 rows. Split it into smaller files and import them one after the other.',
    );
  }, 120_000);

  it('XML feeds: skips an item with a 2 MiB value, naming its line, and refuses 1,001 different attributes', async () => {
    const item = (id: string, extra = '') => `<item><g:id>${id}</g:id><title>${id}</title><g:price>1.00 USD</g:price>${extra}</item>\n`;
    const feed = `<rss><channel>\n${item('A')}${item('B', `<description>${'d'.repeat(2 * MIB)}</description>`)}${item('C')}</channel></rss>\n`;
    const result = await parseCatalogFile(files.write('big-item.xml', feed));
    expect(result.products.map((p) => p.sourceKey)).toEqual(['A', 'C']);
    expect(result.errors).toEqual([
      { line: 3, message: 'a value is 2,097,152 characters long, and a value may be at most 1,048,576 characters (1 MiB); the item was skipped' },
    ]);

    // One item may hold at most 1,000 values; more is that item's problem.
    const attributes = (from: number) => Array.from({ length: 600 }, (_, i) => `<a${from + i}>v</a${from + i}>`).join('');
    const tooMany = await parseCatalogFile(files.write('wide-item.xml', `<rss><channel>\n${item('A', attributes(0) + attributes(600))}</channel></rss>\n`));
    expect(tooMany.errors).toEqual([
      { line: 2, message: 'the item has more than 1,000 values, and a product file has at most 1,000 columns; the item was skipped' },
    ]);
    // Items that together name more than 1,000 different attributes: not a product feed.
    const wide = `<rss><channel>\n${item('A', attributes(0))}${item('B', attributes(600))}</channel></rss>\n`;
    await expect(parseCatalogFile(files.write('wide-feed.xml', wide))).rejects.toThrow(
      'Line 3: more than 1,000 different attributes — a product feed has at most 1,000 columns. Is this the right file?',
    );
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importedProduct, tshirt } from '../../../tests/harness/imported-products.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { openDatabase } from '../db/open-database.js';
import { matchExpression, searchTerms } from './catalog-search-text.js';
import { CatalogStore } from './catalog-store.js';

function catalog() {
  const store = new CatalogStore(openDatabase(path.join(tempDir(), 'studio.sqlite')));
  store.applyImport(
    [
      tshirt(),
      importedProduct({
        sourceKey: 'creme-mug',
        title: 'Crème Brûlée Mug',
        vendor: 'Café Supply',
        tags: ['kitchen'],
        variants: [{ sku: 'MUG-001', price: '12.00' }],
      }),
      importedProduct({
        sourceKey: 'hoodie',
        title: 'Zip Hoodie',
        vendor: 'Northwind',
        tags: ['winter', 'shirt-alternative'],
        optionNames: ['Size'],
        variants: [
          { sku: 'HD-ZIP-M', optionValues: ['M'] },
          { sku: 'HD-ZIP-XL', optionValues: ['XL'] },
        ],
      }),
      importedProduct({ sourceKey: 'apron', title: 'apron', vendor: 'Acme', variants: [{ sku: 'AP 77' }] }),
    ],
    'shopify',
    { dryRun: false },
  );
  const find = (query: string, offset = 0, limit = 50) => store.search({ query, offset, limit });
  const skus = (query: string) => find(query).rows.map((r) => r.sku);
  return { store, find, skus };
}

describe('catalog search text', () => {
  it('keeps only terms with a letter or digit, and caps their number and length', () => {
    expect(searchTerms('  ts-blk   *  -- ( red ')).toEqual(['ts-blk', 'red']);
    expect(searchTerms('a b c d e f g h i j')).toHaveLength(8);
    expect(searchTerms('x'.repeat(300))[0]).toHaveLength(64);
  });

  it('quotes every term as a prefix phrase and doubles embedded quotes', () => {
    expect(matchExpression('ts-bl red')).toBe('"ts-bl"* AND "red"*');
    expect(matchExpression('say "hi"')).toBe('"say"* AND """hi"""*');
    expect(matchExpression('  * - ')).toBeNull();
  });
});

describe('CatalogStore.search', () => {
  it('lists every variant by product title (case-insensitive) when the query is empty', () => {
    const { find } = catalog();
    const page = find('');
    expect(page.total).toBe(7);
    expect(page.rows.map((r) => r.title)).toEqual([
      'apron',
      'Classic T-Shirt',
      'Classic T-Shirt',
      'Classic T-Shirt',
      'Crème Brûlée Mug',
      'Zip Hoodie',
      'Zip Hoodie',
    ]);
    expect(page.rows[1]).toMatchObject({ sku: 'TS-BLK-S', variantTitle: 'S / Black', price: '19.99', currency: 'USD', stock: 5 });
    // A variant without its own image shows the product's first image.
    expect(page.rows[1]!.imageUrl).toBe('https://cdn.example/tee-front.jpg');
  });

  it('pages with offset and limit, keeping the total', () => {
    const { find } = catalog();
    const page = find('', 2, 3);
    expect(page).toMatchObject({ total: 7, offset: 2 });
    expect(page.rows.map((r) => r.sku)).toEqual(['TS-BLK-M', 'TS-BLK-L', 'MUG-001']);
    expect(find('classic', 1, 1)).toMatchObject({ total: 3, rows: [expect.objectContaining({ title: 'Classic T-Shirt' })] });
  });

  it('matches prefixes of title words, vendor, tags and option values as you type', () => {
    const { skus } = catalog();
    expect(skus('clas')).toHaveLength(3);
    expect(skus('hood')).toEqual(expect.arrayContaining(['HD-ZIP-M', 'HD-ZIP-XL']));
    expect(skus('northw')).toHaveLength(5);
    expect(skus('kitch')).toEqual(['MUG-001']);
    expect(skus('xl')).toEqual(['HD-ZIP-XL']);
    expect(skus('hoodie xl')).toEqual(['HD-ZIP-XL']);
    expect(skus('hoodie black')).toEqual([]);
  });

  it('finds SKUs by any part after a dash, by their start with dashes, and typed without dashes', () => {
    const { skus } = catalog();
    expect(skus('TS-BLK-M')).toEqual(['TS-BLK-M']);
    expect(skus('ts-bl')).toHaveLength(3);
    expect(skus('tsblkl')).toEqual(['TS-BLK-L']);
    expect(skus('zip-x')).toEqual(['HD-ZIP-XL']);
    expect(skus('mug-0')).toEqual(['MUG-001']);
    expect(skus('ap77')).toEqual(['AP 77']);
  });

  it('ignores case and accents', () => {
    const { skus } = catalog();
    expect(skus('CREME brulee')).toEqual(['MUG-001']);
    expect(skus('cafe')).toEqual(['MUG-001']);
  });

  it('ranks a title match above a tag match', () => {
    const { find } = catalog();
    const titles = find('shirt').rows.map((r) => r.title);
    expect(titles.slice(0, 3)).toEqual(['Classic T-Shirt', 'Classic T-Shirt', 'Classic T-Shirt']);
    expect(titles.slice(3)).toEqual(['Zip Hoodie', 'Zip Hoodie']);
  });

  it.each([
    '"',
    '""',
    '*',
    '-',
    '--x',
    'AND',
    'OR',
    'NOT',
    'a AND',
    'NEAR(',
    'NEAR(a b',
    'title:foo',
    '{title sku}: x',
    '^start',
    'a + b',
    '(',
    ')',
    "'",
    'x"*',
    '\\',
    '🙂',
    'ts-blk*',
  ])('never fails on odd input: %s', (query) => {
    const { find } = catalog();
    expect(() => find(query)).not.toThrow();
  });

  it('treats FTS5 keywords typed by a host as words', () => {
    const { store, find } = catalog();
    store.applyImport([importedProduct({ sourceKey: 'near', title: 'Near and Far Lamp' })], 'csv', { dryRun: false });
    expect(find('near and').rows.map((r) => r.title)).toEqual(['Near and Far Lamp']);
    expect(find('AND').rows.map((r) => r.title)).toEqual(['Near and Far Lamp']);
  });

  it('sees re-imported text at once and forgets the old text', () => {
    const { store, skus } = catalog();
    store.applyImport([tshirt({ title: 'Linen Shirt', tags: [] })], 'shopify', { dryRun: false });
    expect(skus('linen')).toHaveLength(3);
    expect(skus('classic')).toEqual([]);
    expect(skus('cotton')).toEqual([]);
  });
});

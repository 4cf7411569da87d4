import { afterAll, describe, expect, it } from 'vitest';
import { CatalogFileError } from './catalog-file-error.js';
import { guessMapping } from './generic-mapping.js';
import { parseCatalogFile } from './parse-catalog-file.js';
import { TempFiles } from '../../../../tests/support/catalog-files.js';

const files = new TempFiles();
afterAll(() => files.remove());

describe('guessMapping', () => {
  it('matches synonyms whatever the case, spacing and punctuation', () => {
    const mapping = guessMapping([
      'Product Name', 'Item number', 'Retail Price ($)', 'QTY', 'Picture', 'Product URL', 'Manufacturer', 'Category', 'Body', 'EAN', 'Colour',
    ]);
    expect(mapping).toMatchObject({
      title: 'Product Name',
      sku: 'Item number',
      price: 'Retail Price ($)',
      stock: 'QTY',
      imageUrl: 'Picture',
      buyUrl: 'Product URL',
      vendor: 'Manufacturer',
      productType: 'Category',
      description: 'Body',
      barcode: 'EAN',
      option1Value: 'Colour',
      handle: null,
      compareAtPrice: null,
    });
  });

  it('reads German export headers', () => {
    expect(guessMapping(['Artikelnummer', 'Bezeichnung', 'Preis', 'Bestand', 'Hersteller'])).toMatchObject({
      sku: 'Artikelnummer',
      title: 'Bezeichnung',
      price: 'Preis',
      stock: 'Bestand',
      vendor: 'Hersteller',
    });
  });

  it('gives a sale/regular pair to price and compare-at price', () => {
    expect(guessMapping(['Name', 'Sale price', 'Regular price'])).toMatchObject({ price: 'Sale price', compareAtPrice: 'Regular price' });
  });
});

describe('generic CSV', () => {
  it('imports with the guessed mapping, one product per row', async () => {
    const file = files.write(
      'supplier.csv',
      [
        'Product Name,SKU,Price,Qty,Image URL,Link,Brand,Type,Description',
        'Silk Scarf,SC-1,$24.50,3,https://cdn.example.com/scarf.jpg,https://shop.example.com/scarf,Maison,Accessories > Scarves,"Pure silk.\nHand rolled."',
        'Leather Belt,BL-1,"1,299.00",,https://cdn.example.com/belt.jpg|https://cdn.example.com/belt-2.jpg,,Maison,Accessories,',
        ',NT-1,5,1,,,,,',
        'Wallet,WL-1,abc,1,,,,,',
        'Coin purse,SC-1,3,1,,,,,',
      ].join('\n'),
    );
    const result = await parseCatalogFile(file);
    expect(result).toMatchObject({ format: 'csv', detectedFormat: 'csv', delimiter: ',' });
    expect(result.mapping).toMatchObject({ title: 'Product Name', sku: 'SKU', price: 'Price', stock: 'Qty', imageUrl: 'Image URL', buyUrl: 'Link' });
    expect(result.errors).toEqual([
      { line: 5, message: 'the product has no title' },
      { line: 6, message: 'price "abc" is not a number' },
      { line: 7, message: 'the SKU "SC-1" is already used on line 2; this row was skipped' },
    ]);
    expect(result.products).toHaveLength(2);
    expect(result.products[0]).toMatchObject({
      sourceKey: 'SC-1',
      title: 'Silk Scarf',
      vendor: 'Maison',
      productType: 'Scarves',
      buyUrl: 'https://shop.example.com/scarf',
      descriptionText: 'Pure silk.\nHand rolled.',
    });
    expect(result.products[0]?.variants[0]).toMatchObject({ sku: 'SC-1', price: '24.50', stock: 3, imageUrl: 'https://cdn.example.com/scarf.jpg' });
    expect(result.products[1]?.variants[0]).toMatchObject({ price: '1299.00', stock: null });
    expect(result.products[1]?.images.map((i) => i.url)).toEqual(['https://cdn.example.com/belt.jpg', 'https://cdn.example.com/belt-2.jpg']);
  });

  it('groups rows by handle and names options after their columns', async () => {
    const file = files.write(
      'handles.csv',
      ['handle,title,color,size,sku,price', 'tee,Tee,Red,S,T-RS,10', 'tee,,Red,M,T-RM,10', ',,Blue,M,T-BM,11', 'cap,Cap,,,C-1,5'].join('\n'),
    );
    const result = await parseCatalogFile(file);
    expect(result.errors).toEqual([]);
    expect(result.products.map((p) => [p.sourceKey, p.optionNames, p.variants.map((v) => v.optionValues.join('/'))])).toEqual([
      ['tee', ['color', 'size'], ['Red/S', 'Red/M', 'Blue/M']],
      // The Cap gives no color or size, so it has no options.
      ['cap', [], ['']],
    ]);
  });

  it('without a handle, joins consecutive rows with the same title when options are mapped', async () => {
    const file = files.write(
      'consecutive.csv',
      ['Name,Size,Price', 'Hoodie,S,30', 'Hoodie,M,30', 'Mug,,8', 'Hoodie,L,31'].join('\n'),
    );
    const result = await parseCatalogFile(file);
    expect(result.products.map((p) => [p.sourceKey, p.title, p.variants.length])).toEqual([
      ['title:hoodie', 'Hoodie', 2],
      ['title:mug', 'Mug', 1],
      // Not consecutive: a separate product with its own key.
      ['title:hoodie#2', 'Hoodie', 1],
    ]);
  });

  it('lets the caller override the guessed mapping per field', async () => {
    const file = files.write('override.csv', ['Name,Code,Cost,Retail,Notes', 'Lamp,L-1,10,25,Warm light', 'Desk,D-1,50,120,Oak'].join('\n'));
    const guessed = await parseCatalogFile(file);
    expect(guessed.mapping).toMatchObject({ title: 'Name', sku: 'Code', price: null });
    const result = await parseCatalogFile(file, { format: 'csv', mapping: { price: 'Retail', description: 'Notes', sku: null } });
    expect(result.mapping).toMatchObject({ title: 'Name', sku: null, price: 'Retail', description: 'Notes' });
    expect(result.products.map((p) => [p.sourceKey, p.variants[0]?.price, p.variants[0]?.sku, p.descriptionText])).toEqual([
      ['title:lamp', '25', null, 'Warm light'],
      ['title:desk', '120', null, 'Oak'],
    ]);
    await expect(parseCatalogFile(file, { mapping: { price: 'Preis' } })).rejects.toThrow(/"Preis" chosen for price is not in the file/);
  });

  it('explains what to map when no column is a title or SKU', async () => {
    const file = files.write('mystery.csv', 'foo,bar,baz\n1,2,3\n');
    const error = await parseCatalogFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogFileError);
    expect((error as Error).message).toMatch(/Shopify product CSV, WooCommerce product CSV, Google Merchant Center feed/);
    expect((error as Error).message).toMatch(/Choose which column holds the title.*Columns found: "foo", "bar", "baz"/);
    // Mapping a title fixes it.
    const result = await parseCatalogFile(file, { mapping: { title: 'foo' } });
    expect(result.products.map((p) => p.title)).toEqual(['1']);
  });

  it('reads a semicolon file with decimal commas', async () => {
    const file = files.write('european.csv', 'Artikelnummer;Bezeichnung;Preis;Bestand\nA-1;Tasse;1.299,00;4\nA-2;Teller;12,5;0\nA-3;Krug;1.299;2\n');
    const result = await parseCatalogFile(file);
    expect(result.delimiter).toBe(';');
    expect(result.products.map((p) => [p.variants[0]?.price, p.variants[0]?.stock])).toEqual([
      ['1299.00', 4],
      ['12.5', 0],
      ['1299', 2],
    ]);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { CatalogFileError } from './catalog-file-error.js';
import { parseCatalogFile } from './parse-catalog-file.js';
import { SHOPIFY_CLASSIC_HEADER, TempFiles } from '../../../../tests/support/catalog-files.js';

const files = new TempFiles();
afterAll(() => files.remove());

const CURRENT_HEADER =
  'Title,URL handle,Description,Vendor,Product category,Type,Tags,Published on online store,Status,SKU,Barcode,Option1 name,Option1 value,Option1 Linked To,Option2 name,Option2 value,Option2 Linked To,Option3 name,Option3 value,Option3 Linked To,Price,Compare-at price,Cost per item,Charge tax,Tax code,Unit price total measure,Unit price total measure unit,Unit price base measure,Unit price base measure unit,Inventory tracker,Inventory quantity,Continue selling when out of stock,Weight value (grams),Weight unit for display,Requires shipping,Fulfillment service,Product image URL,Image position,Image alt text,Variant image URL,Gift card,SEO title,SEO description,Google Shopping / Google product category,Google Shopping / Gender,Google Shopping / Age group,Google Shopping / Manufacturer part number (MPN),Google Shopping / Ad group name,Google Shopping / Ads labels,Google Shopping / Condition,Google Shopping / Custom product,Google Shopping / Custom label 0,Price / International,Compare-at price / International,Status';

/** A row of the current template from named values; unnamed columns stay blank. */
function currentRow(values: Record<string, string>): string {
  return CURRENT_HEADER.split(',')
    .map((h) => {
      const v = values[h] ?? '';
      return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
    })
    .join(',');
}

describe('Shopify, current header generation', () => {
  it('groups rows by URL handle and reads the renamed columns', async () => {
    const file = files.write(
      'shopify-current.csv',
      [
        CURRENT_HEADER,
        currentRow({
          Title: 'Sunset Mug', 'URL handle': 'sunset-mug', Description: '<p>Holds <b>12&nbsp;oz</b>.</p><ul><li>Dishwasher safe</li></ul>',
          Vendor: 'Clayworks', 'Product category': 'Home & Garden > Kitchen & Dining > Tableware > Drinkware > Mugs', Type: '',
          Tags: 'mug, ceramic, mug', 'Published on online store': 'TRUE', Status: 'Active', SKU: 'MUG-S', Barcode: '0123456789012',
          'Option1 name': 'Size', 'Option1 value': 'Small', Price: '18.00', 'Compare-at price': '22.00',
          'Inventory tracker': 'shopify', 'Inventory quantity': '7', 'Product image URL': 'https://cdn.example.com/mug-1.jpg',
          'Image position': '1', 'Image alt text': 'The mug', 'Variant image URL': 'https://cdn.example.com/mug-small.jpg',
        }),
        currentRow({
          'URL handle': 'sunset-mug', SKU: 'MUG-L', 'Option1 value': 'Large', Price: '24.00', 'Inventory tracker': 'shopify',
          'Inventory quantity': '0', 'Product image URL': 'https://cdn.example.com/mug-2.jpg', 'Image position': '2',
        }),
        currentRow({ 'URL handle': 'sunset-mug', 'Product image URL': 'https://cdn.example.com/mug-3.jpg', 'Image position': '3' }),
        currentRow({
          Title: 'Gift Card', 'URL handle': 'gift-card', Status: 'Draft', 'Option1 name': 'Title', 'Option1 value': 'Default Title',
          Price: '50', 'Inventory quantity': '',
        }),
      ].join('\r\n'),
    );
    const result = await parseCatalogFile(file);
    expect(result.format).toBe('shopify');
    expect(result.errors).toEqual([]);
    const [mug, card] = result.products;
    expect(mug).toMatchObject({
      sourceKey: 'sunset-mug',
      title: 'Sunset Mug',
      vendor: 'Clayworks',
      productType: 'Mugs',
      tags: ['mug', 'ceramic'],
      status: 'active',
      optionNames: ['Size'],
      descriptionText: 'Holds 12 oz.\n\n• Dishwasher safe',
    });
    expect(mug?.variants).toEqual([
      { line: 2, sku: 'MUG-S', barcode: '0123456789012', optionValues: ['Small'], price: '18.00', compareAtPrice: '22.00', stock: 7, imageUrl: 'https://cdn.example.com/mug-small.jpg', platformId: null },
      { line: 3, sku: 'MUG-L', barcode: null, optionValues: ['Large'], price: '24.00', compareAtPrice: null, stock: 0, imageUrl: null, platformId: null },
    ]);
    // Positioned images first, then the variant image that is not among them.
    expect(mug?.images.map((i) => i.url)).toEqual([
      'https://cdn.example.com/mug-1.jpg',
      'https://cdn.example.com/mug-2.jpg',
      'https://cdn.example.com/mug-3.jpg',
      'https://cdn.example.com/mug-small.jpg',
    ]);
    expect(card).toMatchObject({ status: 'draft', optionNames: [] });
    expect(card?.variants[0]).toMatchObject({ optionValues: [], price: '50', stock: null });
  });
});

describe('Shopify, classic header generation', () => {
  const row = (cells: Partial<Record<string, string>>): string =>
    SHOPIFY_CLASSIC_HEADER.split(',')
      .map((h) => cells[h] ?? '')
      .map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v))
      .join(',');

  it('reports bad rows with their lines and keeps the good ones', async () => {
    const file = files.write(
      'shopify-bad-rows.csv',
      [
        SHOPIFY_CLASSIC_HEADER,
        row({ Handle: 'tee', Title: 'Tee', Published: 'TRUE', 'Option1 Name': 'Size', 'Option1 Value': 'S', 'Variant SKU': 'T-S', 'Variant Price': '10' }),
        row({ Handle: 'tee', 'Option1 Value': 'M', 'Variant SKU': 'T-M', 'Variant Price': 'abc' }),
        row({ Handle: 'tee', 'Option1 Value': 'L', 'Variant SKU': 'T-L', 'Variant Price': '12', 'Variant Inventory Qty': 'lots' }),
        row({ Handle: 'no-title', 'Variant SKU': 'NT-1', 'Variant Price': '5' }),
        row({ Handle: 'only-bad', Title: 'Only bad', 'Variant SKU': 'OB', 'Variant Price': '-4' }),
        row({ Handle: 'hidden', Title: 'Hidden thing', Published: 'FALSE', 'Variant Price': '$1,299.00' }),
        row({ Title: '', 'Variant SKU': 'ORPHAN' }),
      ].join('\n'),
    );
    const result = await parseCatalogFile(file);
    expect(result.errors).toEqual([
      { line: 3, message: 'price "abc" is not a number' },
      { line: 4, message: 'inventory quantity "lots" is not a whole number' },
      { line: 5, message: 'the product has no title' },
      { line: 6, message: 'price "-4" is below zero' },
      { line: 8, message: 'the row has no handle and no title, so it belongs to no product' },
    ]);
    expect(result.products.map((p) => [p.sourceKey, p.status, p.variants.map((v) => v.sku)])).toEqual([
      ['tee', 'active', ['T-S']],
      ['hidden', 'draft', [null]],
    ]);
    expect(result.products[1]?.variants[0]?.price).toBe('1299.00');
  });

  it('refuses a WooCommerce file forced as Shopify with a clear message', async () => {
    const file = files.write('woo-as-shopify.csv', 'ID,Type,SKU,Name,Regular price\n1,simple,A,Thing,5\n');
    const error = await parseCatalogFile(file, { format: 'shopify' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogFileError);
    expect((error as CatalogFileError).code).toBe('invalid-input');
    expect((error as Error).message).toMatch(/not a Shopify product CSV.*"Handle".*Columns found: "ID", "Type", "SKU", "Name", "Regular price"/);
  });
});

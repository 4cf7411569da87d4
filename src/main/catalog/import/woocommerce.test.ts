import { afterAll, describe, expect, it } from 'vitest';
import { parseCatalogFile } from './parse-catalog-file.js';
import { TempFiles } from '../../../../tests/support/catalog-files.js';

const files = new TempFiles();
afterAll(() => files.remove());

const HEADER =
  'ID,Type,SKU,Name,Published,"Is featured?","Visibility in catalog","Short description",Description,"In stock?",Stock,"Sale price","Regular price",Categories,Tags,Images,Parent,"Grouped products","External URL","Button text","Attribute 1 name","Attribute 1 value(s)","Attribute 1 visible","Attribute 1 global","Attribute 2 name","Attribute 2 value(s)","Attribute 2 visible","Attribute 2 global"';

describe('WooCommerce', () => {
  it('joins variations to parents given as id:NN or SKU, and reports a missing parent', async () => {
    const rows = [
      HEADER,
      // A variation listed before its parent still finds it.
      '201,variation,SOCK-RED-M,"Socks - Red, M",1,0,visible,,,1,12,,6.50,,,https://cdn.example.com/sock-red.jpg,id:200,,,,Color,Red,,1,Size,M,,1',
      '200,variable,SOCK,Socks,1,0,visible,"Warm socks","Line one\\nLine two with a \\\\n kept",1,,,,"Clothing > Socks, Clothing > Sale\\, Winter","cozy, wool","https://cdn.example.com/sock.jpg,  https://cdn.example.com/sock-2.jpg",,,,,Color,"Red, Blue",1,1,Size,"S, M",1,1',
      '202,variation,SOCK-BLUE,"Socks - Blue",1,0,visible,,,0,,5.00,6.50,,,,SOCK,,,,Color,Blue,,1,Size,,,1',
      '203,variation,LOST-1,"Lost - One",1,0,visible,,,1,,,9,,,,id:77,,,,Color,Green,,1,,,,',
      '204,variation,NOPARENT,"No parent",1,0,visible,,,1,,,9,,,,,,,,,,,,,,,',
      '300,external,,"Poster",1,0,visible,,"<p>Big &amp; bold</p>",1,,,15,Decor,,https://cdn.example.com/poster.jpg,,,https://partner.example.com/poster,"Buy it",,,,,,,,',
      '301,simple,HIDDEN,"Private thing",-1,0,hidden,,,outofstock,,,3,,,,,,,,,,,,,,,',
      '302,simple,DRAFTY,"Draft thing",0,0,visible,,,1,,,abc,,,,,,,,,,,,,,,',
    ];
    const file = files.write('woo.csv', `\uFEFF${rows.join('\r\n')}\r\n`);
    const result = await parseCatalogFile(file);
    expect(result.format).toBe('woocommerce');
    expect(result.errors).toEqual([
      { line: 5, message: 'this variation\'s parent "id:77" is not in the file' },
      { line: 6, message: 'this variation has no parent (the "Parent" column is empty)' },
      { line: 9, message: 'regular price "abc" is not a number' },
    ]);
    expect(result.products.map((p) => p.sourceKey)).toEqual(['id:200', 'id:300', 'id:301']);
    const [socks, poster, hidden] = result.products;

    expect(socks).toMatchObject({
      line: 3,
      // The parent's ID: the variations' add-to-cart goes to it (with their own ID as variation_id).
      platformId: '200',
      title: 'Socks',
      productType: 'Socks',
      tags: ['cozy', 'wool', 'Socks', 'Sale, Winter'],
      optionNames: ['Color', 'Size'],
      descriptionHtml: 'Line one\nLine two with a \\n kept',
      descriptionText: 'Line one\nLine two with a \\n kept',
    });
    expect(socks?.variants).toEqual([
      { line: 2, sku: 'SOCK-RED-M', barcode: null, optionValues: ['Red', 'M'], price: '6.50', compareAtPrice: null, stock: 12, imageUrl: 'https://cdn.example.com/sock-red.jpg', platformId: '201' },
      // Blank Size on the variation means "any size"; "In stock?" 0 without a Stock number means 0.
      { line: 4, sku: 'SOCK-BLUE', barcode: null, optionValues: ['Blue', 'Any Size'], price: '5.00', compareAtPrice: '6.50', stock: 0, imageUrl: null, platformId: '202' },
    ]);
    expect(socks?.images.map((i) => i.url)).toEqual([
      'https://cdn.example.com/sock.jpg',
      'https://cdn.example.com/sock-2.jpg',
      'https://cdn.example.com/sock-red.jpg',
    ]);

    expect(poster).toMatchObject({ platformId: '300', buyUrl: 'https://partner.example.com/poster', descriptionText: 'Big & bold', productType: 'Decor' });
    expect(poster?.variants[0]).toMatchObject({ sku: null, price: '15' });
    // Published -1 is private: not for sale, kept as a draft. "outofstock" is 0 in stock.
    expect(hidden).toMatchObject({ status: 'draft' });
    expect(hidden?.variants[0]?.stock).toBe(0);
  });

  it('falls back to the SKU as the key when the file has no ID column', async () => {
    const file = files.write(
      'woo-no-ids.csv',
      'Type,SKU,Name,"Regular price","Sale price",Parent,"Attribute 1 name","Attribute 1 value(s)"\nvariable,CAP,Cap,,,,Color,"Red, Blue"\nvariation,CAP-R,Cap - Red,9,,CAP,Color,Red\nsimple,PIN,Pin,2,,,,\n',
    );
    const result = await parseCatalogFile(file, { format: 'woocommerce' });
    expect(result.errors).toEqual([]);
    expect(result.products.map((p) => [p.sourceKey, p.variants.map((v) => v.optionValues.join('/'))])).toEqual([
      ['CAP', ['Red']],
      ['PIN', ['']],
    ]);
  });

  it('explains why a non-WooCommerce file cannot be read as one', async () => {
    const file = files.write('not-woo.csv', 'Handle,Title,Variant Price\na,A,1\n');
    await expect(parseCatalogFile(file, { format: 'woocommerce' })).rejects.toThrow(/not a WooCommerce product CSV.*"Name"/);
  });
});

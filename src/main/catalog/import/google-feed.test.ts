import { afterAll, describe, expect, it } from 'vitest';
import { CatalogFileError } from './catalog-file-error.js';
import { sharedTitle } from './google-feed.js';
import { parseCatalogFile } from './parse-catalog-file.js';
import { TempFiles } from '../../../../tests/support/catalog-files.js';

const files = new TempFiles();
afterAll(() => files.remove());

describe('Google Merchant Center TSV', () => {
  it('groups variants by item_group_id and reads prices, availability and images', async () => {
    const tsv = [
      'id\ttitle\tdescription\tlink\timage_link\tadditional_image_link\tavailability\tprice\tsale_price\tbrand\tgtin\titem_group_id\tcolor\tsize\tproduct_type',
      'TEE-R-M\tClassic Tee - Red - M\tSoft 12" cotton tee\thttps://shop.example.com/tee?v=1\thttps://cdn.example.com/tee-red.jpg\thttps://cdn.example.com/tee-back.jpg, https://cdn.example.com/tee-side.jpg\tin_stock\t15.00 USD\t12.00 USD\tAcme\t00012345678905\tTEE\tRed\tM\tApparel > Shirts > Tees',
      'TEE-B-M\tClassic Tee - Blue - M\t\thttps://shop.example.com/tee?v=2\thttps://cdn.example.com/tee-blue.jpg\thttps://cdn.example.com/tee-back.jpg\tout of stock\tUSD 15.00\t\tAcme\t\tTEE\tBlue\tM\tApparel > Shirts > Tees',
      'TEE-B-L\tClassic Tee - Blue - L\t\thttps://shop.example.com/tee?v=3\thttps://cdn.example.com/tee-blue.jpg\t\tpreorder\t15.00 USD\t\tAcme\t\tTEE\tBlue\tL\t',
      'MUG-1\tEnamel Mug\tCamp mug\thttps://shop.example.com/mug\thttps://cdn.example.com/mug.jpg\t\tbackorder\t9,50 EUR\t\tCampCo\t\t\t\t\tHome > Kitchen',
      'BAD-1\tBroken price\t\t\t\t\tin stock\tfree\t\t\t\t\t\t\t',
      '\tNo id\t\t\t\t\tin stock\t1.00 USD\t\t\t\t\t\t\t',
    ].join('\n');
    const result = await parseCatalogFile(files.write('feed.tsv', tsv));
    expect(result).toMatchObject({ format: 'google', detectedFormat: 'google', delimiter: '\t' });
    expect(result.errors).toEqual([
      { line: 6, message: 'price "free" is not a number' },
      { line: 7, message: 'the item "No id" has no id' },
    ]);
    const [tee, mug] = result.products;
    expect(tee).toMatchObject({
      line: 2,
      sourceKey: 'TEE',
      title: 'Classic Tee',
      vendor: 'Acme',
      productType: 'Tees',
      buyUrl: 'https://shop.example.com/tee?v=1',
      currency: 'USD',
      optionNames: ['Color', 'Size'],
      descriptionText: 'Soft 12" cotton tee',
    });
    expect(tee?.variants.map((v) => [v.sku, v.optionValues.join('/'), v.price, v.compareAtPrice, v.stock, v.barcode])).toEqual([
      ['TEE-R-M', 'Red/M', '12.00', '15.00', null, '00012345678905'],
      ['TEE-B-M', 'Blue/M', '15.00', null, 0, null],
      ['TEE-B-L', 'Blue/L', '15.00', null, null, null],
    ]);
    expect(tee?.images.map((i) => i.url)).toEqual([
      'https://cdn.example.com/tee-red.jpg',
      'https://cdn.example.com/tee-back.jpg',
      'https://cdn.example.com/tee-side.jpg',
      'https://cdn.example.com/tee-blue.jpg',
    ]);
    expect(mug).toMatchObject({ sourceKey: 'MUG-1', title: 'Enamel Mug', currency: 'EUR', optionNames: [], productType: 'Kitchen' });
    expect(mug?.variants[0]).toMatchObject({ sku: 'MUG-1', price: '9.50', stock: null });
  });
});

describe('Google Merchant Center XML', () => {
  it('reads an RSS feed with g: fields, repeated images and nested shipping', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<rss xmlns:g="http://base.google.com/ns/1.0" version="2.0">
  <channel>
    <title>Store</title>
    <link>https://shop.example.com</link>
    <item>
      <g:id>HAT-S</g:id>
      <title>Wool Hat - Small</title>
      <description><![CDATA[<p>Warm &amp; soft</p>]]></description>
      <link>https://shop.example.com/hat</link>
      <g:image_link>https://cdn.example.com/hat.jpg</g:image_link>
      <g:additional_image_link>https://cdn.example.com/hat-2.jpg</g:additional_image_link>
      <g:additional_image_link>https://cdn.example.com/hat-3.jpg</g:additional_image_link>
      <g:availability>in_stock</g:availability>
      <g:price>20.00 GBP</g:price>
      <g:shipping><g:country>GB</g:country><g:price>3.00 GBP</g:price></g:shipping>
      <g:brand>Knitters</g:brand>
      <g:item_group_id>HAT</g:item_group_id>
      <g:size>S</g:size>
      <g:color>Grey</g:color>
    </item>
    <item>
      <g:id>HAT-L</g:id>
      <g:title>Wool Hat - Large</g:title>
      <g:link>https://shop.example.com/hat?size=l</g:link>
      <g:image_link>https://cdn.example.com/hat.jpg</g:image_link>
      <g:availability>out_of_stock</g:availability>
      <g:price>22.00 GBP</g:price>
      <g:item_group_id>HAT</g:item_group_id>
      <g:size>L</g:size>
      <g:color>Grey</g:color>
    </item>
    <item>
      <g:id>SCARF</g:id>
      <g:title>Scarf &#8211; long</g:title>
      <g:price>oops</g:price>
    </item>
  </channel>
</rss>`;
    const result = await parseCatalogFile(files.write('feed.xml', xml));
    expect(result).toMatchObject({ format: 'google', detectedFormat: 'google', delimiter: null });
    expect(result.headers).toEqual(expect.arrayContaining(['id', 'title', 'price', 'item_group_id', 'additional_image_link']));
    expect(result.errors).toEqual([{ line: 33, message: 'price "oops" is not a number' }]);
    expect(result.products).toHaveLength(1);
    const hat = result.products[0];
    expect(hat).toMatchObject({
      line: 6,
      sourceKey: 'HAT',
      title: 'Wool Hat',
      vendor: 'Knitters',
      currency: 'GBP',
      buyUrl: 'https://shop.example.com/hat',
      optionNames: ['Size'],
      descriptionHtml: '<p>Warm &amp; soft</p>',
      descriptionText: 'Warm & soft',
    });
    // The shipping price inside <g:shipping> must not replace the item's price.
    expect(hat?.variants.map((v) => [v.line, v.sku, v.optionValues[0], v.price, v.stock])).toEqual([
      [6, 'HAT-S', 'S', '20.00', null],
      [22, 'HAT-L', 'L', '22.00', 0],
    ]);
    expect(hat?.images.map((i) => i.url)).toEqual([
      'https://cdn.example.com/hat.jpg',
      'https://cdn.example.com/hat-2.jpg',
      'https://cdn.example.com/hat-3.jpg',
    ]);
  });

  it('reads an Atom feed with <entry> and <link href>', async () => {
    const xml = `<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:g="http://base.google.com/ns/1.0">
  <title>Store</title>
  <entry>
    <g:id>LAMP</g:id>
    <title>Desk Lamp</title>
    <link href="https://shop.example.com/lamp" rel="alternate"/>
    <summary>Bright&nbsp;light</summary>
    <g:price>45 usd</g:price>
    <g:sale_price>39.90 USD</g:sale_price>
  </entry>
</feed>`;
    const result = await parseCatalogFile(files.write('atom.xml', xml));
    expect(result.errors).toEqual([]);
    expect(result.products[0]).toMatchObject({ sourceKey: 'LAMP', title: 'Desk Lamp', buyUrl: 'https://shop.example.com/lamp', currency: 'USD' });
    expect(result.products[0]?.variants[0]).toMatchObject({ price: '39.90', compareAtPrice: '45' });
  });

  it('refuses XML that is not a product feed, and XML forced as another format', async () => {
    const other = files.write('other.xml', '<?xml version="1.0"?><catalog><book id="1"/></catalog>');
    await expect(parseCatalogFile(other)).rejects.toThrow(/not a Google Merchant Center feed \(it starts with <catalog>/);
    const feed = files.write('feed-forced.xml', '<rss><channel><item><g:id>1</g:id><title>A</title></item></channel></rss>');
    await expect(parseCatalogFile(feed, { format: 'shopify' })).rejects.toBeInstanceOf(CatalogFileError);
    const empty = files.write('empty-feed.xml', '<rss><channel><title>Nothing</title></channel></rss>');
    await expect(parseCatalogFile(empty)).rejects.toThrow(/no <item> or <entry>/);
  });
});

describe('sharedTitle', () => {
  it.each([
    [['Classic Tee - Red - M', 'Classic Tee - Blue - S'], 'Classic Tee'],
    [['Shirt Red', 'Shirt Rose'], 'Shirt'],
    [['Same', 'Same'], 'Same'],
    [['Ab', 'Ac'], 'Ab'],
    [['Mug (Blue)', 'Mug (Green)'], 'Mug'],
  ])('%j -> %j', (titles, expected) => {
    expect(sharedTitle(titles)).toBe(expected);
  });
});

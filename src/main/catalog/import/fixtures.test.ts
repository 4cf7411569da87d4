/**
 * The real export files in tests/fixtures/catalogs. The expected numbers
 * were counted by hand from the files; the comments say where they come from.
 */
import { describe, expect, it } from 'vitest';
import { SHOPIFY_TEMPLATE_CSV, SHOPIFY_VARIANT_IDS_CSV, WOOCOMMERCE_SAMPLE_CSV } from '../../../../tests/harness/catalog-fixtures.js';
import { parseCatalogFile } from './parse-catalog-file.js';
import type { ImportedProduct } from './types.js';

const count = (products: ImportedProduct[]) => ({
  products: products.length,
  variants: products.reduce((n, p) => n + p.variants.length, 0),
  images: products.reduce((n, p) => n + p.images.length, 0),
});

describe("Shopify's product template (classic headers)", () => {
  it('reads 3 products, 16 variants and 11 images', async () => {
    const result = await parseCatalogFile(SHOPIFY_TEMPLATE_CSV);
    expect(result).toMatchObject({ format: 'shopify', detectedFormat: 'shopify', encoding: 'utf-8', delimiter: ',', mapping: null });
    expect(result.errors).toEqual([]);
    // 17 data rows: example-shirt has 12 (4 colors × 3 sizes), example-pants
    // 3 variant rows + 1 image-only row, example-hat 1 "Default Title" row.
    expect(count(result.products)).toEqual({ products: 3, variants: 16, images: 11 });
    const [shirt, pants, hat] = result.products;

    // Shirt: 6 distinct Image Src (rows 2-7); its Variant Image URLs are among them.
    expect(shirt).toMatchObject({ sourceKey: 'example-shirt', title: 'Example T-Shirt', status: 'active', vendor: 'Acme' });
    expect(shirt?.optionNames).toEqual(['Color', 'Size']);
    expect(shirt?.variants.map((v) => v.optionValues.join('/'))).toEqual([
      'Green/S', 'Green/M', 'Green/L', 'Blue/S', 'Blue/M', 'Blue/L', 'Gray/S', 'Gray/M', 'Gray/L', 'Purple/S', 'Purple/M', 'Purple/L',
    ]);
    expect(shirt?.images.map((i) => i.alt)).toEqual([
      'A rack of T-Shirts', 'T-Shirt color swatches', 'Green T-Shirt', 'Blue T-Shirt', 'Gray T-Shirt', 'Purple T-Shirt',
    ]);
    // The shirt's "Variant Inventory Tracker" is blank: Shopify does not track its stock.
    expect(shirt?.variants.every((v) => v.stock === null && v.price === '25')).toBe(true);
    expect(shirt?.tags).toEqual(['Made to Order', 'Shirt Tag']);
    expect(shirt?.productType).toBe('Shirts');
    expect(shirt?.descriptionText.startsWith('This t-shirt is as simple as it gets.')).toBe(true);
    expect(shirt?.buyUrl).toBeNull();

    // Pants: Status "draft" (Published FALSE); 3 sizes tracked by Shopify; 4 images, the last from the image-only row 17.
    expect(pants).toMatchObject({ sourceKey: 'example-pants', status: 'draft', optionNames: ['Size'] });
    expect(pants?.variants.map((v) => [v.sku, v.optionValues[0], v.price, v.compareAtPrice, v.stock])).toEqual([
      ['PNT_DEN_285', '28', '95', '64.95', 20],
      ['PNT_DEN_305', '30', '95', '64.95', 15],
      ['PNT_DEN_405', '40', '95', '64.95', 10],
    ]);
    expect(pants?.images).toHaveLength(4);
    expect(pants?.images[3]).toEqual({
      url: 'https://burst.shopifycdn.com/photos/female-fashion-model-poses-in-city-street.jpg?width=1500',
      alt: 'Large tapered stone wash jeans',
    });

    // Hat: "Title / Default Title" means no options; Status "archived" is kept.
    expect(hat).toMatchObject({ sourceKey: 'example-hat', status: 'archived', optionNames: [] });
    expect(hat?.variants).toEqual([
      {
        line: 18,
        sku: 'HAT_GRY_275',
        barcode: '1.22328E+11',
        optionValues: [],
        price: '17.99',
        compareAtPrice: '22.99',
        stock: 50,
        imageUrl: null,
        // Shopify's template has no "Variant ID" column.
        platformId: null,
      },
    ]);
  });
});

describe('A Shopify export with product and variant IDs', () => {
  it('keeps the "ID" on the product and the "Variant ID" on each variant, and no ID where a spreadsheet mangled it', async () => {
    const result = await parseCatalogFile(SHOPIFY_VARIANT_IDS_CSV);
    expect(result).toMatchObject({ format: 'shopify', errors: [] });
    expect(result.products.map((p) => [p.sourceKey, p.platformId, p.variants.map((v) => [v.sku, v.platformId])])).toEqual([
      ['linen-shirt', '7010000000001', [['LS-S', '40100000000011'], ['LS-M', '40100000000012'], ['LS-L', '40100000000013']]],
      ['canvas-tote', '7010000000002', [['TOTE-1', '40100000000021']]],
      // "4.01E+13" is what a spreadsheet makes of 40100000000031: no ID, rather than a wrong one.
      ['gift-card', '7010000000003', [['GIFT-25', null]]],
    ]);
  });
});

describe('WooCommerce sample products', () => {
  it('reads 18 products and 23 variants from 25 rows', async () => {
    const result = await parseCatalogFile(WOOCOMMERCE_SAMPLE_CSV);
    // The file starts with a UTF-8 BOM; the first header must still be "ID".
    expect(result.headers[0]).toBe('ID');
    expect(result).toMatchObject({ format: 'woocommerce', detectedFormat: 'woocommerce', encoding: 'utf-8' });
    expect(result.errors).toEqual([]);
    // 25 rows = 2 variable + 14 simple + 1 grouped + 1 external + 7 variations.
    // The variations fold into their parents: 18 products. Variants: V-Neck 3,
    // Hoodie 4, and one each for the other 16 products = 23. Images: V-Neck 3,
    // Hoodie 4, Logo Collection 4, 15 products with 1 = 26 (variation images
    // are already among their parent's).
    expect(count(result.products)).toEqual({ products: 18, variants: 23, images: 26 });
    const byKey = new Map(result.products.map((p) => [p.sourceKey, p]));

    const vneck = byKey.get('id:44');
    // Variations leave "Size" blank (any size), so only Color is an option.
    expect(vneck?.optionNames).toEqual(['Color']);
    expect(vneck?.variants.map((v) => [v.sku, v.optionValues[0], v.price])).toEqual([
      ['woo-vneck-tee-red', 'Red', '20'],
      ['woo-vneck-tee-green', 'Green', '20'],
      ['woo-vneck-tee-blue', 'Blue', '15'],
    ]);
    expect(vneck).toMatchObject({ productType: 'Tshirts', title: 'V-Neck T-Shirt', platformId: '44' });
    // Each variation keeps its own ID (the add-to-cart variation_id; the parent 44 is the add-to-cart).
    expect(vneck?.variants.map((v) => v.platformId)).toEqual(['76', '77', '78']);
    expect(byKey.get('id:48')).toMatchObject({ platformId: '48', variants: [{ platformId: null }] });

    const hoodie = byKey.get('id:45');
    expect(hoodie?.optionNames).toEqual(['Color', 'Logo']);
    // Row 79 (line 19) is on sale: 42 instead of 45. Line 26 (id 90) comes after other products but still joins.
    expect(hoodie?.variants.map((v) => [v.line, v.optionValues.join('/'), v.price, v.compareAtPrice])).toEqual([
      [19, 'Red/No', '42', '45'],
      [20, 'Green/No', '45', null],
      [21, 'Blue/No', '45', null],
      [26, 'Blue/Yes', '45', null],
    ]);
    expect(hoodie?.variants[0]?.imageUrl).toBe('https://woocommercecore.mystagingwebsite.com/wp-content/uploads/2017/12/hoodie-2.jpg');

    // Grouped: no price of its own, its children stay separate products.
    const collection = byKey.get('id:87');
    expect(collection?.variants).toHaveLength(1);
    expect(collection?.variants[0]?.price).toBeNull();
    expect(collection?.images).toHaveLength(4);
    expect(byKey.has('id:46') && byKey.has('id:47') && byKey.has('id:48')).toBe(true);

    // External: its URL is the buy link.
    expect(byKey.get('id:89')).toMatchObject({
      title: 'WordPress Pennant',
      buyUrl: 'https://mercantile.wordpress.org/product/wordpress-pennant/',
      productType: 'Decor',
    });
    expect(byKey.get('id:89')?.variants[0]?.price).toBe('11.05');

    // Sale vs regular on a simple product: Beanie 18 on sale, was 20.
    expect(byKey.get('id:48')?.variants[0]).toMatchObject({ sku: 'woo-beanie', price: '18', compareAtPrice: '20', stock: null });
    expect(result.products.every((p) => p.status === 'active')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { ProductDetail, Variant } from '../../shared/domain/catalog.js';
import { buildProductCard } from './product-card-builder.js';

const variant = (id: number, extra: Partial<Variant> = {}): Variant => ({
  id,
  productId: 7,
  position: id,
  sku: `SKU-${id}`,
  barcode: null,
  optionValues: ['M'],
  title: 'M / Sand',
  price: '59.00',
  compareAtPrice: '79.00',
  stock: 3,
  imageUrl: null,
  platformId: null,
  ...extra,
});

const product = (extra: Partial<ProductDetail> = {}): ProductDetail => ({
  id: 7,
  sourceFormat: 'shopify',
  sourceKey: 'linen-wrap-dress',
  title: 'Linen wrap dress',
  descriptionText: '',
  descriptionHtml: '',
  vendor: 'Acme',
  productType: '',
  tags: [],
  status: 'active',
  buyUrl: 'https://shop.example.com/products/linen-wrap-dress',
  currency: 'USD',
  platformId: null,
  optionNames: ['Size'],
  variants: [variant(1), variant(2, { title: 'L / Sand', price: '49.50', compareAtPrice: null, stock: 4 })],
  images: [
    { id: 2, url: 'https://cdn.example.com/back.jpg', alt: '', position: 1 },
    { id: 1, url: 'https://cdn.example.com/front.jpg', alt: '', position: 0 },
  ],
  createdAt: 1,
  updatedAt: 1,
  ...extra,
});

describe('buildProductCard', () => {
  it('a variant: its title, price, compare-at price and stock; the product image when it has none', () => {
    expect(buildProductCard(product(), 1)).toEqual({
      productId: '7:1',
      title: 'Linen wrap dress',
      variantTitle: 'M / Sand',
      price: '59.00',
      compareAtPrice: '79.00',
      currency: 'USD',
      imageUrl: 'https://cdn.example.com/front.jpg',
      stock: 3,
      buyUrl: 'https://shop.example.com/products/linen-wrap-dress',
      // Told to a store page that embeds the player (docs/embed.md).
      sku: 'SKU-1',
      // The store's own variant id, when the import kept one (none here).
      variantId: null,
      // The catalog knows no deals: the pin service puts the running one on.
      deal: null,
    });
    // Kept from the import (Shopify "Variant ID"): what a store page adds to its own cart.
    expect(buildProductCard(product({ variants: [variant(1, { platformId: '44012345678' })] }), 1).variantId).toBe('44012345678');
    expect(buildProductCard(product(), 2).imageUrl).toBe('https://cdn.example.com/front.jpg');
    const withImage = product({ variants: [variant(1, { imageUrl: 'https://cdn.example.com/m.jpg' })] });
    expect(buildProductCard(withImage, 1).imageUrl).toBe('https://cdn.example.com/m.jpg');
  });

  it('a whole product: the lowest price ("from"), the stock of all variants, no variant title', () => {
    expect(buildProductCard(product(), null)).toMatchObject({
      productId: '7',
      variantTitle: null,
      price: '49.50',
      compareAtPrice: null,
      stock: 7,
    });
    // Several variants: no one SKU.
    expect(buildProductCard(product(), null).sku).toBeNull();
    const untracked = product({ variants: [variant(1, { stock: null }), variant(2, { stock: null })] });
    expect(buildProductCard(untracked, null).stock).toBeNull();
  });

  it('drops what the card would refuse instead of failing the pin', () => {
    const messy = product({
      buyUrl: 'http://shop.example.com/insecure',
      currency: 'usd',
      images: [{ id: 1, url: '/relative.jpg', alt: '', position: 0 }],
      variants: [variant(1, { price: '19.99999', compareAtPrice: '9.00', stock: -2, title: '' })],
    });
    expect(buildProductCard(messy, 1)).toEqual({
      productId: '7:1',
      title: 'Linen wrap dress',
      variantTitle: null,
      price: null,
      compareAtPrice: null,
      currency: 'USD',
      imageUrl: null,
      stock: 0,
      buyUrl: null,
      sku: 'SKU-1',
      variantId: null,
      deal: null,
    });
    expect(buildProductCard(product({ currency: 'dollars', buyUrl: 'javascript:alert(1)' }), 1)).toMatchObject({ currency: null, buyUrl: null });
  });

  it('a compare-at price not above the price is not a discount', () => {
    expect(buildProductCard(product({ variants: [variant(1, { compareAtPrice: '59' })] }), 1).compareAtPrice).toBeNull();
  });

  it('cleans and shortens text to the card limits (control and bidi characters out)', () => {
    const long = `${'Very long title '.repeat(20)}`;
    const card = buildProductCard(product({ title: `\u202eEvil\u0007 ${long}` }), null);
    expect(card.title.length).toBeLessThanOrEqual(140);
    expect(card.title).toMatch(/^Evil Very long title/);
    expect(card.title.endsWith('…')).toBe(true);
    const emoji = buildProductCard(product({ title: '👗'.repeat(100) }), null);
    expect(emoji.title.length).toBeLessThanOrEqual(140);
    expect(emoji.title).not.toMatch(/\uD83D(?!\uDC57)/); // no half emoji
  });

  it('refuses a variant of another product and a product with no usable title', () => {
    expect(() => buildProductCard(product(), 99)).toThrow(/no longer part of this product/);
    expect(() => buildProductCard(product({ title: '\u0007 ' }), null)).toThrow(/no title/);
  });
});

import { describe, expect, it } from 'vitest';
import { PRODUCT_CARD_LIMITS, productCardSchema } from './product-card.js';

const card = {
  productId: '1042',
  title: 'Linen wrap dress',
  price: '59.00',
  buyUrl: 'https://example-shop.com/p/1042',
};

describe('productCardSchema', () => {
  it('fills optional fields with null and normalizes URLs', () => {
    expect(productCardSchema.parse(card)).toEqual({
      productId: '1042',
      title: 'Linen wrap dress',
      variantTitle: null,
      price: '59.00',
      compareAtPrice: null,
      currency: null,
      imageUrl: null,
      stock: null,
      buyUrl: 'https://example-shop.com/p/1042',
      deal: null,
    });
    expect(productCardSchema.parse({ ...card, buyUrl: ' HTTPS://Example-Shop.com/p ' }).buyUrl).toBe('https://example-shop.com/p');
  });

  it('takes a flash deal of 10 s to 30 min with a canonical price, and nothing else', () => {
    const deal = { price: '39.00', startedAt: 1_000_000, endsAt: 1_060_000 };
    expect(productCardSchema.parse({ ...card, deal }).deal).toEqual(deal);
    for (const bad of [
      { ...deal, endsAt: deal.startedAt },
      { ...deal, endsAt: deal.startedAt + 31 * 60_000 },
      { ...deal, price: '-1' },
      { ...deal, price: '39.00001' },
      { ...deal, extra: 1 },
    ]) {
      expect(productCardSchema.safeParse({ ...card, deal: bad }).success).toBe(false);
    }
  });

  it.each([
    ['javascript: buy link', { buyUrl: 'javascript:alert(1)' }],
    ['http buy link', { buyUrl: 'http://example-shop.com/p' }],
    ['data: buy link', { buyUrl: 'data:text/html,<script>alert(1)</script>' }],
    ['buy link without scheme', { buyUrl: 'example-shop.com/p' }],
    ['data: image', { imageUrl: 'data:image/png;base64,AAAA' }],
    ['javascript: image', { imageUrl: 'javascript:alert(1)' }],
    ['over-long buy link', { buyUrl: `https://example-shop.com/${'a'.repeat(PRODUCT_CARD_LIMITS.url)}` }],
    ['empty title', { title: '   ' }],
    ['over-long title', { title: 'x'.repeat(PRODUCT_CARD_LIMITS.title + 1) }],
    ['bidi override in title', { title: 'Dress \u202Egnp.exe' }],
    ['newline in title', { title: 'Dress\nBuy elsewhere' }],
    ['negative price', { price: '-1.00' }],
    ['float price', { price: 19.99 }],
    ['price with currency sign', { price: '$19.99' }],
    ['lower-case currency', { currency: 'usd' }],
    ['fractional stock', { stock: 1.5 }],
    ['unknown field', { html: '<b>hi</b>' }],
  ])('refuses a %s', (_name, patch) => {
    expect(productCardSchema.safeParse({ ...card, ...patch }).success).toBe(false);
  });

  it('accepts http images (store CDNs) and markup-looking titles, which are shown as text', () => {
    const parsed = productCardSchema.parse({ ...card, imageUrl: 'http://cdn.example.com/a.jpg', title: '<b>Bold</b> & "quoted"' });
    expect(parsed.title).toBe('<b>Bold</b> & "quoted"');
  });
});

import { describe, expect, it } from 'vitest';
import { compareAtText, dealView, formatPrice, safeBuyUrl, safeImageUrl, stockText, viewerCountText } from './card-format.js';

const card = {
  productId: '1',
  title: 'Dress',
  variantTitle: null,
  price: '59.00',
  compareAtPrice: '79.00',
  currency: 'USD',
  imageUrl: null,
  stock: 3,
  buyUrl: null,
  deal: null,
};

describe('watch page card text', () => {
  it('formats prices in the currency, exactly, and without one as the bare amount', () => {
    expect(formatPrice('59.00', 'USD', 'en-US')).toBe('$59.00');
    expect(formatPrice('1500', 'JPY', 'en-US')).toBe('¥1,500');
    expect(formatPrice('1234.50', 'EUR', 'de-DE')).toBe('1.234,50\u00a0€');
    // A float would round this; the decimal string is formatted as written.
    expect(formatPrice('90071992547409.99', 'USD', 'en-US')).toBe('$90,071,992,547,409.99');
    expect(formatPrice('19.99', null)).toBe('19.99');
    expect(formatPrice('5', 'XXZ', 'en-US')).toMatch(/5/);
  });

  it('shows the compare-at price only when it is higher', () => {
    expect(compareAtText(card, 'en-US')).toBe('$79.00');
    expect(compareAtText({ ...card, compareAtPrice: '59.00' }, 'en-US')).toBeNull();
    expect(compareAtText({ ...card, compareAtPrice: '10' }, 'en-US')).toBeNull();
    expect(compareAtText({ ...card, price: null }, 'en-US')).toBeNull();
  });

  it('reads a running deal as sale price, struck regular price and countdown; after its end as "ended"', () => {
    const serverNow = 1_800_000_000_000;
    const onDeal = { ...card, deal: { price: '39.00', startedAt: serverNow - 30_000, endsAt: serverNow + 95_500 } };
    expect(dealView(onDeal, serverNow, 'en-US')).toEqual({ kind: 'running', price: '$39.00', was: '$59.00', countdown: '01:36', remainingMs: 95_500 });
    expect(dealView(onDeal, serverNow + 95_500, 'en-US')).toEqual({ kind: 'ended' });
    expect(dealView(onDeal, serverNow + 3_600_000, 'en-US')).toEqual({ kind: 'ended' });
    expect(dealView(card, serverNow, 'en-US')).toBeNull();
  });

  it('reads stock the way shoppers expect', () => {
    expect(stockText(null)).toBeNull();
    expect(stockText(0)).toBe('Sold out');
    expect(stockText(3)).toBe('3 left');
    expect(stockText(10)).toBe('10 left');
    // Every screen shows the number (the studio's rundown, card and Claims tab do): never a vague "In stock".
    expect(stockText(11)).toBe('11 left');
    expect(stockText(19)).toBe('19 left');
    expect(stockText(12_500, 'en-US')).toBe('12,500 left');
  });

  it('counts viewers compactly when there are many', () => {
    expect(viewerCountText(1, 'en-US')).toBe('1 watching');
    expect(viewerCountText(1234, 'en-US')).toBe('1,234 watching');
    expect(viewerCountText(12_345, 'en-US')).toBe('12K watching');
  });

  it('only lets https buy links and http(s) images through', () => {
    expect(safeBuyUrl('https://shop.example/p')).toBe('https://shop.example/p');
    expect(safeBuyUrl('javascript:alert(1)')).toBeNull();
    expect(safeBuyUrl('http://shop.example/p')).toBeNull();
    expect(safeBuyUrl('not a url')).toBeNull();
    expect(safeImageUrl('http://cdn.example/a.jpg')).toBe('http://cdn.example/a.jpg');
    expect(safeImageUrl('data:image/png;base64,AA')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { buyClickedMessage, embedParentOrigin, parsePageMessage, parsePlayerMessageType, productShownMessage } from './embed-messages.js';
import { productCardSchema } from './product-card.js';

const card = productCardSchema.parse({
  productId: '12:34',
  title: 'Silk scarf',
  variantTitle: 'Blue',
  price: '40.00',
  currency: 'EUR',
  buyUrl: 'https://shop.example.com/products/scarf?variant=9001',
  sku: 'SCARF-BLUE',
  variantId: '9001',
});

describe('parsePageMessage', () => {
  it('accepts the page’s three requests', () => {
    expect(parsePageMessage({ type: 'lss:open' })).toEqual({ type: 'lss:open' });
    expect(parsePageMessage({ type: 'lss:close', extra: 1 })).toEqual({ type: 'lss:close' });
    expect(parsePageMessage({ type: 'lss:buy-handled', productId: '12:34' })).toEqual({ type: 'lss:buy-handled', productId: '12:34' });
  });

  it('ignores anything else', () => {
    for (const data of [null, 'lss:open', ['lss:open'], {}, { type: 'lss:ready' }, { type: 'lss:buy-clicked', productId: 'x' }, { type: 'lss:buy-handled' }, { type: 'lss:buy-handled', productId: 7 }, { type: 'lss:buy-handled', productId: '' }, { type: 'lss:buy-handled', productId: 'x'.repeat(65) }]) {
      expect(parsePageMessage(data)).toBeNull();
    }
  });
});

describe('parsePlayerMessageType', () => {
  it('lets the loader act on lss:expand and lss:ready only', () => {
    expect(parsePlayerMessageType({ type: 'lss:expand' })).toBe('lss:expand');
    expect(parsePlayerMessageType({ type: 'lss:ready', show: 's', live: true })).toBe('lss:ready');
    expect(parsePlayerMessageType({ type: 'lss:buy-clicked' })).toBeNull();
    expect(parsePlayerMessageType('lss:expand')).toBeNull();
  });
});

describe('embedParentOrigin', () => {
  const allowed = ['https://shop.example.com', 'http://localhost:8080'];
  it('is the claimed origin when it is allowed and the browser’s ancestor agrees (or says nothing)', () => {
    expect(embedParentOrigin('https://shop.example.com', 'https://shop.example.com', allowed)).toBe('https://shop.example.com');
    expect(embedParentOrigin('http://localhost:8080', null, allowed)).toBe('http://localhost:8080');
  });
  it('is null for an origin not allowed, a disagreeing ancestor, or none', () => {
    expect(embedParentOrigin('https://evil.example', 'https://evil.example', allowed)).toBeNull();
    expect(embedParentOrigin('https://shop.example.com', 'https://evil.example', allowed)).toBeNull();
    expect(embedParentOrigin(null, 'https://shop.example.com', allowed)).toBeNull();
    expect(embedParentOrigin('https://shop.example.com', null, [])).toBeNull();
  });
});

describe('the player’s messages', () => {
  it('tell the product shown with its variant, SKU and the price now (the deal’s while it runs)', () => {
    expect(productShownMessage(card, 0)).toEqual({
      type: 'lss:product-shown', productId: '12:34', title: 'Silk scarf', variant: 'Blue', variantId: '9001', sku: 'SCARF-BLUE', price: '40.00', currency: 'EUR',
    });
    const onDeal = { ...card, deal: { price: '30.00', startedAt: 1000, endsAt: 61_000 } };
    expect(productShownMessage(onDeal, 2000).price).toBe('30.00');
    expect(productShownMessage(onDeal, 61_000).price).toBe('40.00');
  });

  it('tell a buy click with the product, variant, SKU, one item and the link', () => {
    expect(buyClickedMessage(card, card.buyUrl!)).toEqual({
      type: 'lss:buy-clicked', productId: '12:34', variantId: '9001', sku: 'SCARF-BLUE', quantity: 1, url: 'https://shop.example.com/products/scarf?variant=9001',
    });
    const bare = productCardSchema.parse({ productId: '7', title: 'Mug', price: null });
    expect(buyClickedMessage(bare, 'https://x.example/')).toMatchObject({ variantId: null, sku: null });
  });
});

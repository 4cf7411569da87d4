import { describe, expect, it } from 'vitest';
import { type BuyLinkProduct, buildBuyLink, buildCartLinks, checkBuyLink, showCampaign, withUtm } from './buy-links.js';

const show = { id: 7, name: 'Friday Drop #12' };
const UTM = 'utm_source=live-seller-studio&utm_medium=live&utm_campaign=friday-drop-12';
const shopify = { platform: 'shopify', url: 'https://shop.example.com' } as const;
const woo = { platform: 'woocommerce', url: 'https://example.org/shop' } as const;

function product(overrides: Partial<BuyLinkProduct> = {}): BuyLinkProduct {
  return {
    id: 1,
    title: 'Linen Shirt',
    sourceFormat: 'shopify',
    sourceKey: 'linen-shirt',
    buyUrl: null,
    platformId: '7001',
    variants: [
      { id: 11, platformId: '40000000000011' },
      { id: 12, platformId: '40000000000012' },
    ],
    ...overrides,
  };
}

describe('buildBuyLink on Shopify', () => {
  it('fills the cart with the variant (cart permalink with its quantity) and names the show', () => {
    expect(buildBuyLink(shopify, product(), 12, show, { quantity: 2 })).toEqual({
      url: `https://shop.example.com/cart/40000000000012:2?${UTM}`,
      kind: 'shopify-cart',
    });
  });

  it('fills the cart for a whole product with one variant, and opens the product page for one with several', () => {
    const single = product({ variants: [{ id: 11, platformId: '40000000000011' }] });
    expect(buildBuyLink(shopify, single, null, show)?.url).toBe(`https://shop.example.com/cart/40000000000011:1?${UTM}`);
    expect(buildBuyLink(shopify, product(), null, show)).toEqual({
      url: `https://shop.example.com/products/linen-shirt?${UTM}`,
      kind: 'shopify-product',
    });
  });

  it('opens the product page on the variant when asked for the page, and without ?variant= when the file had no Variant ID', () => {
    expect(buildBuyLink(shopify, product(), 11, show, { target: 'page' })?.url).toBe(
      `https://shop.example.com/products/linen-shirt?variant=40000000000011&${UTM}`,
    );
    const noIds = product({ variants: [{ id: 11, platformId: null }] });
    expect(buildBuyLink(shopify, noIds, 11, show)?.url).toBe(`https://shop.example.com/products/linen-shirt?${UTM}`);
  });

  it('builds nothing without a store address, or for a product imported from another platform', () => {
    expect(buildBuyLink({ platform: 'shopify', url: '' }, product(), 11, show)).toBeNull();
    expect(buildBuyLink(shopify, product({ sourceFormat: 'woocommerce' }), 11, show)).toBeNull();
    expect(buildBuyLink({ platform: 'other', url: 'https://shop.example.com' }, product(), 11, show)).toBeNull();
  });
});

describe('buildBuyLink on WooCommerce', () => {
  it('adds a simple product to the cart by its ID, under the store path', () => {
    const simple = product({ sourceFormat: 'woocommerce', sourceKey: 'id:31', platformId: '31', variants: [{ id: 5, platformId: null }] });
    expect(buildBuyLink(woo, simple, null, show)).toEqual({ url: `https://example.org/shop/?add-to-cart=31&${UTM}`, kind: 'woocommerce' });
    expect(buildBuyLink(woo, simple, 5, show, { quantity: 3 })?.url).toBe(`https://example.org/shop/?add-to-cart=31&quantity=3&${UTM}`);
  });

  it('adds a variation with the parent as add-to-cart and the variation_id; a variable product without a variation has no link', () => {
    const variable = product({
      sourceFormat: 'woocommerce',
      sourceKey: 'id:40',
      platformId: '40',
      variants: [
        { id: 5, platformId: '41' },
        { id: 6, platformId: '42' },
      ],
    });
    expect(buildBuyLink(woo, variable, 6, show)?.url).toBe(`https://example.org/shop/?add-to-cart=40&variation_id=42&${UTM}`);
    expect(buildBuyLink(woo, variable, null, show)).toBeNull();
  });

  it('builds nothing when the file carried no IDs', () => {
    expect(buildBuyLink(woo, product({ sourceFormat: 'woocommerce', platformId: null }), 11, show)).toBeNull();
  });
});

describe("a product's own link", () => {
  it('wins over a built one, keeps its parameters and gets the UTM once (its own utm_* replaced)', () => {
    const own = product({ buyUrl: 'https://shop.example.com/products/linen?ref=feed&utm_source=google&utm_campaign=x' });
    expect(buildBuyLink(shopify, own, 11, show)).toEqual({
      url: 'https://shop.example.com/products/linen?ref=feed&utm_source=live-seller-studio&utm_campaign=friday-drop-12&utm_medium=live',
      kind: 'own',
    });
  });

  it('is a Google feed item\'s link, on any https host, with no store set', () => {
    const item = product({ sourceFormat: 'google', buyUrl: 'https://market.example.net/item/9', platformId: null });
    expect(buildBuyLink({ platform: 'other', url: '' }, item, null, show)?.url).toBe(`https://market.example.net/item/9?${UTM}`);
  });

  it('is refused when not https (and no other link is made in its place)', () => {
    expect(buildBuyLink(shopify, product({ buyUrl: 'http://shop.example.com/products/linen' }), 11, show)).toBeNull();
    expect(buildBuyLink(shopify, product({ buyUrl: 'javascript:alert(1)' }), 11, show)).toBeNull();
    expect(buildBuyLink(shopify, product({ buyUrl: 'https://user:pw@shop.example.com/' }), 11, show)).toBeNull();
  });
});

describe('checks and UTM', () => {
  it('refuses a built link on another host than the store', () => {
    expect(checkBuyLink('https://evil.example.net/cart/1:1', 'shop.example.com')).toBeNull();
    expect(checkBuyLink('https://shop.example.com/cart/1:1', 'shop.example.com')).toBe('https://shop.example.com/cart/1:1');
    expect(checkBuyLink(`https://shop.example.com/?q=${'a'.repeat(2100)}`, null)).toBeNull();
  });

  it('refuses a handle that would leave the store', () => {
    // Encoded, a handle cannot change the host or the path it goes under.
    const link = buildBuyLink(shopify, product({ sourceKey: '//evil.example.net/x', variants: [{ id: 1, platformId: null }] }), 1, show);
    expect(new URL(link!.url).host).toBe('shop.example.com');
    expect(new URL(link!.url).pathname).toBe('/products/%2F%2Fevil.example.net%2Fx');
  });

  it('names the show by a slug of its name, or by its id when the name has none', () => {
    expect(showCampaign({ id: 3, name: 'Été Special!' })).toBe('ete-special');
    expect(showCampaign({ id: 3, name: '🎉' })).toBe('show-3');
    expect(withUtm('https://a.example/x?utm_medium=email&utm_medium=sms', null)).toBe(
      'https://a.example/x?utm_medium=live&utm_source=live-seller-studio',
    );
  });
});

describe('buildCartLinks', () => {
  it('puts every Shopify item with a variant ID in one cart permalink, adding up the same variant', () => {
    const other = product({ id: 2, sourceKey: 'cap', variants: [{ id: 21, platformId: '500' }] });
    const links = buildCartLinks(
      shopify,
      [
        { product: product(), variantId: 11, quantity: 1 },
        { product: other, variantId: 21, quantity: 2 },
        { product: product(), variantId: 11, quantity: 1 },
      ],
      show,
    );
    expect(links.cart?.url).toBe(`https://shop.example.com/cart/40000000000011:2,500:2?${UTM}`);
    expect(links.cart?.items).toHaveLength(3);
    expect(links.perItem).toEqual([]);
  });

  it('gives items without a variant ID or with their own link one link each', () => {
    const noId = product({ id: 3, variants: [{ id: 31, platformId: null }] });
    const own = product({ id: 4, buyUrl: 'https://shop.example.com/special' });
    const links = buildCartLinks(
      shopify,
      [
        { product: noId, variantId: 31, quantity: 1 },
        { product: product(), variantId: 12, quantity: 1 },
        { product: own, variantId: 11, quantity: 1 },
      ],
      show,
    );
    expect(links.cart?.url).toBe(`https://shop.example.com/cart/40000000000012:1?${UTM}`);
    expect(links.perItem.map((p) => p.link?.url)).toEqual([
      `https://shop.example.com/products/linen-shirt?${UTM}`,
      `https://shop.example.com/special?${UTM}`,
    ]);
  });

  it('returns one link per item on WooCommerce', () => {
    const simple = (id: number, platformId: string) =>
      product({ id, sourceFormat: 'woocommerce', platformId, variants: [{ id: id * 10, platformId: null }] });
    const links = buildCartLinks(
      woo,
      [
        { product: simple(1, '31'), variantId: null, quantity: 2 },
        { product: simple(2, '32'), variantId: null, quantity: 1 },
      ],
      show,
    );
    expect(links.cart).toBeNull();
    expect(links.perItem.map((p) => p.link?.url)).toEqual([
      `https://example.org/shop/?add-to-cart=31&quantity=2&${UTM}`,
      `https://example.org/shop/?add-to-cart=32&${UTM}`,
    ]);
  });
});

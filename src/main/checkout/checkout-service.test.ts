/**
 * Claims become checkouts (issue 19) on a real SQLite file with the core's
 * own selling services (tests/support/claims-world.ts): who gets what, one
 * Shopify cart for all of a buyer's items, one link per item where there
 * is no cart, never the same claim twice, cancelled and waitlisted claims
 * left out, and the links in each buyer's private "My claims".
 */
import { describe, expect, it, vi } from 'vitest';
import { importedProduct } from '../../../tests/harness/imported-products.js';
import { claimsBench, host } from '../../../tests/support/claims-world.js';
import { CHECKOUT_QUERIES } from './checkout-store.js';
import { NOTHING_TO_LINK } from './checkout-service.js';
import { queryPlan } from '../../../tests/support/query-plan.js';

const SHOP = { platform: 'shopify', url: 'https://shop.example' } as const;

/** A Shopify tee in M and L and a mug, with the store's IDs as a Shopify export carries them. */
const shopifyTee = (stock = 5) =>
  importedProduct({
    sourceKey: 'linen-tee',
    title: 'Linen Tee',
    platformId: '9001',
    optionNames: ['Size'],
    variants: [
      { sku: 'LT-M', optionValues: ['M'], price: '30.00', stock, platformId: '111' },
      { sku: 'LT-L', optionValues: ['L'], price: '30.00', stock, platformId: '222' },
    ],
  });
const shopifyMug = (stock = 5) =>
  importedProduct({ sourceKey: 'mug', title: 'Mug', platformId: '9002', variants: [{ sku: 'MUG', price: '12.00', stock, platformId: '333' }] });

/** The path and query of a link without the UTM parameters. */
const cartOf = (url: string) => {
  const u = new URL(url);
  return { origin: u.origin, path: u.pathname, campaign: u.searchParams.get('utm_campaign'), source: u.searchParams.get('utm_source') };
};

describe('checkout links', () => {
  it('sends each buyer one Shopify cart with all their confirmed items, privately in their My claims', async () => {
    const b = claimsBench([shopifyTee(), shopifyMug()], {}, { store: SHOP });
    await b.pin(0, 'M');
    b.say('ann', 'sold');
    b.say('ann', 'one more');
    b.say('ben', 'sold');
    await b.pin(1);
    b.say('ann', 'sold');
    expect(b.checkout.list(null).buyers.map((x) => [x.viewerId, x.confirmed, x.unsent, x.lastSentAt])).toEqual([
      ['ann', 3, 3, null],
      ['ben', 1, 1, null],
    ]);

    const result = b.checkout.send({ productId: null });
    expect(result).toEqual({ buyers: 2, items: 4, notLinked: [] });
    const ann = b.listOf('ann')!.checkouts!;
    expect(ann).toHaveLength(1);
    expect(ann[0]!.items).toBe(3);
    expect(ann[0]!.links).toHaveLength(1);
    expect(cartOf(ann[0]!.links[0]!.url)).toEqual({ origin: 'https://shop.example', path: '/cart/111:2,333:1', campaign: 'spring-drop-tees-mugs', source: 'live-seller-studio' });
    expect(cartOf(b.listOf('ben')!.checkouts![0]!.links[0]!.url).path).toBe('/cart/111:1');
    // Stored: who, when, which claims, the URLs.
    expect(b.db.prepare('SELECT viewer_id, sent_at FROM checkout_sends ORDER BY id').all()).toEqual([
      { viewer_id: 'ann', sent_at: b.now() },
      { viewer_id: 'ben', sent_at: b.now() },
    ]);
    expect(b.db.prepare('SELECT count(*) FROM checkout_claims').pluck().get()).toBe(4);
    expect(b.checkout.list(null).buyers.map((x) => [x.viewerId, x.unsent, x.lastSentAt])).toEqual([
      ['ann', 0, b.now()],
      ['ben', 0, b.now()],
    ]);
  });

  it('never sends a buyer the same claims twice: a later send carries only what is new', async () => {
    const b = claimsBench([shopifyTee(), shopifyMug()], {}, { store: SHOP });
    await b.pin(0, 'L');
    b.say('ann', 'sold');
    b.checkout.send({ productId: null });
    b.tick(60_000);
    expect(b.checkout.send({ productId: null })).toEqual({ buyers: 0, items: 0, notLinked: [] });
    await b.pin(1);
    b.say('ann', 'sold');
    expect(b.checkout.send({ productId: null })).toEqual({ buyers: 1, items: 1, notLinked: [] });
    const sends = b.listOf('ann')!.checkouts!;
    expect(sends.map((s) => [s.items, cartOf(s.links[0]!.url).path])).toEqual([
      [1, '/cart/333:1'],
      [1, '/cart/222:1'],
    ]);
    expect(() => b.db.prepare('INSERT INTO checkout_claims (claim_id, send_id) SELECT claim_id, send_id FROM checkout_claims LIMIT 1').run()).toThrow(/UNIQUE|PRIMARY KEY/);
  });

  it('leaves cancelled and waitlisted claims out', async () => {
    const b = claimsBench([shopifyTee(1), shopifyMug()], {}, { store: SHOP });
    await b.pin(0, 'M');
    b.say('ann', 'sold');
    b.say('ben', 'sold'); // waitlisted: one unit
    await b.pin(1);
    const mugClaim = b.say('ann', 'sold')!;
    b.claims.cancel(mugClaim.id, host);
    expect(b.checkout.send({ productId: null })).toEqual({ buyers: 1, items: 1, notLinked: [] });
    expect(cartOf(b.listOf('ann')!.checkouts![0]!.links[0]!.url).path).toBe('/cart/111:1');
    expect(b.listOf('ben')?.checkouts).toBeUndefined();
    expect(b.checkout.list(null).buyers.map((x) => x.viewerId)).toEqual(['ann']);
  });

  it('sends one product’s buyers after it sold; their other claims wait', async () => {
    const b = claimsBench([shopifyTee(), shopifyMug()], {}, { store: SHOP });
    await b.pin(0, 'M');
    b.say('ann', 'sold');
    await b.pin(1);
    b.say('ann', 'sold');
    b.say('cat', 'sold');
    expect(b.checkout.send({ productId: b.ids[1]! })).toEqual({ buyers: 2, items: 2, notLinked: [] });
    expect(cartOf(b.listOf('ann')!.checkouts![0]!.links[0]!.url).path).toBe('/cart/333:1');
    expect(b.checkout.list(null).buyers.find((x) => x.viewerId === 'ann')).toMatchObject({ confirmed: 2, unsent: 1 });
  });

  it('gives one link per item where the store has no cart link, and says which items had none', async () => {
    const own = (title: string, url: string | null) => importedProduct({ sourceKey: title, title, buyUrl: url, variants: [{ price: '9.00', stock: 5 }] });
    const b = claimsBench([own('Scarf', 'https://brand.example/scarf'), own('Hat', 'https://brand.example/hat?ref=x'), own('Pin', null)], {}, { store: { platform: 'other', url: '' } });
    for (const index of [0, 1, 2]) {
      await b.pin(index);
      b.say('ann', 'sold');
    }
    const result = b.checkout.send({ productId: null });
    expect(result.buyers).toBe(1);
    expect(result.items).toBe(2);
    expect(result.notLinked).toEqual([{ viewerName: 'Viewer ann', item: 'Pin', reason: expect.stringContaining('no Buy link') }]);
    const [send] = b.listOf('ann')!.checkouts!;
    expect(send!.links.map((l) => [l.label, new URL(l.url).origin + new URL(l.url).pathname])).toEqual([
      ['Scarf', 'https://brand.example/scarf'],
      ['Hat', 'https://brand.example/hat'],
    ]);
    expect(b.checkout.list(null).buyers[0]).toMatchObject({ confirmed: 3, unsent: 1 });
  });

  it('refuses kindly when no link can be made (no store set), storing nothing', async () => {
    const b = claimsBench([shopifyTee()], {}, { store: { platform: 'other', url: '' } });
    await b.pin(0, 'M');
    b.say('ann', 'sold');
    expect(() => b.checkout.send({ productId: null })).toThrow(NOTHING_TO_LINK);
    expect(b.db.prepare('SELECT count(*) FROM checkout_sends').pluck().get()).toBe(0);
  });

  it('End show sends what is waiting by itself, and a reload brings the links back', async () => {
    const b = claimsBench([shopifyTee(), shopifyMug()], {}, { store: SHOP });
    const heard: number[] = [];
    b.events.on('checkoutsChanged', (state) => heard.push(state.buyers.length));
    await b.pin(0, 'M');
    b.say('ann', 'sold');
    b.selling.showEnded();
    expect(heard.at(-1)).toBe(1);
    expect(b.listOf('ann')!.checkouts).toHaveLength(1);
    b.viewerLists.length = 0;
    b.claims.viewers.viewerJoined('ann');
    expect(b.listOf('ann')!.checkouts![0]!.items).toBe(1);
    // After End show a held "sold" claims nothing, so nothing new is waiting.
    b.selling.showEnded();
    expect(b.db.prepare('SELECT count(*) FROM checkout_sends').pluck().get()).toBe(1);
  });

  it('delivers to a whole show 100 buyers at a time each half second, under the SFU’s budget for lists', async () => {
    const b = claimsBench([shopifyMug(1000)], {}, { store: SHOP });
    await b.pin(0);
    for (let i = 0; i < 250; i++) b.say(`buyer-${i}`, 'sold');
    b.viewerLists.length = 0;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      expect(b.checkout.send({ productId: null })).toMatchObject({ buyers: 250, items: 250 });
      expect(b.viewerLists).toHaveLength(100);
      vi.advanceTimersByTime(500);
      expect(b.viewerLists).toHaveLength(200);
      vi.advanceTimersByTime(5000);
      expect(b.viewerLists).toHaveLength(250);
      expect(b.viewerLists.every((l) => l.list.checkouts?.[0]?.links[0]?.url.includes('/cart/333:1'))).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads a buyer’s sends and the show’s unsent claims through indexes', () => {
    const b = claimsBench([shopifyTee()], {}, { store: SHOP });
    expect(queryPlan(b.db, CHECKOUT_QUERIES.sendsOf, 1, 'ann', 5)).toMatch(/USING INDEX checkout_sends_of_show/);
    expect(queryPlan(b.db, CHECKOUT_QUERIES.unsent, 1, null, null)).toMatch(/USING (COVERING )?INDEX|PRIMARY KEY/);
  });
});

/**
 * A claim's price is what the buyer agreed to pay (a flash deal's price, a
 * winning auction bid), but a store cart link charges the store's catalog
 * price. Such claims go into no link: the send reports them with what to do,
 * the Claims tab shows them as not sent, the buyer's page gets no link for
 * them. Also: links failing the https check and links beyond one send's
 * limit are reported, not dropped silently. Real SQLite file, the core's own
 * selling services (tests/support/claims-world.ts).
 */
import { describe, expect, it } from 'vitest';
import { importedProduct } from '../../../tests/harness/imported-products.js';
import { claimsBench } from '../../../tests/support/claims-world.js';
import { CHECKOUT_LINKS_MAX } from '../../shared/sfu/protocol-claims.js';
import { CheckoutService, DEFERRED, NOT_HTTPS } from './checkout-service.js';

const SHOP = { platform: 'shopify', url: 'https://shop.example' } as const;

const tee = () =>
  importedProduct({
    sourceKey: 'linen-tee',
    title: 'Linen Tee',
    platformId: '9001',
    optionNames: ['Size'],
    variants: [
      { sku: 'LT-M', optionValues: ['M'], price: '20.00', stock: 5, platformId: '111' },
      { sku: 'LT-L', optionValues: ['L'], price: '20.00', stock: 5, platformId: '222' },
    ],
  });
const mug = () => importedProduct({ sourceKey: 'mug', title: 'Mug', platformId: '9002', variants: [{ sku: 'MUG', price: '25.00', stock: 5, platformId: '333' }] });

const DEAL_REASON = /^claimed at \D*15\.00\D* \(flash deal\) — the store would charge \D*25\.00\D*: send this buyer a discount or a draft order\.$/;
const AUCTION_REASON = /^won at auction for \D*80\.00\D* — the store would charge \D*20\.00\D*: send this buyer a draft order for the winning bid\.$/;

/** Makes a claim an auction's: the winning bid as its price, as auction-claim.ts records it. */
function wonAtAuction(b: ReturnType<typeof claimsBench>, claimId: number, bid: string) {
  const auctionId = b.db
    .prepare(
      `INSERT INTO auctions (show_id, product_id, title, currency, start_price, mode, extend_seconds, duration_seconds, increments, started_at, ends_at, ended_at, status, final_price, winner_viewer_id, winner_name, claim_id)
       VALUES (?, ?, 'Linen Tee', 'USD', '10.00', 'soft', 10, 60, '[]', 1, 61, 61, 'sold', ?, 'ann', 'Viewer ann', ?)`,
    )
    .run(b.showId, b.ids[0]!, bid, claimId).lastInsertRowid;
  b.db.prepare('UPDATE claims SET price_paid = ?, auction_id = ? WHERE id = ?').run(bid, auctionId, claimId);
}

describe('checkout links and the price a buyer agreed to', () => {
  it('holds back a claim made at a flash-deal price, tells the host why, and sends the buyer no link for it', async () => {
    const b = claimsBench([tee(), mug()], {}, { store: SHOP });
    await b.pin(1);
    await b.deals.startDeal({ price: '15.00', durationSeconds: 60 });
    b.tick(1000);
    expect(b.say('ann', 'sold')).toMatchObject({ pricePaid: '15.00', status: 'confirmed' });

    const result = b.checkout.send({ productId: null });
    expect(result.buyers).toBe(0);
    expect(result.items).toBe(0);
    expect(result.notLinked).toEqual([{ viewerName: 'Viewer ann', item: 'Mug', reason: expect.stringMatching(DEAL_REASON) }]);
    expect(b.listOf('ann')?.checkouts ?? []).toEqual([]);
    expect(b.db.prepare('SELECT count(*) FROM checkout_sends').pluck().get()).toBe(0);
    // The Claims tab: not sent, with the reason.
    expect(b.checkout.list(null).buyers).toEqual([
      expect.objectContaining({ viewerId: 'ann', unsent: 1, lastSentAt: null, notSent: [{ item: 'Mug', reason: expect.stringMatching(DEAL_REASON) }] }),
    ]);
  });

  it('holds back an auction claim at its winning bid (the store would charge the catalog price)', async () => {
    const b = claimsBench([tee(), mug()], {}, { store: SHOP });
    await b.pin(0, 'M');
    const claim = b.say('ann', 'sold')!;
    wonAtAuction(b, claim.id, '80.00');

    const result = b.checkout.send({ productId: null });
    expect(result).toEqual({ buyers: 0, items: 0, notLinked: [{ viewerName: 'Viewer ann', item: 'Linen Tee — M', reason: expect.stringMatching(AUCTION_REASON) }] });
    expect(b.listOf('ann')?.checkouts ?? []).toEqual([]);
    expect(b.checkout.list(null).buyers[0]!.notSent).toEqual([{ item: 'Linen Tee — M', reason: expect.stringMatching(AUCTION_REASON) }]);
  });

  it('puts a buyer’s regular-price items in the cart and reports the deal item', async () => {
    const b = claimsBench([tee(), mug()], {}, { store: SHOP });
    await b.pin(0, 'M');
    b.say('ann', 'sold');
    await b.pin(1);
    await b.deals.startDeal({ price: '15.00', durationSeconds: 60 });
    b.tick(1000);
    b.say('ann', 'sold');
    b.tick(60_000);
    b.say('ann', 'sold'); // the deal is over: the mug at its regular price

    const result = b.checkout.send({ productId: null });
    expect(result).toEqual({ buyers: 1, items: 2, notLinked: [{ viewerName: 'Viewer ann', item: 'Mug', reason: expect.stringMatching(DEAL_REASON) }] });
    const [send] = b.listOf('ann')!.checkouts!;
    expect(send!.items).toBe(2);
    expect(send!.links.map((l) => new URL(l.url).pathname)).toEqual(['/cart/111:1,333:1']);
    expect(b.checkout.list(null).buyers[0]).toMatchObject({ confirmed: 3, unsent: 1, notSent: [{ item: 'Mug' }] });
    // The held claim is reported again on the next send, never slipped into a cart.
    expect(b.checkout.send({ productId: null }).notLinked).toHaveLength(1);
    expect(b.listOf('ann')!.checkouts).toHaveLength(1);
  });

  it('says which links were left for the next send when a buyer has more than one send carries', async () => {
    const own = (i: number) => importedProduct({ sourceKey: `p${i}`, title: `Item ${i}`, buyUrl: `https://brand.example/p${i}`, variants: [{ price: '9.00', stock: 5 }] });
    const count = CHECKOUT_LINKS_MAX + 2;
    const b = claimsBench(Array.from({ length: count }, (_, i) => own(i)), {}, { store: { platform: 'other', url: '' } });
    for (let i = 0; i < count; i++) {
      await b.pin(i);
      b.say('ann', 'sold');
    }
    const first = b.checkout.send({ productId: null });
    expect(first.items).toBe(CHECKOUT_LINKS_MAX);
    expect(first.notLinked).toEqual([
      { viewerName: 'Viewer ann', item: `Item ${count - 2}`, reason: DEFERRED },
      { viewerName: 'Viewer ann', item: `Item ${count - 1}`, reason: DEFERRED },
    ]);
    expect(b.checkout.list(null).buyers[0]!.notSent.map((n) => n.item)).toEqual([`Item ${count - 2}`, `Item ${count - 1}`]);
    expect(b.checkout.send({ productId: null })).toEqual({ buyers: 1, items: 2, notLinked: [] });
    expect(b.checkout.list(null).buyers[0]).toMatchObject({ unsent: 0, notSent: [] });
  });

  it('reports a link that fails the https check instead of dropping it silently', async () => {
    const b = claimsBench([tee(), mug()], {}, { store: SHOP });
    await b.pin(1);
    const claim = b.say('ann', 'sold')!;
    const delivered: string[][] = [];
    const service = new CheckoutService({
      db: b.db,
      linker: () => ({ links: [{ url: 'http://shop.example/cart/333:1', label: 'Mug', claimIds: [claim.id] }], notLinked: [] }),
      deliver: (ids) => delivered.push([...ids]),
      events: b.events,
      activeShowId: () => b.showId,
      showName: () => 'Show',
    });
    expect(service.send({ productId: null })).toEqual({ buyers: 0, items: 0, notLinked: [{ viewerName: 'Viewer ann', item: 'Mug', reason: NOT_HTTPS }] });
    expect(delivered).toEqual([]);
    expect(service.list(null).buyers[0]).toMatchObject({ unsent: 1, notSent: [{ item: 'Mug', reason: NOT_HTTPS }] });
  });
});

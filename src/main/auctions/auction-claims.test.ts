/** A chat claim on the item up for auction is the auction's: no second sale beside the winner's claim. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { auctionWorld, type AuctionWorld } from '../../../tests/support/auction-world.js';
import { AUCTION_CLOSE_GRACE_MS } from './auction-service.js';

const T0 = Date.UTC(2026, 11, 7, 19, 0, 0);
const BID_INSTEAD = 'This item is up for auction — bid instead (type an amount, or use the Bid button).';
let world: AuctionWorld;
beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  world = auctionWorld();
});
afterEach(() => {
  world.close();
  vi.useRealTimers();
});

const pin = (productId: number) => world.pins.pin({ productId, variantId: null, rundownItemId: null });
const start = () => world.auctions.startAuction({ startPrice: '10', durationSeconds: 20, mode: 'soft', extendSeconds: 10, reserve: null });
const claims = () => world.claims.list(null).claims.map((c) => ({ viewerId: c.viewerId, productId: c.productId, status: c.status, auctionId: c.auctionId ?? null }));

describe('chat claims while an auction runs', () => {
  it('takes a "sold" on the auctioned item, answers "bid instead" privately, and the winner holds the only claim', async () => {
    await pin(world.mug);
    const { current } = start();
    expect(world.chat('ana', 'sold')).toBe(true);
    expect(world.chat('cat', 'Sold!')).toBe(true);
    expect(world.board.textsTo('ana')).toEqual([BID_INSTEAD]);
    expect(world.board.textsTo('cat')).toEqual([BID_INSTEAD]);
    expect(claims()).toEqual([]);
    world.bid('ben', '12');
    await vi.advanceTimersByTimeAsync(20_000 + AUCTION_CLOSE_GRACE_MS);
    expect(claims()).toEqual([{ viewerId: 'ben', productId: world.mug, status: 'confirmed', auctionId: current!.id }]);
  });

  it('leaves a claim on another pinned item, other chat, and claims once the auction has ended, to claims', async () => {
    await pin(world.mug);
    start();
    expect(world.chat('ana', 'love this mug')).toBe(false);
    await pin(world.scarf);
    expect(world.chat('ana', 'sold')).toBe(false);
    expect(claims()).toEqual([{ viewerId: 'ana', productId: world.scarf, status: 'confirmed', auctionId: null }]);
    expect(world.board.textsTo('ana')).toEqual([]);
  });
});

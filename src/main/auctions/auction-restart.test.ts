import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { auctionWorld, type AuctionWorld } from '../../../tests/support/auction-world.js';
import { AUCTION_CLOSE_GRACE_MS, FINISH_RETRY_MS } from './auction-service.js';

/**
 * A restart of the studio mid-auction, on a real SQLite file: the services
 * are closed and built again over the same file (as the core does), and the
 * running auction is rebuilt from its stored inputs.
 */
const T0 = Date.UTC(2026, 11, 7, 20, 0, 0);
let world: AuctionWorld;
beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  world = auctionWorld();
});
afterEach(() => {
  world.close();
  vi.useRealTimers();
});

const startOnMug = async () => {
  await world.pins.pin({ productId: world.mug, variantId: null, rundownItemId: null });
  return world.auctions.startAuction({ startPrice: '10', durationSeconds: 30, mode: 'soft', extendSeconds: 10, reserve: null }).current!;
};

describe('a restart mid-auction', () => {
  it('resumes an auction whose end is ahead: the same standing, maximums kept, the log continued, closed at its time', async () => {
    const auction = await startOnMug();
    world.bid('ana', '20', { max: true });
    world.bid('ben', '12');
    world.chat('cat', '25');
    await vi.advanceTimersByTimeAsync(5000);
    const before = world.auctions.getAuctions({ showId: null }).current;
    expect(before).toMatchObject({ price: '25', leader: { viewerId: 'cat' }, bids: 4, bidders: 3 });

    vi.setSystemTime(T0 + 10_000);
    world.restart();
    const after = world.auctions.getAuctions({ showId: null }).current;
    expect(after).toEqual(before);
    expect(world.board.last()).toMatchObject({ id: auction.id, status: 'running', price: '25', endsAt: T0 + 30_000 });
    // Ana's maximum (20) is remembered: raising it is a new maximum, not "already set".
    world.bid('ana', '40', { max: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(world.board.textsTo('ana').at(-1)).toBe("You're winning at $26.00. Your maximum is $40.00: we bid for you, one step at a time, up to it.");
    expect(world.db.prepare('SELECT seq FROM auction_bids ORDER BY seq').all().map((r) => (r as { seq: number }).seq)).toEqual([0, 1, 2, 3, 4]);

    await vi.advanceTimersByTimeAsync(20_000 + AUCTION_CLOSE_GRACE_MS);
    expect(world.board.last()).toMatchObject({ status: 'sold', winner: { viewerId: 'ana' }, price: '26', endedAt: T0 + 30_000 });
    expect(world.claims.list(null).claims).toEqual([expect.objectContaining({ viewerId: 'ana', pricePaid: '26', auctionId: auction.id })]);
  });

  it('closes an auction whose end passed while the studio was off, with its result at its end', async () => {
    const auction = await startOnMug();
    world.bid('ana', '10');
    world.bid('ben', '15');
    await vi.advanceTimersByTimeAsync(0);
    world.auctions.close();
    world.pins.close();
    vi.setSystemTime(T0 + 10 * 60_000);
    world.restart();
    expect(world.auctions.getAuctions({ showId: null }).current).toMatchObject({ id: auction.id, status: 'sold', price: '15', endedAt: T0 + 30_000 });
    expect(world.board.last()).toMatchObject({ status: 'sold', winner: { viewerId: 'ben', name: 'Ben' } });
    expect(world.claims.list(null).claims).toEqual([expect.objectContaining({ viewerId: 'ben', pricePaid: '15', status: 'confirmed' })]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('gives the winner the claim the last run did not get to make, once', async () => {
    await startOnMug();
    world.bid('ana', '10');
    await vi.advanceTimersByTimeAsync(31_000 + AUCTION_CLOSE_GRACE_MS);
    const [claim] = world.claims.list(null).claims;
    // As if the studio stopped between the result and the claim.
    world.db.prepare('DELETE FROM claims WHERE id = ?').run(claim!.id);
    world.restart();
    world.restart();
    expect(world.claims.list(null).claims).toEqual([expect.objectContaining({ viewerId: 'ana', pricePaid: '10', auctionId: claim!.auctionId })]);
    expect(world.auctions.getAuctions({ showId: null }).current?.claimId).toBe(world.claims.list(null).claims[0]!.id);
  });
});

describe('the winner’s claim', () => {
  const claimsOf = (auctionId: number) => world.claims.list(null).claims.filter((c) => c.auctionId === auctionId);

  it('is given at startup to every sold auction left without one, not only the pinned item’s latest', async () => {
    const first = await startOnMug();
    world.bid('ana', '12');
    await vi.advanceTimersByTimeAsync(30_000 + AUCTION_CLOSE_GRACE_MS);
    await world.pins.pin({ productId: world.scarf, variantId: null, rundownItemId: null });
    const second = world.auctions.startAuction({ startPrice: '5', durationSeconds: 30, mode: 'soft', extendSeconds: 10, reserve: null }).current!;
    world.bid('ben', '6');
    await vi.advanceTimersByTimeAsync(30_000 + AUCTION_CLOSE_GRACE_MS);
    // As if the last run stopped between an end and its claim, twice.
    world.db.exec(`UPDATE auctions SET claim_id = NULL; DELETE FROM claims WHERE auction_id IS NOT NULL;`);
    world.restart();
    expect(claimsOf(first.id)).toMatchObject([{ viewerId: 'ana', status: 'confirmed', pricePaid: '12' }]);
    expect(claimsOf(second.id)).toMatchObject([{ viewerId: 'ben', status: 'confirmed', pricePaid: '6' }]);
    const unclaimed = world.db.prepare(`SELECT count(*) AS n FROM auctions WHERE status = 'sold' AND claim_id IS NULL`).get() as { n: number };
    expect(unclaimed.n).toBe(0);
  });

  it('is written with the end in one transaction: a failed write leaves the auction running, and the end is tried again', async () => {
    const auction = await startOnMug();
    world.bid('ana', '12');
    // A real SQLite failure on the claim's insert.
    world.db.exec(`CREATE TEMP TRIGGER no_claims BEFORE INSERT ON claims BEGIN SELECT RAISE(ABORT, 'disk trouble'); END;`);
    await vi.advanceTimersByTimeAsync(30_000 + AUCTION_CLOSE_GRACE_MS);
    const status = () => (world.db.prepare('SELECT status, claim_id FROM auctions WHERE id = ?').get(auction.id) as { status: string; claim_id: number | null });
    expect(status()).toEqual({ status: 'running', claim_id: null });
    world.db.exec('DROP TRIGGER no_claims');
    await vi.advanceTimersByTimeAsync(FINISH_RETRY_MS);
    expect(status()).toMatchObject({ status: 'sold' });
    expect(claimsOf(auction.id)).toMatchObject([{ viewerId: 'ana', status: 'confirmed' }]);
    expect(world.board.last()).toMatchObject({ status: 'sold', winner: { viewerId: 'ana' } });
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StudioError } from '../../shared/api/result.js';
import { auctionWorld, type AuctionWorld } from '../../../tests/support/auction-world.js';
import { queryPlan } from '../../../tests/support/query-plan.js';
import { AUCTION_CLOSE_GRACE_MS } from './auction-service.js';
import { AUCTION_QUERIES } from './auction-store.js';

const T0 = Date.UTC(2026, 11, 7, 19, 0, 0);
let world: AuctionWorld;
beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  world = auctionWorld();
});
afterEach(() => {
  world.close();
  vi.useRealTimers();
});

const pinProduct = (productId: number) => world.pins.pin({ productId, variantId: null, rundownItemId: null });
const start = (over: Partial<{ startPrice: string; durationSeconds: number; mode: 'soft' | 'sudden-death'; extendSeconds: number; reserve: string | null }> = {}) =>
  world.auctions.startAuction({ startPrice: '10', durationSeconds: 20, mode: 'soft', extendSeconds: 10, reserve: null, ...over });
const refusal = (work: () => unknown) => {
  try {
    work();
    return 'accepted';
  } catch (e) {
    return e instanceof StudioError ? `${e.code}: ${e.message}` : String(e);
  }
};
/** The tick's batch is written, then the notices and the state go out. */
const tick = () => vi.advanceTimersByTimeAsync(0);
const bidRows = () =>
  world.db.prepare('SELECT seq, viewer_id, source, amount, max_amount, action, reason, price_after, proxy_for FROM auction_bids ORDER BY seq').all();

describe('AuctionService.startAuction', () => {
  it('refuses in words a host understands, and saves nothing', async () => {
    expect(refusal(() => start())).toBe('invalid-input: Pin a product first: an auction runs on the pinned product.');
    await pinProduct(world.mug);
    expect(refusal(() => start({ startPrice: 'cheap' }))).toBe('invalid-input: "cheap" is not a price. Type the starting price, for example 10 or 9.50.');
    expect(refusal(() => start({ startPrice: '0' }))).toBe('invalid-input: The starting price must be more than 0.');
    expect(refusal(() => start({ startPrice: '10.123456' }))).toMatch(/is not a price/);
    expect(refusal(() => start({ reserve: 'lots' }))).toBe('invalid-input: "lots" is not a price. Type the reserve, for example 10 or 9.50.');
    expect(refusal(() => start({ reserve: '5' }))).toBe('invalid-input: The reserve must be at least the starting price of $10.00, or left empty.');
    expect(world.db.prepare('SELECT count(*) AS n FROM auctions').get()).toEqual({ n: 0 });
    start();
    expect(refusal(() => start())).toBe(
      'conflict: An auction is already running. Let it end (or cancel it while it has no bid) before starting the next.',
    );
  });

  it('runs on a product with no currency (a Shopify export names none): prices as plain amounts', async () => {
    world.db.prepare('UPDATE products SET currency = NULL WHERE id = ?').run(world.mug);
    await pinProduct(world.mug);
    expect(start({ startPrice: '12' }).current).toMatchObject({ currency: null, status: 'running', nextBid: '12' });
    expect(world.board.last()).toMatchObject({ currency: null, nextBid: '12' });
  });

  it('runs on the pinned product with the Settings increment table, and every viewer sees it at once', async () => {
    await pinProduct(world.mug);
    const state = start({ startPrice: '$12.50', reserve: '' });
    expect(state.current).toMatchObject({
      title: 'Stoneware mug',
      currency: 'USD',
      startPrice: '12.50',
      reserve: null,
      status: 'running',
      price: null,
      nextBid: '12.50',
      startedAt: T0,
      endsAt: T0 + 20_000,
      increments: [{ from: '0', step: '1' }, { from: '50', step: '5' }],
    });
    expect(world.board.last()).toMatchObject({ title: 'Stoneware mug', status: 'running', price: null, endsAt: T0 + 20_000, leader: null });
    expect(world.changes.at(-1)?.current?.status).toBe('running');
  });
});

describe('bids', () => {
  it('decides button and chat bids in arrival order, stores each line, and tells each bidder privately', async () => {
    await pinProduct(world.mug);
    start();
    world.bid('ana', '10');
    world.bid('ben', '10');
    world.bid('ben', '11');
    expect(world.chat('cat', 'bid 12!')).toBe(true);
    expect(world.chat('dan', 'is 13 ok?')).toBe(false);
    world.bid('cat', '13');
    // Nothing is told before it is written.
    expect(world.board.notices).toEqual([]);
    await tick();
    expect(world.board.textsTo('ana')).toEqual(["You're winning at $10.00.", 'Outbid: the price is now $11.00.']);
    expect(world.board.textsTo('ben')).toEqual(['The next bid must be at least $11.00.', "You're winning at $11.00.", 'Outbid: the price is now $12.00.']);
    expect(world.board.textsTo('cat')).toEqual(["You're winning at $12.00.", "You're already the highest bidder at $12.00."]);
    expect(bidRows()).toEqual([
      { seq: 0, viewer_id: 'ana', source: 'button', amount: '10', max_amount: null, action: 'bid', reason: null, price_after: '10', proxy_for: null },
      { seq: 1, viewer_id: 'ben', source: 'button', amount: '10', max_amount: null, action: 'refused', reason: 'too_low', price_after: '10', proxy_for: null },
      { seq: 2, viewer_id: 'ben', source: 'button', amount: '11', max_amount: null, action: 'bid', reason: null, price_after: '11', proxy_for: null },
      { seq: 3, viewer_id: 'cat', source: 'chat', amount: '12', max_amount: null, action: 'bid', reason: null, price_after: '12', proxy_for: null },
      { seq: 4, viewer_id: 'cat', source: 'button', amount: '13', max_amount: null, action: 'refused', reason: 'already_highest', price_after: '12', proxy_for: null },
    ]);
    expect(world.board.last()).toMatchObject({ price: '12', nextBid: '13', leader: { viewerId: 'cat', name: 'Cat' }, bids: 3, bidders: 3 });
    const state = world.auctions.getAuctions({ showId: null });
    expect(state.recentBids.map((b) => [b.viewerName, b.action, b.amount])).toEqual([
      ['Cat', 'refused', '13'],
      ['Cat', 'bid', '12'],
      ['Ben', 'bid', '11'],
      ['Ben', 'refused', '10'],
      ['Ana', 'bid', '10'],
    ]);
  });

  it('bids for a maximum one step at a time, privately, and logs the proxy bids', async () => {
    await pinProduct(world.mug);
    start();
    world.bid('ana', '30', { max: true });
    world.bid('ben', '15');
    await tick();
    expect(world.board.textsTo('ana')).toEqual([
      "You're winning at $10.00. Your maximum is $30.00: we bid for you, one step at a time, up to it.",
      "You're winning at $16.00.",
    ]);
    expect(world.board.textsTo('ben')).toEqual(['Outbid: the price is now $16.00.']);
    expect(bidRows().slice(1)).toEqual([
      { seq: 1, viewer_id: 'ben', source: 'button', amount: '15', max_amount: null, action: 'bid', reason: null, price_after: '15', proxy_for: null },
      { seq: 2, viewer_id: 'ana', source: 'proxy', amount: '16', max_amount: null, action: 'bid', reason: null, price_after: '16', proxy_for: 'ana' },
    ]);
    // The maximum never reaches other viewers.
    expect(JSON.stringify(world.board.views)).not.toContain('30');
  });

  it('refuses one viewer’s huge amount privately, so the price and the next bid every page gets stay a price', async () => {
    await pinProduct(world.mug);
    start();
    world.bid('ana', '999999999999');
    world.bid('ben', '999999999999', { max: true });
    world.bid('cat', '1000');
    await tick();
    expect(world.board.textsTo('ana')).toEqual(['That amount is far above this auction: check it. You can bid up to $1,000.00 right now.']);
    expect(world.board.textsTo('ben')).toEqual(['That amount is far above this auction: check it. You can bid up to $1,000.00 right now.']);
    expect(world.board.last()).toMatchObject({ status: 'running', price: '1000', nextBid: '1005' });
    world.bid('ana', '1005');
    await tick();
    expect(world.board.last()).toMatchObject({ price: '1005', leader: expect.anything() as unknown });
  });

  it('refuses the Bid buttons of a banned or timed-out viewer privately, as chat moderation does', async () => {
    await pinProduct(world.mug);
    start({ durationSeconds: 600 });
    for (const v of ['ana', 'ben', 'cat']) world.chatStore.sawViewer(v, v, Date.now());
    world.chatStore.setViewerFlags('ana', { banned: true }, Date.now());
    world.chatStore.setViewerFlags('ben', { timedOutUntil: Date.now() + 4 * 60_000 + 1 }, Date.now());
    world.chatStore.setViewerFlags('cat', { moderator: true }, Date.now());
    world.bid('ana', '10');
    world.bid('ben', '11', { max: true });
    world.bid('cat', '12');
    await tick();
    expect(world.board.textsTo('ana')).toEqual(["You can't bid in this show."]);
    expect(world.board.textsTo('ben')).toEqual(["You're timed out for 5 more minutes."]);
    expect(world.board.textsTo('cat')).toEqual(["You're winning at $12.00."]);
    expect(world.board.last()).toMatchObject({ price: '12', bids: 1 });
    // Once the timeout has passed, the same viewer bids.
    await vi.advanceTimersByTimeAsync(4 * 60_000 + 1);
    world.bid('ben', '13');
    await tick();
    expect(world.board.textsTo('ben').at(-1)).toBe("You're winning at $13.00.");
  });

  it('answers a bid for an auction that is not running, and takes no chat while none runs', async () => {
    expect(world.chat('ana', '25')).toBe(false);
    world.bid('ana', '25', { auctionId: 7 });
    expect(world.board.notices).toEqual([
      { viewerId: 'ana', notice: { kind: 'bid', auctionId: 7, outcome: 'refused', reason: 'closed', amount: null, text: 'This auction has ended.' } },
    ]);
  });
});

describe('the end', () => {
  it('sells to the highest bidder: a confirmed claim at the winning price, "You won!", every page flushed', async () => {
    await pinProduct(world.mug);
    const { current } = start();
    world.bid('ana', '10');
    world.chat('ben', '$14');
    await vi.advanceTimersByTimeAsync(20_000 + AUCTION_CLOSE_GRACE_MS - 1);
    expect(world.board.last()?.status).toBe('running');
    const flushes = world.board.flushes;
    await vi.advanceTimersByTimeAsync(1);
    expect(world.board.flushes).toBe(flushes + 1);
    expect(world.board.last()).toMatchObject({ status: 'sold', winner: { viewerId: 'ben', name: 'Ben' }, price: '14', endedAt: T0 + 20_000 });
    expect(world.board.notices.at(-1)).toEqual({
      viewerId: 'ben',
      notice: {
        kind: 'bid',
        auctionId: current!.id,
        outcome: 'won',
        reason: null,
        amount: '14',
        text: 'You won! Stoneware mug is yours for $14.00. The seller will be in touch about payment and delivery.',
      },
    });
    const claims = world.claims.list(null).claims;
    expect(claims).toEqual([
      expect.objectContaining({ viewerId: 'ben', viewerName: 'Ben', productId: world.mug, pricePaid: '14', status: 'confirmed', auctionId: current!.id }),
    ]);
    // Counted in units left like any confirmed claim: the card says 7 of 8.
    expect(world.pins.state().current?.card.stock).toBe(7);
    expect(world.auctions.getAuctions({ showId: null }).current).toMatchObject({ status: 'sold', claimId: claims[0]!.id, bids: 2, bidders: 2 });
    expect(world.changes.at(-1)?.current?.status).toBe('sold');
    expect(world.claims.exportCsv({ showId: null, all: true }).content).toContain(`,Won at auction for $14.00,${current!.id},`);
  });

  it('soft close: a bid in the last seconds puts the clock back, and a bid stamped after the end is refused', async () => {
    await pinProduct(world.mug);
    start({ durationSeconds: 20, extendSeconds: 10 });
    await vi.advanceTimersByTimeAsync(15_000);
    world.bid('ana', '10');
    await tick();
    expect(world.board.last()?.endsAt).toBe(T0 + 25_000);
    expect(world.db.prepare('SELECT ends_at FROM auctions').get()).toEqual({ ends_at: T0 + 25_000 });
    await vi.advanceTimersByTimeAsync(10_000);
    // In the grace: a bid the SFU stamped before the end still counts (and puts the clock back again).
    world.bid('ben', '11', { ts: T0 + 24_999 });
    await tick();
    expect(world.board.last()).toMatchObject({ status: 'running', price: '11', endsAt: T0 + 34_999 });
    await vi.advanceTimersByTimeAsync(T0 + 35_000 - Date.now());
    // One stamped at the end does not.
    world.bid('cat', '20', { ts: T0 + 34_999 });
    await tick();
    expect(world.board.textsTo('cat')).toEqual(['Bidding has closed on this auction.']);
    await vi.advanceTimersByTimeAsync(AUCTION_CLOSE_GRACE_MS);
    expect(world.board.last()).toMatchObject({ status: 'sold', winner: { name: 'Ben' }, price: '11', endedAt: T0 + 34_999 });
  });

  it('sudden death and a reserve not met: not sold, no claim', async () => {
    await pinProduct(world.mug);
    start({ mode: 'sudden-death', reserve: '40' });
    await vi.advanceTimersByTimeAsync(19_000);
    world.bid('ana', '10');
    await vi.advanceTimersByTimeAsync(2000);
    expect(world.board.last()).toMatchObject({ status: 'unsold', price: '10', reserveMet: false, winner: null, endedAt: T0 + 20_000 });
    expect(world.claims.list(null).claims).toEqual([]);
  });

  it('cancels only without a bid', async () => {
    await pinProduct(world.mug);
    start();
    vi.setSystemTime(T0 + 5000);
    expect(world.auctions.cancelAuction().current).toMatchObject({ status: 'cancelled', endedAt: T0 + 5000 });
    expect(world.board.last()?.status).toBe('cancelled');
    expect(vi.getTimerCount()).toBe(0);
    start();
    world.bid('ana', '10');
    expect(refusal(() => world.auctions.cancelAuction())).toBe(
      'conflict: This auction has bids, so it runs to its end: bidders expect the highest bid to win.',
    );
    expect(world.auctions.getAuctions({ showId: null }).history.map((a) => a.status)).toEqual(['running', 'cancelled']);
  });

  it('runs to its end on its own item when the host pins something else, and its result leaves with the next pin change', async () => {
    await pinProduct(world.mug);
    start();
    world.bid('ana', '10');
    await pinProduct(world.scarf);
    expect(world.board.last()?.status).toBe('running');
    await vi.advanceTimersByTimeAsync(21_000);
    expect(world.board.last()).toMatchObject({ status: 'sold', title: 'Stoneware mug' });
    expect(world.claims.list(null).claims[0]).toMatchObject({ productId: world.mug, pricePaid: '10' });
    await world.pins.unpin();
    expect(world.board.last()).toBeNull();
  });
});

describe('auction queries', () => {
  it('use their indexes, without sorting', async () => {
    await pinProduct(world.mug);
    const plan = (sql: string, ...params: unknown[]) => queryPlan(world.db, sql, ...params);
    const params: Record<keyof typeof AUCTION_QUERIES, unknown[]> = {
      running: [],
      latestOfPin: [1],
      ofShow: [1, 50],
      recentBids: [1, 50],
      inputs: [1],
      counts: [1],
      lastSeq: [1],
      soldUnclaimed: [],
    };
    expect(plan(AUCTION_QUERIES.running)).toMatch(/USING INDEX auctions_running/);
    expect(plan(AUCTION_QUERIES.latestOfPin, 1)).toMatch(/USING INDEX auctions_by_pin/);
    expect(plan(AUCTION_QUERIES.ofShow, 1, 50)).toMatch(/USING INDEX auctions_by_show/);
    expect(plan(AUCTION_QUERIES.soldUnclaimed)).toMatch(/USING (COVERING )?INDEX auctions_sold_unclaimed/);
    for (const name of ['recentBids', 'inputs', 'lastSeq', 'counts'] as const) {
      expect(plan(AUCTION_QUERIES[name], ...params[name]), name).toMatch(/USING (COVERING )?INDEX (sqlite_autoindex_auction_bids_1|auction_bids_by_viewer)/);
    }
    const all = Object.entries(AUCTION_QUERIES).map(([name, sql]) => plan(sql, ...params[name as keyof typeof AUCTION_QUERIES])).join('\n');
    expect(all).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  });
});

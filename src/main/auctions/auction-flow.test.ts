/**
 * Auctions end to end: the API through the dispatcher, SQLite on disk, main's
 * link to the built-in SFU (real mediasoup worker) and 200 viewers speaking
 * the protocol as the watch page does, bidding at once with the Bid button
 * and in chat.
 */
import { describe, expect, it } from 'vitest';
import type { AuctionsState } from '../../shared/domain/auctions.js';
import type { PinState } from '../../shared/domain/live.js';
import type { ShowReport } from '../../shared/domain/selling.js';
import { bid, bidNotices, joinBidders, lastAuction } from '../../../tests/harness/bidders.js';
import { until } from '../../../tests/harness/test-studio.js';
import { liveTestHarness } from '../../../tests/support/live-world.js';

const { studio } = liveTestHarness();
const VIEWERS = 200;

describe('an auction through the built-in SFU', () => {
  it('200 viewers bid at once (buttons and chat): one winner, the same result on every page, the claim, every bid stored; soft close seen by viewers', async () => {
    const s = await studio();
    const [mug] = s.addProducts({ title: 'Blue Enamel Mug', variants: [{ price: '19.99', stock: 4 }] });
    const show = await s.call<{ id: number }>('studio:rundown:create-show', { name: 'Friday auctions', scheduledStart: null });
    await s.call('studio:rundown:set-active-show', { showId: show.id });
    await s.call<PinState>('studio:live:pin', { productId: mug!.productId });
    const { signalUrl, room } = s.core.live.status();
    const bidders = await joinBidders(signalUrl!, room, VIEWERS);
    try {
      // Soft close of 6 s on a 5 s auction: every bid puts the clock back to 6 s from it.
      const started = await s.call<AuctionsState>('studio:auctions:start', { startPrice: '10', durationSeconds: 5, mode: 'soft', extendSeconds: 6 });
      const auction = started.current!;
      await Promise.all(bidders.map((b) => until(() => lastAuction(b), (a) => a?.id === auction.id, `${b.name} sees the auction`)));
      const firstEnd = lastAuction(bidders[0]!)!.endsAt;

      // Everyone presses Bid at once, each a different amount (10 … 209): arrival order decides who leads when.
      const stamps = await Promise.all(bidders.map((b, i) => bid(b, auction.id, String(10 + i))));
      // Then three bid in chat, after the buttons (the highest, "bid 270", wins whatever order they arrive in).
      const chatters = [bidders[3]!, bidders[4]!, bidders[5]!];
      await Promise.all(['250', '$260', 'bid 270'].map((text, i) => chatters[i]!.client.requests.request({ type: 'chatSend', text })));
      const winner = chatters[2]!;

      // Every page ends on the same result.
      const ended = await Promise.all(
        bidders.map((b) => until(() => lastAuction(b), (a) => a?.status === 'sold' || a?.status === 'unsold', `${b.name} sees the result`, 30_000)),
      );
      for (const view of ended) {
        expect({ status: view!.status, winner: view!.winner, price: view!.price, endedAt: view!.endedAt }).toEqual({
          status: 'sold',
          winner: { viewerId: winner.viewerId, name: winner.name },
          price: '270',
          endedAt: ended[0]!.endedAt,
        });
      }
      // Soft close, as viewers saw it: the end moved past the first one, to 6 s after the last bid the SFU stamped.
      expect(ended[0]!.endedAt!).toBeGreaterThan(firstEnd);
      expect(ended[0]!.endedAt!).toBeGreaterThanOrEqual(Math.max(...stamps) + 6000);
      const won = await until(() => bidNotices(winner), (n) => n.some((x) => x.outcome === 'won'), 'the winner hears it');
      expect(won.at(-1)).toMatchObject({ outcome: 'won', amount: '270', text: expect.stringContaining('You won! Blue Enamel Mug is yours for $270.00') });
      // Everyone else who bid heard about their own bid, privately.
      for (const b of bidders) expect(bidNotices(b).length, b.name).toBeGreaterThan(0);

      // One confirmed claim, at the winning price.
      const claims = s.core.claims.list(null).claims.filter((c) => c.auctionId === auction.id);
      expect(claims).toEqual([expect.objectContaining({ viewerId: winner.viewerId, pricePaid: '270', status: 'confirmed', productId: mug!.productId })]);
      // Every bid stored: 200 button bids and 3 chat bids, each once.
      const inputs = s.core.db
        .prepare(`SELECT source, count(*) AS n, count(DISTINCT input_id) AS ids FROM auction_bids WHERE auction_id = ? AND proxy_for IS NULL GROUP BY source ORDER BY source`)
        .all(auction.id);
      expect(inputs).toEqual([
        { source: 'button', n: VIEWERS, ids: VIEWERS },
        { source: 'chat', n: 3, ids: 3 },
      ]);
      const state = await s.call<AuctionsState>('studio:auctions:get');
      expect(state.current).toMatchObject({ status: 'sold', price: '270', winner: { viewerId: winner.viewerId }, claimId: claims[0]!.id });
      // The show report has its row.
      const report = await s.call<ShowReport>('studio:selling:show-report', { showId: show.id });
      expect(report.auctions).toEqual([
        expect.objectContaining({ auctionId: auction.id, status: 'sold', finalPrice: '270', winnerName: winner.name, bidders: expect.any(Number) }),
      ]);
      expect(report.auctions[0]!.bids).toBe(state.current!.bids);
    } finally {
      for (const b of bidders) b.client.close();
    }
  }, 60_000);
});

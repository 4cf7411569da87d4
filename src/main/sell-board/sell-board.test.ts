import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuctionView, SellNotice, ShowSellState } from '../../shared/sfu/protocol-selling.js';
import { SellBoard } from './sell-board.js';

const auction = (price: string | null): AuctionView => ({
  id: 1,
  title: 'Denim jacket',
  currency: 'USD',
  startPrice: '10',
  price,
  nextBid: price === null ? '10' : String(Number(price) + 1),
  leader: price === null ? null : { viewerId: 'v1', name: 'Ana' },
  bids: price === null ? 0 : 1,
  bidders: price === null ? 0 : 1,
  mode: 'soft',
  extendSeconds: 10,
  reserveMet: null,
  startedAt: 1000,
  endsAt: 21_000,
  status: 'running',
  winner: null,
  endedAt: null,
});

function board(coalesceMs = 50) {
  const sent: ShowSellState[] = [];
  const notices: { viewerId: string; notice: SellNotice }[] = [];
  const sell = new SellBoard({
    target: { sendSellState: (s) => sent.push(s), sendSellNotice: (viewerId, notice) => notices.push({ viewerId, notice }) },
    coalesceMs,
  });
  return { sell, sent, notices };
}

describe('SellBoard', () => {
  afterEach(() => vi.useRealTimers());

  it('sends a change after a quiet spell at once, and only the latest of a burst after that', () => {
    vi.useFakeTimers();
    const { sell, sent } = board(50);
    sell.setAuction(auction(null));
    expect(sent).toHaveLength(1);
    sell.setAuction(auction('10'));
    sell.setAuction(auction('11'));
    sell.setAuction(auction('12'));
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(50);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.auction!.price).toBe('12');
    vi.advanceTimersByTime(500);
    expect(sent).toHaveLength(2);
  });

  it('keeps each part when another changes, and flush sends what waits', () => {
    vi.useFakeTimers();
    const { sell, sent } = board(1000);
    sell.setPractice(true);
    sell.setAuction(auction('10'));
    sell.flush();
    expect(sent.at(-1)).toMatchObject({ practice: true, auction: { price: '10' }, giveaway: null });
    sell.setPractice(true); // no change: nothing to send
    sell.flush();
    expect(sent).toHaveLength(2);
  });

  it('passes private lines through and sends nothing once closed', () => {
    const { sell, sent, notices } = board();
    const notice: SellNotice = { kind: 'bid', auctionId: 1, outcome: 'outbid', reason: null, amount: '12', text: 'Outbid: the price is now $12.' };
    sell.notify('v2', notice);
    expect(notices).toEqual([{ viewerId: 'v2', notice }]);
    sell.close();
    sell.setAuction(auction('13'));
    sell.notify('v2', notice);
    expect(sent).toHaveLength(0);
    expect(notices).toHaveLength(1);
  });
});

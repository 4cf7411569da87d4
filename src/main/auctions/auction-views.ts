import type { Auction } from '../../shared/domain/auctions.js';
import { compareMoney } from '../../shared/domain/money.js';
import type { AuctionView } from '../../shared/sfu/protocol-selling.js';
import type { AuctionRecord, AuctionStore } from './auction-store.js';
import type { RunningAuction } from './running-auction.js';

const personName = (name: string) => name.trim().slice(0, 60) || 'Viewer';

/**
 * An auction as the studio's screens see it: a running one from its engine
 * (price, leader, the end moved by soft close), an ended one from its row.
 * Times on main's clock.
 */
export function auctionOf(record: AuctionRecord, live: RunningAuction | null, store: Pick<AuctionStore, 'counts'>): Auction {
  const base = {
    id: record.id,
    showId: record.showId,
    pinId: record.pinId,
    productId: record.productId,
    variantId: record.variantId,
    title: record.title,
    currency: record.currency,
    startPrice: record.startPrice,
    reserve: record.reserve,
    mode: record.mode,
    extendSeconds: record.extendSeconds,
    durationSeconds: record.durationSeconds,
    increments: record.increments,
    startedAt: record.startedAt,
    claimId: record.claimId,
  };
  if (live && live.id === record.id) {
    const s = live.standing();
    return {
      ...base,
      endsAt: live.endsAtMain(),
      endedAt: null,
      status: 'running',
      price: s.leader?.price ?? null,
      nextBid: s.nextBid,
      leader: s.leader ? { viewerId: s.leader.viewer, name: personName(live.nameOf(s.leader.viewer)) } : null,
      winner: null,
      reserveMet: s.reserveMet,
      bids: s.bids,
      bidders: s.bidders,
    };
  }
  const { bids, bidders } = store.counts(record.id);
  const winner = record.winnerViewerId === null ? null : { viewerId: record.winnerViewerId, name: personName(record.winnerName ?? '') };
  return {
    ...base,
    endsAt: record.endsAt,
    endedAt: record.endedAt,
    status: record.status,
    price: record.finalPrice,
    nextBid: record.finalPrice ?? record.startPrice,
    leader: winner,
    winner,
    reserveMet: record.reserve === null ? null : record.finalPrice !== null && compareMoney(record.finalPrice, record.reserve) >= 0,
    bids,
    bidders,
  };
}

/** What every viewer sees of it (the reserve amount stays private: only whether it is met). */
export function viewOf(a: Auction): AuctionView {
  return {
    id: a.id,
    title: a.title,
    currency: a.currency,
    startPrice: a.startPrice,
    price: a.price,
    nextBid: a.nextBid,
    leader: a.leader,
    bids: a.bids,
    bidders: a.bidders,
    mode: a.mode,
    extendSeconds: a.extendSeconds,
    reserveMet: a.reserveMet,
    startedAt: Math.max(0, a.startedAt),
    endsAt: Math.max(0, a.endsAt),
    status: a.status,
    winner: a.winner,
    endedAt: a.endedAt,
  };
}

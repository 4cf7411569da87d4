import type { Auction } from '../../shared/domain/auctions.js';
import { formatMoney, isMoney } from '../../shared/domain/money.js';
import { formatCountdown } from '../../shared/sfu/deal-clock.js';

/** What OBS's auction text needs of an auction (AuctionsState.current). */
export type ObsAuction = Pick<Auction, 'id' | 'status' | 'endsAt' | 'price' | 'startPrice' | 'currency' | 'leader' | 'winner' | 'bids' | 'reserveMet'>;

/**
 * The "LSS Auction" text at `now` (main's clock, which the auction's times
 * are on): "AUCTION $12.00 · Ana leads · 0:08" while it runs, then
 * "SOLD to Ana — $42.00" or "NOT SOLD — reserve not met" until the next
 * auction or pin; empty with no auction or a cancelled one.
 */
export function overlayAuctionText(auction: ObsAuction | null, now: number): string {
  if (!auction) return '';
  const money = (amount: string | null) => (amount !== null && isMoney(amount) ? formatMoney(amount, auction.currency) : '');
  switch (auction.status) {
    case 'running': {
      const left = formatCountdown(Math.max(0, auction.endsAt - now), { padMinutes: false });
      const who = auction.leader ? `${auction.leader.name} leads` : 'no bids yet';
      return `AUCTION ${money(auction.price ?? auction.startPrice)} · ${who} · ${left}`;
    }
    case 'sold':
      return `SOLD to ${auction.winner?.name ?? 'a viewer'} — ${money(auction.price)}`;
    case 'unsold':
      return auction.bids > 0 && auction.reserveMet === false ? 'NOT SOLD — reserve not met' : 'NOT SOLD — no bids';
    case 'cancelled':
      return '';
  }
}

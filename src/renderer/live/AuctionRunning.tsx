import { useState } from 'react';
import type { Auction, AuctionBidRow } from '../../shared/domain/auctions.js';
import { formatCount, formatMoney } from '../ui/format.js';
import { auctionCountdown, auctionPhase, bidLogLine, standingPrice } from './auction-view.js';

export interface AuctionRunningProps {
  readonly auction: Auction;
  readonly recentBids: readonly AuctionBidRow[];
  readonly studioNow: number;
  readonly currency: string | null;
  /** The auction started on another pin than the one up now (or nothing is pinned): it says which item it sells. */
  readonly otherItem: boolean;
  /** null: this screen may not run the show (no Cancel). */
  readonly cancel: (() => Promise<string | null>) | null;
}

/** Bid-log lines under the price: enough to answer "did my bid count?" without scrolling. */
const LOG_LINES = 5;

/**
 * The running auction: the price big, who leads, the countdown (the same on
 * every viewer's page), bids and bidders, the newest bid-log lines (refusals
 * marked) and Cancel — only while there is no bid, as bidders expect.
 */
export function AuctionRunning({ auction, recentBids, studioNow, currency, otherItem, cancel }: AuctionRunningProps) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const phase = auctionPhase(auction, studioNow);
  const money = auction.currency ?? currency;
  const hasBid = auction.bids > 0;
  const onCancel = async () => {
    if (!cancel) return;
    setBusy(true);
    setError(await cancel());
    setBusy(false);
  };
  return (
    <div className="deal-bar auction-bar is-running" data-testid="auction-running" data-auction-id={auction.id}>
      <div className="auction-head">
        <span className="deal-label">Auction</span>
        {otherItem && (
          <span className="auction-chip auction-item clip" data-testid="auction-item" title="The auction runs to its end on the item it started on, whatever is pinned now.">
            on {auction.title}
          </span>
        )}
        <span className="auction-price" data-testid="auction-price" aria-live="polite">
          {standingPrice(auction, currency)}
        </span>
        <span className="auction-leader clip" data-testid="auction-leader">
          {auction.leader ? `${auction.leader.name} leads` : `No bids yet · opens at ${formatMoney(auction.startPrice, money)}`}
        </span>
        <span className="deal-countdown auction-countdown" data-testid="auction-countdown" role="timer" aria-label="Auction ends in">
          {phase.kind === 'closing' ? 'Closing…' : auctionCountdown(auction, studioNow)}
        </span>
        <span className="auction-counts" data-testid="auction-counts">
          {formatCount(auction.bids, 'bid', 'bids')} · {formatCount(auction.bidders, 'bidder', 'bidders')}
        </span>
        <span className="auction-chip" title={auction.mode === 'soft' ? `A bid in the last ${auction.extendSeconds} s puts the clock back to ${auction.extendSeconds} s.` : 'No extension: the last bid before zero wins.'}>
          {auction.mode === 'soft' ? `Soft close +${auction.extendSeconds} s` : 'Sudden death'}
        </span>
        {auction.reserve !== null && (
          <span className={`auction-chip ${auction.reserveMet ? 'is-met' : ''}`} data-testid="auction-reserve" title={`Reserve ${formatMoney(auction.reserve, money)}: viewers only see whether it is met.`}>
            {auction.reserveMet ? 'Reserve met' : 'Reserve not met'}
          </span>
        )}
        {error && (
          <span className="pinned-error" role="alert" title={error}>
            {error}
          </span>
        )}
        <span className="toolbar-spacer" />
        {cancel && (
          <button
            type="button"
            className="button button-small"
            disabled={busy || hasBid}
            onClick={() => void onCancel()}
            title={hasBid ? 'An auction with a bid runs to the end: bidders expect to win what they bid on.' : 'Stop the auction: no bid has come in yet.'}
          >
            Cancel auction
          </button>
        )}
      </div>
      {recentBids.length > 0 && (
        <ol className="auction-log" data-testid="auction-log" aria-label="Latest bids">
          {recentBids.slice(0, LOG_LINES).map((row) => (
            <li key={row.seq} className={row.action === 'bid' ? 'is-bid' : 'is-refused'} data-testid="auction-log-line" data-action={row.action}>
              {row.action !== 'bid' && (
                <span className="auction-refused-mark" aria-label="Refused">
                  ✕
                </span>
              )}
              {bidLogLine(row, money)}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

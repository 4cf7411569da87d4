import { useEffect, useRef, useState } from 'react';
import type { Auction } from '../../shared/domain/auctions.js';
import { useAbilities } from '../api/role-context.js';
import { requestShowClaim } from '../ui/show-claim.js';
import { AuctionForm } from './AuctionForm.js';
import { AuctionRunning } from './AuctionRunning.js';
import { AUCTION_KEY, auctionResultLine } from './auction-view.js';
import type { AuctionStart, Auctions } from './use-auctions.js';
import { useAuctionKey } from './use-auction-key.js';

export interface AuctionControlProps {
  readonly auctions: Auctions;
  /** The pin on screen (null: nothing pinned): an ended auction shows its result only under its own pin. */
  readonly pinId: number | null;
  readonly title: string;
  readonly currency: string | null;
  readonly studioNow: number;
}

/** The form starts where the last auction of the show left off (the reserve is per product: never carried). */
function lastChoices(history: readonly Auction[]): AuctionStart | null {
  const last = history[0];
  if (!last) return null;
  return { startPrice: last.startPrice, durationSeconds: last.durationSeconds, mode: last.mode, extendSeconds: last.extendSeconds, reserve: null };
}

const KEY = AUCTION_KEY.toUpperCase();

/**
 * The auction bar under the pinned product, beside the flash deal: a button
 * (or H) opens the form; while one runs, its price, leader and countdown;
 * afterwards "Sold to Ana for $42" with a link to the winner's claim.
 */
export function AuctionControl({ auctions, pinId, title, currency, studioNow }: AuctionControlProps) {
  const { runShow } = useAbilities();
  const [open, setOpen] = useState(false);
  const priceRef = useRef<HTMLInputElement>(null);
  const state = auctions.state;
  const current = state?.current ?? null;
  const running = current?.status === 'running' ? current : null;
  const ended = current && current.status !== 'running' && current.pinId === pinId ? current : null;

  useAuctionKey(() => {
    if (!runShow || running) return;
    setOpen(true);
    priceRef.current?.focus();
  });
  // The form closes once the auction it started runs; the price field takes the focus when it opens.
  useEffect(() => {
    if (running) setOpen(false);
  }, [running]);
  useEffect(() => {
    if (open) priceRef.current?.focus();
  }, [open]);

  if (running) {
    return <AuctionRunning auction={running} recentBids={state?.recentBids ?? []} studioNow={studioNow} currency={currency} otherItem={running.pinId !== pinId} cancel={runShow ? auctions.cancel : null} />;
  }
  if (!runShow) return null;
  if (open) {
    return <AuctionForm title={title} currency={currency} last={lastChoices(state?.history ?? [])} priceRef={priceRef} start={auctions.start} close={() => setOpen(false)} />;
  }
  const result = ended ? auctionResultLine(ended, currency) : null;
  return (
    <div className="deal-bar auction-bar" data-testid="auction-idle">
      <span className="deal-label">Auction</span>
      {ended && result && (
        <span className={`auction-result ${ended.status === 'sold' ? 'is-sold' : ''}`} data-testid="auction-result" data-status={ended.status} role="status">
          {result}
        </span>
      )}
      {ended?.claimId != null && (
        <button type="button" className="link-button" data-testid="auction-claim-link" onClick={() => requestShowClaim(ended.claimId!)}>
          See the claim
        </button>
      )}
      {auctions.error && (
        <span className="pinned-error" role="alert" title={auctions.error}>
          {auctions.error}
        </span>
      )}
      <span className="toolbar-spacer" />
      <button
        type="button"
        className="button button-small"
        onClick={() => setOpen(true)}
        title={`Start an auction on ${title} (${KEY})`}
      >
        {ended ? 'New auction' : 'Start auction'}
        <span className="pin-key">{KEY}</span>
      </button>
    </div>
  );
}

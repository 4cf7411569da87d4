import type { PinTargetState } from '../../shared/domain/live.js';
import { useStudioNow } from '../api/studio-clock.js';
import { formatMoney, isMarkedDown } from '../ui/format.js';
import { ProductThumb } from '../ui/ProductThumb.js';
import { cardPictureSrc } from '../ui/safe-url.js';
import { formatCountdown } from '../../shared/sfu/deal-clock.js';
import { studioDealPhase } from './deal-clock.js';
import { AuctionControl } from './AuctionControl.js';
import { DealControl } from './DealControl.js';
import { useLiveCommands, usePin, usePinFeedback } from './live-context.js';
import { useAuctionKey } from './use-auction-key.js';
import { useAuctions } from './use-auctions.js';
import './pin.css';

const DELIVERY: Record<PinTargetState, { text: string; hint: string }> = {
  delivered: { text: 'On viewers’ screens', hint: 'The streaming server has the card; every viewer sees it.' },
  pending: { text: 'Sending…', hint: 'Not confirmed by the streaming server yet; it is sent as soon as it is reachable.' },
  failed: { text: 'Not delivered', hint: 'The streaming server did not take the card. Check the Stream panel.' },
  off: { text: 'Server off', hint: 'No streaming server is running.' },
};

const OBS_DELIVERY: Record<Exclude<PinTargetState, 'off'>, { text: string; hint: string }> = {
  delivered: { text: 'In OBS', hint: 'OBS’s LSS product sources show this product.' },
  pending: { text: 'OBS: updating…', hint: 'Sent to OBS as soon as it is connected (Settings → OBS).' },
  failed: { text: 'OBS: not updated', hint: 'OBS did not take the update. See Settings → OBS.' },
};

/**
 * The product on viewers' screens now, and whether the SFU has it: its live
 * stock, the flash deal, the auto-unpin countdown; Unpin in one click.
 */
export function PinnedStrip() {
  const pin = usePin();
  const { pinError, notice } = usePinFeedback();
  const { unpinProduct, showNotice } = useLiveCommands();
  const auctions = useAuctions();
  const auctionRunning = auctions.state?.current?.status === 'running';
  const current = pin?.current ?? null;
  const delivery = pin?.targets.sfu ?? 'off';
  const obs = pin?.targets.obs ?? 'off';
  // Only the current pin's deal counts (a state from just before a re-pin may still carry the old one).
  const deal = current && pin?.deal && pin.deal.pinId === current.id ? pin.deal : null;
  const autoUnpinAt = current ? (pin?.autoUnpinAt ?? null) : null;
  const ticking = (deal !== null && deal.endedAt === null) || autoUnpinAt !== null || auctionRunning;
  // With a product up, the auction bar takes H itself.
  useAuctionKey(() => showNotice('Pin a product first: an auction sells the pinned product.'), !current);
  const studioNow = useStudioNow(ticking, auctions.state?.current?.endsAt);
  const noticeLine = notice && (
    <span className="pinned-notice" role="status" data-testid="pin-notice">
      {notice}
    </span>
  );
  if (!current) {
    return (
      <div className="pinned-strip is-empty" data-testid="pinned-strip">
        <span className="pinned-label">Pinned</span>
        <span className="muted clip">Nothing pinned. Press Pin on a rundown item or a catalog product (or P for the current item) to show it to viewers; then H starts an auction on it.</span>
        {noticeLine}
        {pinError && (
          <span className="pinned-error" role="alert">
            {pinError}
          </span>
        )}
        {/* Unpinning does not stop an auction: it runs to its end on its own item, and the host keeps watching it here. */}
        {auctionRunning && <AuctionControl auctions={auctions} pinId={null} title="" currency={null} studioNow={studioNow} />}
      </div>
    );
  }
  const { card } = current;
  const dealRunning = deal !== null && studioDealPhase(deal, studioNow).kind === 'running';
  return (
    <div className="pinned-strip" data-testid="pinned-strip">
      <span className="pinned-label">Pinned</span>
      <ProductThumb url={cardPictureSrc(card)} />
      {/* Announced when the product or its stock changes; the countdowns below are not (they tick every second). */}
      <span className="pinned-text" aria-live="polite">
        <span className="pinned-title clip" data-testid="pinned-title" title={card.title}>
          {card.title}
        </span>
        <span className="pinned-sub clip">
          {card.variantTitle && <span>{card.variantTitle}</span>}
          {/* During a deal the deal bar below shows both prices. */}
          {!dealRunning && card.price !== null && <span className="pinned-price">{formatMoney(card.price, card.currency)}</span>}
          {!dealRunning && isMarkedDown(card.price, card.compareAtPrice) && (
            <s className="compare-at">{formatMoney(card.compareAtPrice, card.currency)}</s>
          )}
          {card.stock !== null && (
            <span className={card.stock === 0 ? 'sold-out' : 'stock-left'} data-testid="pinned-stock">
              {card.stock === 0 ? 'Sold out' : `${card.stock.toLocaleString()} left`}
            </span>
          )}
        </span>
      </span>
      {autoUnpinAt !== null && (
        <span className="auto-unpin" data-testid="pin-auto-unpin" title="Settings → Selling → Auto-unpin">
          Unpins in {formatCountdown(autoUnpinAt - studioNow)}
        </span>
      )}
      <span className={`delivery-chip delivery-${delivery}`} data-testid="pin-delivery" data-state={delivery} title={DELIVERY[delivery].hint}>
        {DELIVERY[delivery].text}
      </span>
      {obs !== 'off' && (
        <span className={`delivery-chip delivery-${obs}`} data-testid="pin-delivery-obs" data-state={obs} title={OBS_DELIVERY[obs].hint}>
          {OBS_DELIVERY[obs].text}
        </span>
      )}
      {pinError && (
        <span className="pinned-error" role="alert" title={pinError}>
          {pinError}
        </span>
      )}
      {noticeLine}
      <button type="button" className="button button-small" onClick={() => void unpinProduct()} aria-label={`Unpin ${card.title}`} title="Unpin (U)">
        Unpin
      </button>
      {!auctionRunning && <DealControl key={current.id} deal={deal} studioNow={studioNow} currency={card.currency} title={card.title} />}
      <AuctionControl key={`auction-${current.id}`} auctions={auctions} pinId={current.id} title={card.title} currency={card.currency} studioNow={studioNow} />
    </div>
  );
}

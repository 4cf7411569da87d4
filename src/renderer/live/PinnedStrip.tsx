import type { PinTargetState } from '../../shared/domain/live.js';
import { formatMoney, isMarkedDown } from '../ui/format.js';
import { ProductThumb } from '../ui/ProductThumb.js';
import { useLive } from './live-context.js';
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

/** The product on viewers' screens now, and whether the SFU has it; Unpin in one click. */
export function PinnedStrip() {
  const { pin, pinError, unpinProduct } = useLive();
  const current = pin?.current ?? null;
  const delivery = pin?.targets.sfu ?? 'off';
  const obs = pin?.targets.obs ?? 'off';
  if (!current) {
    return (
      <div className="pinned-strip is-empty" data-testid="pinned-strip">
        <span className="pinned-label">Pinned</span>
        <span className="muted clip">Nothing pinned. Press Pin on a rundown item or a catalog product to show it to viewers.</span>
        {pinError && (
          <span className="pinned-error" role="alert">
            {pinError}
          </span>
        )}
      </div>
    );
  }
  const { card } = current;
  return (
    <div className="pinned-strip" data-testid="pinned-strip" aria-live="polite">
      <span className="pinned-label">Pinned</span>
      <ProductThumb url={card.imageUrl} />
      <span className="pinned-text">
        <span className="pinned-title clip" data-testid="pinned-title" title={card.title}>
          {card.title}
        </span>
        <span className="pinned-sub clip">
          {card.variantTitle && <span>{card.variantTitle}</span>}
          {card.price !== null && <span className="pinned-price">{formatMoney(card.price, card.currency)}</span>}
          {isMarkedDown(card.price, card.compareAtPrice) && <s className="compare-at">{formatMoney(card.compareAtPrice, card.currency)}</s>}
          {card.stock !== null && <span className={card.stock === 0 ? 'sold-out' : undefined}>{card.stock === 0 ? 'Sold out' : `${card.stock} left`}</span>}
        </span>
      </span>
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
      <button type="button" className="button button-small" onClick={() => void unpinProduct()} aria-label={`Unpin ${card.title}`}>
        Unpin
      </button>
    </div>
  );
}

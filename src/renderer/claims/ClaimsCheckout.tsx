import type { CheckoutState } from '../../shared/domain/checkout.js';
import { checkoutStatusText, notSentLines } from './checkout-view.js';

interface ClaimsCheckoutProps {
  readonly state: CheckoutState | null;
  readonly sending: boolean;
  /** "Send to everyone": every buyer's confirmed claims not sent yet. */
  readonly onSendAll: () => void;
}

/**
 * Checkout links in the Claims tab: each buyer with confirmed claims, and
 * whether they were sent their "Check out your N items" link ("Link sent
 * 14:02" / "Not sent"). The links go privately to each buyer's watch page;
 * End show sends the ones still waiting by itself.
 */
export function ClaimsCheckout({ state, sending, onSendAll }: ClaimsCheckoutProps) {
  const buyers = state?.buyers ?? [];
  if (buyers.length === 0) return null;
  const waiting = buyers.filter((b) => b.unsent > 0).length;
  return (
    <section className="claims-checkout" aria-label="Checkout links" data-testid="claims-checkout">
      <div className="claims-checkout-head">
        <span className="claims-checkout-title">Checkout links</span>
        <span className="muted">{waiting === 0 ? 'everyone has theirs' : `${waiting.toLocaleString()} waiting`}</span>
        <span className="toolbar-spacer" />
        <button
          type="button"
          className="button button-small"
          disabled={sending || waiting === 0}
          title="Each buyer gets a private “Check out your N items” link on the watch page for their confirmed claims not sent yet (End show sends them too)"
          onClick={onSendAll}
        >
          {sending ? 'Sending…' : 'Send to everyone'}
        </button>
      </div>
      <ul className="claims-checkout-list">
        {buyers.map((buyer) => (
          <li key={buyer.viewerId} data-testid="checkout-buyer" data-viewer={buyer.viewerName}>
            <span className="clip" title={buyer.viewerName}>
              {buyer.viewerName}
            </span>
            <span className="muted">{`${buyer.confirmed.toLocaleString()} ${buyer.confirmed === 1 ? 'item' : 'items'}`}</span>
            <span className={buyer.lastSentAt === null ? 'checkout-not-sent' : 'checkout-sent'} data-testid="checkout-status">
              {checkoutStatusText(buyer)}
            </span>
            {notSentLines(buyer).map((line, i) => (
              <span key={i} className="checkout-not-sent checkout-held" data-testid="checkout-held">
                {line}
              </span>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}

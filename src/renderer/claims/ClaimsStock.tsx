import type { ProductStockLeft } from '../../shared/domain/selling.js';
import { unitsLeftText, variantsLeftText } from './claims-view.js';

interface ClaimsStockProps {
  readonly stock: readonly ProductStockLeft[];
  /** "Send links" after a product: its buyers' checkout links (absent: no button). */
  readonly onSendLinks?: (productId: number) => void;
  readonly sending?: boolean;
}

/**
 * Units left of each product claimed in the show: the stock imported minus
 * the confirmed claims, the same number the rundown, the pinned card and
 * the watch page show (main's StockLedger). It follows every claim, cancel
 * and move.
 */
export function ClaimsStock({ stock, onSendLinks, sending = false }: ClaimsStockProps) {
  if (stock.length === 0) return null;
  return (
    <ul className="claims-stock" aria-label="Units left" data-testid="claims-stock">
      {stock.map((product) => {
        const variants = variantsLeftText(product);
        return (
          <li key={product.productId} data-testid="claims-stock-row" data-product={product.title}>
            <span className="claims-stock-title clip" title={product.title}>
              {product.title}
            </span>
            <span className={product.left === 0 ? 'sold-out' : 'claims-stock-left'} data-testid="claims-stock-left">
              {unitsLeftText(product.left)}
            </span>
            {variants && <span className="claims-stock-variants muted clip" title={variants}>{variants}</span>}
            {onSendLinks && (
              <button
                type="button"
                className="button button-small claims-stock-send"
                disabled={sending}
                aria-label={`Send checkout links for ${product.title}`}
                title="Each buyer of this product gets a private checkout link on the watch page (claims already sent are not sent again)"
                onClick={() => onSendLinks(product.productId)}
              >
                Send links
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

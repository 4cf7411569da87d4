import { useEffect, useState } from 'react';
import type { CatalogRow, ProductDetail } from '../../shared/domain/catalog.js';
import type { Claim, ProductStockLeft } from '../../shared/domain/selling.js';
import { useStudio } from '../api/studio-context.js';
import { formatMoney } from '../ui/format.js';
import { Modal } from '../ui/Modal.js';
import { claimProductLabel, unitsLeftOf, unitsLeftText } from './claims-view.js';

export interface MoveTarget {
  readonly productId: number;
  readonly variantId: number | null;
}

export interface MoveClaimDialogProps {
  readonly claim: Claim;
  /** Units left of the products claimed in the show (the Claims tab's numbers). */
  readonly stock: readonly ProductStockLeft[];
  readonly onMove: (target: MoveTarget) => Promise<string | null>;
  readonly onClose: () => void;
}

/** Enough rows to find a product by name or SKU; the search narrows it. */
const SEARCH_LIMIT = 20;

/**
 * Moves a claim to what the viewer meant: another variant of the same
 * product (the usual case: "sold" but they wanted M), or another product
 * found by name or SKU. Main confirms it when the target has stock, else
 * waitlists it, and tells the viewer.
 */
export function MoveClaimDialog({ claim, stock, onMove, onClose }: MoveClaimDialogProps) {
  const studio = useStudio();
  const [product, setProduct] = useState<ProductDetail | null>(null);
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<readonly CatalogRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (claim.productId === null) return;
    let live = true;
    void studio.getProduct({ productId: claim.productId }).then((r) => {
      if (!live) return;
      if (r.ok) setProduct(r.value);
      else setError(`This product is no longer in the catalog. Search for another one below.`);
    });
    return () => {
      live = false;
    };
  }, [studio, claim.productId]);

  useEffect(() => {
    const text = query.trim();
    if (text === '') return setRows([]);
    let live = true;
    // Typing fast: only the last search's answer is shown.
    const timer = setTimeout(() => {
      void studio.searchCatalog({ query: text, offset: 0, limit: SEARCH_LIMIT }).then((r) => {
        if (!live) return;
        if (r.ok) setRows(r.value.rows);
        else setError(r.error.message);
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [studio, query]);

  const move = async (target: MoveTarget) => {
    setBusy(true);
    setError(null);
    const message = await onMove(target);
    setBusy(false);
    if (message === null) onClose();
    else setError(message);
  };

  const isCurrent = (productId: number, variantId: number | null) => productId === claim.productId && variantId === claim.variantId;
  const variants = product?.variants.filter((v) => v.title !== '') ?? [];

  return (
    <Modal title={`Move ${claim.viewerName}’s claim`} onClose={onClose} className="move-claim-dialog">
      <p className="help">
        Now: <b>{claimProductLabel(claim)}</b>. The claim is confirmed if the new choice has stock, otherwise it joins the waitlist;
        the viewer is told either way.
      </p>
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
      {product && variants.length > 0 && (
        <section aria-label={`Other variants of ${product.title}`}>
          <h3 className="move-claim-heading">Another variant of {product.title}</h3>
          <ul className="move-claim-options">
            {variants.map((v) => (
              <li key={v.id}>
                <button
                  type="button"
                  className="button button-small"
                  disabled={busy || isCurrent(product.id, v.id)}
                  onClick={() => void move({ productId: product.id, variantId: v.id })}
                >
                  {v.title}
                </button>
                <span className="muted">
                  {formatMoney(v.price, product.currency)} · {unitsLeftText(unitsLeftOf(stock, product.id, v.id, v.stock))}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-label="Another product">
        <h3 className="move-claim-heading">Another product</h3>
        <input
          type="search"
          className="search-input"
          aria-label="Find a product"
          placeholder="Name or SKU"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <ul className="move-claim-options">
          {rows.map((row) => (
            <li key={row.variantId}>
              <button
                type="button"
                className="button button-small"
                disabled={busy || isCurrent(row.productId, row.variantId)}
                onClick={() => void move({ productId: row.productId, variantId: row.variantTitle ? row.variantId : null })}
              >
                {row.variantTitle ? `${row.title} — ${row.variantTitle}` : row.title}
              </button>
              <span className="muted">
                {row.sku ?? ''} {formatMoney(row.price, row.currency)} ·{' '}
                {unitsLeftText(unitsLeftOf(stock, row.productId, row.variantTitle ? row.variantId : null, row.stock))}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </Modal>
  );
}

/**
 * The Buy link a product card carries: `buildBuyLink` with the store settings
 * and the show read when a card is built (a pin, a card refresh), so a store
 * set in Settings applies from the next card on.
 */
import type { ProductDetail } from '../../shared/domain/catalog.js';
import type { StoreSettings } from '../../shared/domain/store-settings.js';
import { type BuyLinkShow, buildBuyLink } from './buy-links.js';

/** The card's Buy URL for a product (or variant) pinned in a show; null: no Buy button. */
export type CardBuyLink = (product: ProductDetail, variantId: number | null, showId: number | null) => string | null;

export interface CardBuyLinkDeps {
  /** Settings → Store, read when a card is built. */
  readonly store: () => StoreSettings;
  /** The show a card is pinned in (its name goes in utm_campaign); null or a throw: unknown (deleted), no campaign. */
  readonly show: (showId: number) => BuyLinkShow | null;
}

export function cardBuyLink(deps: CardBuyLinkDeps): CardBuyLink {
  return (product, variantId, showId) => {
    const show = showId === null ? null : showOrNull(deps, showId);
    return buildBuyLink(deps.store(), product, variantId, show)?.url ?? null;
  };
}

function showOrNull(deps: CardBuyLinkDeps, showId: number): BuyLinkShow | null {
  try {
    return deps.show(showId);
  } catch {
    return null; // the show was deleted: the link still works, without utm_campaign
  }
}

import type { Money, ProductDetail } from '../../shared/domain/catalog.js';
import { formatMoney } from '../../shared/domain/money.js';
import { currencyOf, onlySku } from './claim-units.js';
import type { NewClaim } from './claim-store.js';

/** What an auction's winner gets a claim for (ClaimService.claimForAuction). */
export interface AuctionClaimRequest {
  readonly auctionId: number;
  readonly showId: number | null;
  readonly viewerId: string;
  readonly viewerName: string;
  readonly productId: number | null;
  readonly variantId: number | null;
  /** The auction's title ("Denim jacket — M"), used when the product left the catalog. */
  readonly title: string;
  /** The winning bid: what the buyer pays. */
  readonly price: Money;
  readonly currency: string | null;
  /** When the auction ended (main's clock). */
  readonly at: number;
}

/** One claim per auction: its message id says which (a second request finds the first claim). */
export const auctionMessageId = (auctionId: number): string => `auction:${auctionId}`;

/** The confirmed claim an auction's winner gets, at the winning price; titles and SKU from the catalog when the product is still there. */
export function auctionClaim(r: AuctionClaimRequest, product: ProductDetail | null): NewClaim {
  const variant = product && r.variantId !== null ? (product.variants.find((v) => v.id === r.variantId) ?? null) : null;
  return {
    showId: r.showId,
    messageId: auctionMessageId(r.auctionId),
    viewerId: r.viewerId,
    viewerName: r.viewerName,
    text: `Won at auction for ${formatMoney(r.price, r.currency)}`,
    productId: product?.id ?? r.productId,
    variantId: variant?.id ?? null,
    productTitle: product?.title ?? r.title,
    variantTitle: variant?.title || null,
    sku: variant ? variant.sku : product ? onlySku(product) : null,
    pricePaid: r.price,
    currency: r.currency ?? (product ? currencyOf(product) : null),
    dealId: null,
    auctionId: r.auctionId,
    status: 'confirmed',
    claimedAt: r.at,
  };
}

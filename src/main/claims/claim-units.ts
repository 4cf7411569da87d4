import type { Money, ProductDetail, Variant } from '../../shared/domain/catalog.js';
import type { ChatMessage } from '../../shared/domain/chat.js';
import type { PinRecord } from '../../shared/domain/live.js';
import { isMoney } from '../../shared/domain/money.js';
import type { Claim, Deal } from '../../shared/domain/selling.js';
import { buildProductCard } from '../pin/product-card-builder.js';
import type { NewClaim } from './claim-store.js';

/** What a claim from chat is made of: who wrote what, on which pin and unit, during which deal. */
export interface ClaimDraft {
  readonly message: ChatMessage;
  readonly viewerId: string;
  /** The message's id; a request for several units ("2 more") gives the second and later ones their own ("…#2"). */
  readonly messageId: string;
  readonly pin: PinRecord;
  readonly product: ProductDetail;
  readonly variant: Variant | null;
  /** The deal running on the pin when the message was sent. */
  readonly deal: Deal | null;
  readonly confirmed: boolean;
}

/** The row a claim from chat saves: titles, SKU and the price copied now (the deal's when it applies to the unit). */
export function newClaim(d: ClaimDraft): NewClaim {
  const { product, variant, deal, pin } = d;
  const dealApplies = deal !== null && (deal.variantId === null || deal.variantId === variant?.id);
  return {
    showId: d.pin.showId,
    messageId: d.messageId,
    viewerId: d.viewerId,
    viewerName: d.message.name,
    text: d.message.text,
    productId: product.id,
    variantId: variant?.id ?? null,
    productTitle: product.title,
    variantTitle: variant?.title || null,
    sku: variant ? variant.sku : onlySku(product),
    pricePaid: dealApplies ? deal.price : variant ? regularPrice(product, variant) : pin.variantId === null ? pin.card.price : regularPrice(product, null),
    currency: (dealApplies ? deal.currency : null) ?? currencyOf(product) ?? pin.card.currency,
    dealId: dealApplies ? deal.id : null,
    auctionId: null,
    status: d.confirmed ? 'confirmed' : 'waitlisted',
    claimedAt: d.message.ts,
  };
}

/** The regular price of a variant, or of the whole product as its card shows it ("from" the cheapest). */
export function regularPrice(product: ProductDetail, variant: Variant | null): Money | null {
  if (variant) return variant.price !== null && isMoney(variant.price) ? variant.price : null;
  try {
    return buildProductCard(product, null).price;
  } catch {
    return null;
  }
}

export function currencyOf(product: ProductDetail): string | null {
  const code = product.currency?.trim().toUpperCase() ?? '';
  return /^[A-Z]{3}$/.test(code) ? code : null;
}

/** A product-level claim has a SKU only when the product has one variant. */
export function onlySku(product: ProductDetail): string | null {
  return product.variants.length === 1 ? (product.variants[0]!.sku ?? null) : null;
}

export function unitName(claim: Pick<Claim, 'productTitle' | 'variantTitle'>): string {
  return claim.variantTitle ? `${claim.productTitle} (${claim.variantTitle})` : claim.productTitle;
}

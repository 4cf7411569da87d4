import type { ProductCard } from './product-card.js';

/**
 * The embedded player's postMessage API (docs/embed.md), shared by the
 * player (src/sfu/viewer/embed-bridge.ts), the loader a seller pastes
 * (src/sfu/embed/embed-loader.ts) and the SFU that serves both. Pure: no DOM.
 *
 * Every message is a plain object with a `type` starting "lss:". The player
 * posts only to its parent, only with that parent's origin as the target,
 * and only when that origin is one the SFU allows to frame it; it accepts
 * messages only from that window and origin, and only of the shapes below.
 */

/** The `<meta name>` through which the SFU tells the player which origins may frame it. */
export const EMBED_ORIGINS_META = 'lss-embed-origins';

/** How long the player waits for the page's `lss:buy-handled` before opening the Buy link itself (inside the click's user activation). */
export const BUY_HANDLED_WAIT_MS = 700;

/** A buy click always asks for one: the store's cart page changes the quantity. */
export const BUY_QUANTITY = 1;

export interface ProductShownMessage {
  readonly type: 'lss:product-shown';
  readonly productId: string;
  readonly title: string;
  /** The variant's name ("M / Blue"), or null. */
  readonly variant: string | null;
  readonly variantId: string | null;
  readonly sku: string | null;
  /** The price now: the deal's while a flash deal runs. A decimal string in major units ("19.99"), or null. */
  readonly price: string | null;
  readonly currency: string | null;
}

export interface BuyClickedMessage {
  readonly type: 'lss:buy-clicked';
  readonly productId: string;
  /** The store's variant id when the catalog carries one (Shopify "Variant ID", WooCommerce variation), else null. */
  readonly variantId: string | null;
  readonly sku: string | null;
  readonly quantity: number;
  /** The Buy link the player opens unless the page answers `lss:buy-handled`. */
  readonly url: string;
}

export type PlayerMessage =
  | { readonly type: 'lss:ready'; readonly show: string; readonly live: boolean }
  | { readonly type: 'lss:show-started'; readonly show: string }
  | { readonly type: 'lss:show-ended'; readonly show: string }
  | ProductShownMessage
  | BuyClickedMessage
  /** Asked by the viewer inside the mini-player (a tap on "Open"): the loader makes the frame big. */
  | { readonly type: 'lss:expand' };

/** From the embedding page: open (full player) or close (back to the mini-player); the page added a product to its own cart. */
export type PageMessage =
  | { readonly type: 'lss:open' }
  | { readonly type: 'lss:close' }
  | { readonly type: 'lss:buy-handled'; readonly productId: string };

const PRODUCT_ID_MAX = 64;

/** A page message of a known shape, or null (anything else is ignored, never thrown on). */
export function parsePageMessage(data: unknown): PageMessage | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const { type, productId } = data as { type?: unknown; productId?: unknown };
  if (type === 'lss:open' || type === 'lss:close') return { type };
  if (type === 'lss:buy-handled' && typeof productId === 'string' && productId.length > 0 && productId.length <= PRODUCT_ID_MAX) {
    return { type, productId };
  }
  return null;
}

/** What the loader acts on from the player: only `lss:expand` and `lss:ready` (the rest is for the page's own code). */
export function parsePlayerMessageType(data: unknown): PlayerMessage['type'] | null {
  if (typeof data !== 'object' || data === null) return null;
  const type = (data as { type?: unknown }).type;
  return type === 'lss:expand' || type === 'lss:ready' ? type : null;
}

/**
 * The parent the player may talk to: the origin the loader says framed it
 * (`?origin=`), when it is on the SFU's allow-list and agrees with what the
 * browser reports as the frame's ancestor (Chromium and Safari do;
 * Firefox has no `ancestorOrigins`). null: a player opened on its own, or
 * an origin that is not allowed: it plays, and posts nothing.
 * Even a lying `?origin=` gains nothing: postMessage delivers only when the
 * target origin is the parent's real one.
 */
export function embedParentOrigin(claimed: string | null, ancestor: string | null, allowed: readonly string[]): string | null {
  if (claimed === null || !allowed.includes(claimed)) return null;
  if (ancestor !== null && ancestor !== claimed) return null;
  return claimed;
}

/** The pinned card as the page hears of it (the deal's price while the deal runs). */
export function productShownMessage(card: ProductCard, serverNow: number): ProductShownMessage {
  const dealRunning = card.deal !== null && serverNow >= card.deal.startedAt && serverNow < card.deal.endsAt;
  return {
    type: 'lss:product-shown',
    productId: card.productId,
    title: card.title,
    variant: card.variantTitle,
    variantId: card.variantId ?? null,
    sku: card.sku ?? null,
    price: dealRunning ? card.deal!.price : card.price,
    currency: card.currency,
  };
}

export function buyClickedMessage(card: ProductCard, url: string): BuyClickedMessage {
  return { type: 'lss:buy-clicked', productId: card.productId, variantId: card.variantId ?? null, sku: card.sku ?? null, quantity: BUY_QUANTITY, url };
}

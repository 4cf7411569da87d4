/**
 * The Buy links viewers open (issue 19): from the seller's store settings,
 * what the catalog import kept of a product (its platform IDs, handle and own
 * link) and the show, the address that puts the product in the store's cart.
 *
 * Pure: no database, no settings service. Every link that leaves here was
 * checked (see `checkBuyLink`) and carries UTM parameters naming the show, so
 * the store's analytics attribute the sale.
 *
 * Which link, in order:
 * 1. The product's own link (an imported "link"/buy URL: a Google feed item's
 *    `link`, a WooCommerce external product, a generic CSV's URL column).
 *    https only; it may point to another host than the store's: the seller
 *    put it in their own catalog file (a marketplace listing, a landing page).
 * 2. Built from the store settings, only for products imported from that
 *    platform's export (a WooCommerce ID means nothing to a Shopify store):
 *    - Shopify with the variant's ID: the cart permalink
 *      `https://<store>/cart/<variantId>:<qty>`;
 *    - Shopify without it: the product page `/products/<handle>` (with
 *      `?variant=<id>` when the target is the page and the ID is known);
 *    - WooCommerce: `<store>/?add-to-cart=<id>` (a variation: the parent's
 *      ID there and `variation_id=<id>`), `quantity` above 1.
 *    A built link must be https on the store's own host.
 * 3. None: the card has no Buy button.
 */
import type { CatalogFormat } from '../../shared/domain/catalog.js';
import type { StoreSettings } from '../../shared/domain/store-settings.js';
import { slugify } from '../catalog/import/product-draft.js';

/** What a Buy link reads of a catalog product (ProductDetail fits). */
export interface BuyLinkProduct {
  readonly id: number;
  readonly title: string;
  readonly sourceFormat: CatalogFormat;
  /** Shopify: the product's handle. */
  readonly sourceKey: string;
  readonly buyUrl: string | null;
  /** The product's ID in the store (Shopify product ID, WooCommerce product or parent ID); null when the file had none. */
  readonly platformId: string | null;
  readonly variants: readonly BuyLinkVariant[];
}

export interface BuyLinkVariant {
  readonly id: number;
  /** The variant's ID in the store (Shopify Variant ID, WooCommerce variation ID); null when the file had none. */
  readonly platformId: string | null;
}

/** The show a link is attributed to. */
export interface BuyLinkShow {
  readonly id: number;
  readonly name: string;
}

export type BuyLinkStore = Pick<StoreSettings, 'platform' | 'url'>;

export type BuyLinkKind = 'own' | 'shopify-cart' | 'shopify-product' | 'woocommerce';

export interface BuyLink {
  readonly url: string;
  readonly kind: BuyLinkKind;
}

export interface BuyLinkOptions {
  /** Units in the cart (1 when left out); only cart links carry it. */
  readonly quantity?: number;
  /** Shopify: 'page' opens the product page on the variant instead of filling the cart. */
  readonly target?: 'cart' | 'page';
}

export const UTM_SOURCE = 'live-seller-studio';
export const UTM_MEDIUM = 'live';
/** Longest link a card carries (the card schema's limit for URLs). */
export const BUY_LINK_MAX_LENGTH = 2000;

/**
 * The Buy link for a product, or for one of its variants (`variantId`; null:
 * the whole product — a single-variant product then still fills the cart),
 * or null when there is none that passes the checks.
 */
export function buildBuyLink(
  store: BuyLinkStore,
  product: BuyLinkProduct,
  variantId: number | null,
  show: BuyLinkShow | null,
  options: BuyLinkOptions = {},
): BuyLink | null {
  const own = product.buyUrl?.trim() ?? '';
  if (own !== '') {
    const url = checkBuyLink(withUtm(own, show), null);
    // A refused own link does not fall through to a built one: the seller chose where this product is sold.
    return url === null ? null : { url, kind: 'own' };
  }
  const built = builtLink(store, product, variantId, quantityOf(options.quantity), options.target ?? 'cart');
  if (built === null) return null;
  const url = checkBuyLink(withUtm(built.url, show), storeHost(store.url));
  return url === null ? null : { url, kind: built.kind };
}

export interface CartItem {
  readonly product: BuyLinkProduct;
  readonly variantId: number | null;
  readonly quantity: number;
}

export interface CartLinks {
  /** One link filling the cart with every item in `items` (Shopify); null where the platform cannot. */
  readonly cart: (BuyLink & { readonly items: readonly CartItem[] }) | null;
  /** One link per item left (not in `cart`), in the order given; `link` null: no link for that item. */
  readonly perItem: readonly { readonly item: CartItem; readonly link: BuyLink | null }[];
}

/**
 * Links for several items at once (a buyer's claims): on Shopify one cart
 * permalink with every item that has a variant ID (`/cart/11:2,12:1`, the
 * same variant's quantities added up); every other item (own links, other
 * platforms, Shopify products without IDs) gets its own link.
 */
export function buildCartLinks(store: BuyLinkStore, items: readonly CartItem[], show: BuyLinkShow | null): CartLinks {
  const inCart: CartItem[] = [];
  const quantities = new Map<string, number>();
  const rest: CartItem[] = [];
  for (const item of items) {
    const variantPlatformId = store.platform === 'shopify' ? shopifyVariantId(item.product, item.variantId) : null;
    if (variantPlatformId === null || (item.product.buyUrl?.trim() ?? '') !== '') {
      rest.push(item);
      continue;
    }
    inCart.push(item);
    quantities.set(variantPlatformId, (quantities.get(variantPlatformId) ?? 0) + quantityOf(item.quantity));
  }
  let cart: CartLinks['cart'] = null;
  const host = storeHost(store.url);
  if (inCart.length > 0 && host !== null) {
    const pairs = [...quantities].map(([id, qty]) => `${id}:${qty}`).join(',');
    const url = checkBuyLink(withUtm(storePath(store.url, `/cart/${pairs}`), show), host);
    if (url !== null) cart = { url, kind: 'shopify-cart', items: inCart };
    else rest.unshift(...inCart);
  } else {
    rest.unshift(...inCart);
  }
  const order = new Map(items.map((item, i) => [item, i]));
  rest.sort((a, b) => order.get(a)! - order.get(b)!);
  return {
    cart,
    perItem: rest.map((item) => ({ item, link: buildBuyLink(store, item.product, item.variantId, show, { quantity: item.quantity }) })),
  };
}

/**
 * The link as it may reach a viewer, or null: https, no user name or
 * password, at most BUY_LINK_MAX_LENGTH characters, and on `host` when given
 * (links built from the store settings must stay on the store).
 */
export function checkBuyLink(url: string | null, host: string | null): string | null {
  if (url === null || url.length > BUY_LINK_MAX_LENGTH) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') return null;
  if (host !== null && parsed.host !== host) return null;
  return parsed.href;
}

/**
 * The show's UTM parameters on a link: utm_source, utm_medium and
 * utm_campaign are set once each (an imported link's own values for these
 * three are replaced, never repeated: the sale came from this show); other
 * parameters stay as they were. Null when the text is not a URL.
 */
export function withUtm(url: string, show: BuyLinkShow | null): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  parsed.searchParams.set('utm_source', UTM_SOURCE);
  parsed.searchParams.set('utm_medium', UTM_MEDIUM);
  if (show !== null) parsed.searchParams.set('utm_campaign', showCampaign(show));
  return parsed.href;
}

/** "Friday Drop #12" -> "friday-drop-12"; a name with no letters or digits: "show-<id>". */
export function showCampaign(show: BuyLinkShow): string {
  return slugify(show.name).slice(0, 80).replace(/-+$/, '') || `show-${show.id}`;
}

function builtLink(
  store: BuyLinkStore,
  product: BuyLinkProduct,
  variantId: number | null,
  quantity: number,
  target: 'cart' | 'page',
): { url: string; kind: BuyLinkKind } | null {
  if (storeHost(store.url) === null || product.sourceFormat !== store.platform) return null;
  if (store.platform === 'shopify') {
    const variantPlatformId = shopifyVariantId(product, variantId);
    if (variantPlatformId !== null && target === 'cart') {
      return { url: storePath(store.url, `/cart/${variantPlatformId}:${quantity}`), kind: 'shopify-cart' };
    }
    const handle = product.sourceKey.trim();
    if (handle === '') return null;
    const page = storePath(store.url, `/products/${encodeURIComponent(handle)}`);
    return { url: variantPlatformId === null ? page : `${page}?variant=${variantPlatformId}`, kind: 'shopify-product' };
  }
  if (store.platform === 'woocommerce') {
    const parentId = numericId(product.platformId);
    if (parentId === null) return null;
    const variant = chosenVariant(product, variantId);
    const variationId = variant === null ? null : numericId(variant.platformId);
    const params = new URLSearchParams({ 'add-to-cart': parentId });
    if (variationId !== null && variationId !== parentId) params.set('variation_id', variationId);
    // A variable product without a chosen variation cannot go in the cart: its page lets the buyer choose.
    else if (product.variants.some((v) => numericId(v.platformId) !== null && numericId(v.platformId) !== parentId)) return null;
    if (quantity > 1) params.set('quantity', String(quantity));
    return { url: `${storePath(store.url, '/')}?${params.toString()}`, kind: 'woocommerce' };
  }
  return null;
}

/** The Shopify variant ID a link can use: the chosen variant's, or the only variant's for a whole product. */
function shopifyVariantId(product: BuyLinkProduct, variantId: number | null): string | null {
  if (product.sourceFormat !== 'shopify') return null;
  const variant = chosenVariant(product, variantId);
  return variant === null ? null : numericId(variant.platformId);
}

function chosenVariant(product: BuyLinkProduct, variantId: number | null): BuyLinkVariant | null {
  if (variantId !== null) return product.variants.find((v) => v.id === variantId) ?? null;
  return product.variants.length === 1 ? product.variants[0]! : null;
}

/** Store IDs are digits (Shopify's are up to ~14 digits: kept as text, never a float). */
function numericId(id: string | null): string | null {
  const text = id?.trim() ?? '';
  return /^[0-9]{1,20}$/.test(text) ? text : null;
}

function quantityOf(quantity: number | undefined): number {
  return quantity !== undefined && Number.isInteger(quantity) && quantity > 0 ? Math.min(quantity, 999) : 1;
}

/** The store's host ("shop.example.com", with its port if any), or null when no https store is set. */
export function storeHost(storeUrl: string): string | null {
  try {
    const u = new URL(storeUrl.trim());
    return u.protocol === 'https:' && u.hostname !== '' ? u.host : null;
  } catch {
    return null;
  }
}

/** `path` under the store's address, keeping a base path ("https://example.com/shop" + "/cart/1:1"). */
function storePath(storeUrl: string, path: string): string {
  const u = new URL(storeUrl.trim());
  const base = u.pathname.replace(/\/+$/, '');
  return `${u.origin}${base}${path}`;
}

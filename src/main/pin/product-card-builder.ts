import { StudioError } from '../../shared/api/result.js';
import type { ProductDetail, Variant } from '../../shared/domain/catalog.js';
import { compareMoney, isMoney } from '../../shared/domain/money.js';
import { PRODUCT_CARD_LIMITS, productCardSchema, type ProductCard } from '../../shared/sfu/product-card.js';

/**
 * Builds the card viewers see from a catalog product (or one variant).
 *
 * Catalogs come from store exports and are messy: an http:// store link, a
 * price with four decimals, a negative stock count, a 300-character title.
 * A pin must not fail over any of that mid-show, so each optional field the
 * card would refuse is left out (null) instead, and text is trimmed to the
 * card's limits. Only a product with no usable title cannot be pinned.
 *
 * `buyUrl`: the Buy link made from the store settings and the show
 * (src/main/store/buy-links.ts); left out, the product's own link.
 */
/** The pictures the studio keeps (src/main/media/picture-store.ts): the card names one by its id. */
export interface PictureLookup {
  /** The picture the host gave the product itself. */
  productPicture(productId: number): string | null;
  /** The kept file of an imported picture address. */
  mediaForUrl(url: string): string | null;
}

export function buildProductCard(
  product: ProductDetail,
  variantId: number | null,
  buyUrl: string | null = product.buyUrl,
  pictures?: PictureLookup,
): ProductCard {
  const variant = variantId === null ? null : product.variants.find((v) => v.id === variantId);
  if (variant === undefined) throw new StudioError('not-found', 'That variant is no longer part of this product.');
  const priced = variant ?? representativeVariant(product.variants);
  const price = money(priced?.price ?? null);
  const compareAt = money(priced?.compareAtPrice ?? null);
  const card = {
    productId: variant ? `${product.id}:${variant.id}` : String(product.id),
    title: cardText(product.title, PRODUCT_CARD_LIMITS.title),
    variantTitle: variant ? cardText(variant.title, PRODUCT_CARD_LIMITS.variantTitle) : null,
    price,
    // A "was" price only makes sense above the price.
    compareAtPrice: price !== null && compareAt !== null && compareMoney(compareAt, price) > 0 ? compareAt : null,
    currency: product.currency?.trim().toUpperCase() ?? null,
    imageUrl: firstUsableImage([variant?.imageUrl ?? null, ...imagesOf(product)]),
    stock: variant ? stockOf(variant.stock) : totalStock(product.variants),
    buyUrl: buyUrl?.trim() ?? null,
    // A product pinned whole has no one SKU (nor store variant id) unless it has one variant.
    sku: (variant ?? (product.variants.length === 1 ? product.variants[0] : null))?.sku?.trim() || null,
    // The store's own id for the variant (Shopify "Variant ID", WooCommerce variation): what a store page adds to its cart.
    variantId: (variant ?? (product.variants.length === 1 ? product.variants[0] : null))?.platformId?.trim() || null,
    deal: null,
  };
  if (card.title === null) throw new StudioError('invalid-input', 'This product has no title to show on the card.');
  const imageId = pictures ? keptPicture(product.id, [variant?.imageUrl ?? null, ...imagesOf(product)], pictures) : null;
  return productCardSchema.parse({ ...withoutRefusedFields({ ...card, title: card.title }), ...(imageId ? { imageId } : {}) });
}

type CardDraft = { [K in keyof ProductCard]: ProductCard[K] | string | number | null };

/** Replaces every optional field the card schema refuses with null. */
function withoutRefusedFields(draft: CardDraft): CardDraft {
  const shape = productCardSchema.shape;
  const out: Record<string, unknown> = { ...draft };
  for (const key of ['variantTitle', 'price', 'compareAtPrice', 'currency', 'imageUrl', 'stock', 'buyUrl', 'sku', 'variantId'] as const) {
    if (out[key] !== null && !shape[key].safeParse(out[key]).success) out[key] = null;
  }
  return out as CardDraft;
}

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Control and bidi characters out, whitespace collapsed, cut at the limit with an ellipsis. */
function cardText(text: string, max: number): string | null {
  const clean = text.replace(UNSAFE_TEXT, ' ').replace(/\s+/g, ' ').trim();
  if (clean === '') return null;
  if (clean.length <= max) return clean;
  // Cut by code point (never half an emoji) while counting UTF-16 units, as the schema does.
  let cut = '';
  for (const char of clean) {
    if (cut.length + char.length > max - 1) break;
    cut += char;
  }
  return `${cut.trimEnd()}…`;
}

/** A price the card shows exactly: at most 4 decimals, as the schema wants. */
function money(value: string | null): string | null {
  return value !== null && isMoney(value) ? value : null;
}

/** For a whole product: its only variant, or the cheapest ("from 19.99"). */
function representativeVariant(variants: readonly Variant[]): Variant | null {
  let best: Variant | null = null;
  for (const v of variants) {
    if (v.price === null || !isMoney(v.price)) continue;
    if (best === null || compareMoney(v.price, best.price!) < 0) best = v;
  }
  return best ?? variants[0] ?? null;
}

/** The product's images in order, then its variants' (some exports only have those). */
function imagesOf(product: ProductDetail): (string | null)[] {
  const images = [...product.images].sort((a, b) => a.position - b.position).map((i) => i.url);
  return [...images, ...product.variants.map((v) => v.imageUrl)];
}

/** The first image a viewer's browser can load (a relative or data: URL in a feed is skipped). */
function firstUsableImage(candidates: readonly (string | null)[]): string | null {
  const imageUrl = productCardSchema.shape.imageUrl;
  return candidates.find((url) => url !== null && imageUrl.safeParse(url.trim()).success)?.trim() ?? null;
}

/** The host's own picture, else the first kept file among the image addresses (in the card's order). */
function keptPicture(productId: number, candidates: readonly (string | null)[], pictures: PictureLookup): string | null {
  const own = pictures.productPicture(productId);
  if (own !== null) return own;
  for (const url of candidates) {
    const kept = url === null ? null : pictures.mediaForUrl(url.trim());
    if (kept !== null) return kept;
  }
  return null;
}

/** Store exports carry oversold stock as negative numbers: the card shows 0 ("sold out"). */
function stockOf(stock: number | null): number | null {
  return stock === null ? null : Math.max(0, stock);
}

/** Units left across variants; null when none is tracked. */
function totalStock(variants: readonly Variant[]): number | null {
  const tracked = variants.filter((v) => v.stock !== null);
  if (tracked.length === 0) return null;
  return tracked.reduce((sum, v) => sum + stockOf(v.stock)!, 0);
}

/**
 * What a product item shows, read live from the catalog. An item may name a
 * variant ("the blue one in M") or just the product; for the latter the
 * product is summed up: its only variant, or the lowest price and the total
 * stock across variants.
 */
import type { RundownProduct } from '../../shared/domain/rundown.js';
import { optionValuesOf, type VariantRecord } from '../catalog/catalog-rows.js';
import { variantTitle } from '../catalog/catalog-search-text.js';
import { priceRange } from '../catalog/price-order.js';

export interface ProductFacts {
  readonly productId: number;
  readonly title: string;
  readonly currency: string | null;
  readonly buyUrl: string | null;
  readonly firstImageUrl: string | null;
}

export function variantProduct(facts: ProductFacts, variant: VariantRecord): RundownProduct {
  return {
    productId: facts.productId,
    variantId: variant.id,
    title: facts.title,
    variantTitle: variantTitle(optionValuesOf(variant)),
    sku: variant.sku,
    price: variant.price,
    compareAtPrice: variant.compare_at_price,
    currency: facts.currency,
    stock: variant.stock,
    imageUrl: variant.image_url ?? facts.firstImageUrl,
    buyUrl: facts.buyUrl,
    variantsCovered: 1,
  };
}

export function wholeProduct(facts: ProductFacts, variants: readonly VariantRecord[]): RundownProduct {
  const only = variants.length === 1 ? variants[0] : undefined;
  if (only) return { ...variantProduct(facts, only), variantId: null };
  // The lowest price ("from 19.99") with its compare-at price, and the stock across variants.
  const { min } = priceRange(variants.map((v) => v.price));
  const lowest = min === null ? undefined : variants.find((v) => v.price === min);
  const tracked = variants.filter((v) => v.stock !== null);
  const stock = tracked.length > 0 ? tracked.reduce((sum, v) => sum + v.stock!, 0) : null;
  return {
    productId: facts.productId,
    variantId: null,
    title: facts.title,
    variantTitle: '',
    sku: null,
    price: lowest?.price ?? null,
    compareAtPrice: lowest?.compare_at_price ?? null,
    currency: facts.currency,
    stock,
    imageUrl: facts.firstImageUrl ?? variants.find((v) => v.image_url !== null)?.image_url ?? null,
    buyUrl: facts.buyUrl,
    variantsCovered: variants.length,
  };
}

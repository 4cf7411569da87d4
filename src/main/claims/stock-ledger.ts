import type { ProductDetail } from '../../shared/domain/catalog.js';
import type { ProductStockLeft } from '../../shared/domain/selling.js';
import type { ClaimStore } from './claim-store.js';

/** The catalog as the ledger reads it. */
export interface ProductReader {
  getProduct(productId: number): ProductDetail;
}

/** Units left of a product in a show; null: not tracked (unlimited). */
export interface Availability {
  /** The whole product: tracked stock minus confirmed claims on tracked variants and on the product itself. */
  readonly product: number | null;
  variant(variantId: number): number | null;
}

/**
 * Units left, computed in one place: the catalog's stock minus the show's
 * confirmed claims, per variant and per product; untracked stock (null)
 * never runs out. There is no store order sync yet: a confirmed claim is
 * the sale. The claim rules decide with it, and every screen shows it —
 * the pinned card and the watch page ("N left"), the rundown's product
 * rows and the Claims tab — so none of them can disagree.
 */
export class StockLedger {
  constructor(
    private readonly claims: Pick<ClaimStore, 'confirmedByVariant' | 'confirmedUnits'>,
    private readonly catalog: ProductReader,
  ) {}

  /** Units left of a product (or variant) in a show after its confirmed claims; null: not tracked. */
  stockLeft(showId: number | null, productId: number, variantId: number | null, catalogStock: number | null): number | null {
    if (catalogStock === null) return null;
    const product = findProduct(this.catalog, productId);
    if (!product) return Math.max(0, catalogStock - this.claims.confirmedUnits(showId, productId, variantId));
    const left = this.availability(showId, product);
    if (variantId === null) return left.product;
    const variant = left.variant(variantId);
    // A variant's units also run out when product-level claims took the product's last ones.
    if (variant === null) return left.product;
    return left.product === null ? variant : Math.min(variant, left.product);
  }

  /** A product's units left in a show, whole and per variant (each as stockLeft gives it); null: not in the catalog. */
  productStock(showId: number | null, productId: number): ProductStockLeft | null {
    const product = findProduct(this.catalog, productId);
    if (!product) return null;
    const left = this.availability(showId, product);
    const variants = product.variants.map((v) => {
      const variant = left.variant(v.id);
      const units = variant === null ? left.product : left.product === null ? variant : Math.min(variant, left.product);
      return { variantId: v.id, title: v.title, left: units };
    });
    return { productId: product.id, title: product.title, left: left.product, variants };
  }

  /**
   * Units left now (`except`: a claim whose own unit does not count, when it
   * is being moved). Product-level claims take from the product's tracked
   * total; a product with an untracked variant never runs out as a whole
   * (that variant can always fill the claim).
   */
  availability(showId: number | null, product: ProductDetail, except = 0): Availability {
    const confirmed = this.claims.confirmedByVariant(showId, product.id, except);
    const taken = (variantId: number | null) => confirmed.get(variantId) ?? 0;
    let trackedTotal = 0;
    let untracked = false;
    for (const v of product.variants) {
      if (v.stock === null) untracked = true;
      else trackedTotal += Math.max(0, v.stock) - taken(v.id);
    }
    // Claims on variants since removed from the catalog were product-level units too.
    const known = new Set(product.variants.map((v) => v.id));
    let otherUnits = taken(null);
    for (const [variantId, n] of confirmed) if (variantId !== null && !known.has(variantId)) otherUnits += n;
    const productLeft = untracked || product.variants.length === 0 ? null : Math.max(0, trackedTotal - otherUnits);
    return {
      product: productLeft,
      variant: (variantId) => {
        const v = product.variants.find((x) => x.id === variantId);
        if (!v || v.stock === null) return null;
        return Math.max(0, Math.max(0, v.stock) - taken(v.id));
      },
    };
  }
}

/** Is there a unit for a claim on this variant (null: the product as a whole)? */
export function fits(left: Availability, variantId: number | null): boolean {
  if (left.product !== null && left.product <= 0) return false;
  if (variantId === null) return true;
  const variant = left.variant(variantId);
  return variant === null || variant > 0;
}

/** The product, or null when it was removed from the catalog (claims keep their copied titles). */
export function findProduct(catalog: ProductReader, productId: number): ProductDetail | null {
  try {
    return catalog.getProduct(productId);
  } catch {
    return null;
  }
}

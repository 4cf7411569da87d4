/**
 * "+ Rundown" on a product with variants (runs in the renderer, tested in
 * Node). A host selling a T-shirt in three sizes wants one rundown item for
 * the shirt: pinned once, its card shows "from" the lowest price and the
 * stock across sizes, and viewers claim their size in chat ("sold blue L").
 * When only some variants are on the table, each picked variant becomes its
 * own item, with its own card, price and stock.
 */

export interface ChoosableProduct {
  readonly id: number;
  readonly title: string;
  readonly variants: readonly { readonly id: number; readonly title: string }[];
}

export type VariantChoice = { readonly kind: 'all' } | { readonly kind: 'some'; readonly variantIds: readonly number[] };

/** What goes into the rundown: the product (variantId null: all its variants) or one item per picked variant. */
export interface ProductPick {
  readonly productId: number;
  readonly variantId: number | null;
}

/** The choice is worth asking only when there is more than one variant. */
export function needsVariantChoice(product: ChoosableProduct): boolean {
  return product.variants.length > 1;
}

/** The items to add, picked variants in the catalog's order; none when nothing is picked. */
export function picksFor(product: ChoosableProduct, choice: VariantChoice): ProductPick[] {
  if (choice.kind === 'all') return [{ productId: product.id, variantId: null }];
  const picked = new Set(choice.variantIds);
  return product.variants.filter((v) => picked.has(v.id)).map((v) => ({ productId: product.id, variantId: v.id }));
}

/** The add button's words: "Add to rundown", "Add 1 item", "Add 3 items". */
export function addButtonLabel(product: ChoosableProduct, choice: VariantChoice): string {
  if (choice.kind === 'all') return 'Add to rundown';
  const n = picksFor(product, choice).length;
  return n === 0 ? 'Pick a variant' : `Add ${n} ${n === 1 ? 'item' : 'items'}`;
}

/** What was added, for the catalog's notice: "Example T-Shirt (all 12 variants)", "Example T-Shirt — Blue / M", "2 variants of Example T-Shirt". */
export function addedLabel(product: ChoosableProduct, choice: VariantChoice): string {
  if (choice.kind === 'all') {
    return product.variants.length > 1 ? `${product.title} (all ${product.variants.length} variants)` : product.title;
  }
  const picks = picksFor(product, choice);
  if (picks.length === 1) {
    const variant = product.variants.find((v) => v.id === picks[0]!.variantId);
    return variant?.title ? `${product.title} — ${variant.title}` : product.title;
  }
  return `${picks.length} variants of ${product.title}`;
}

/** Ticking a variant box: it joins or leaves the picked ones (and the choice becomes "some"). */
export function toggleVariant(choice: VariantChoice, variantId: number): VariantChoice {
  const current = choice.kind === 'some' ? choice.variantIds : [];
  return {
    kind: 'some',
    variantIds: current.includes(variantId) ? current.filter((id) => id !== variantId) : [...current, variantId],
  };
}

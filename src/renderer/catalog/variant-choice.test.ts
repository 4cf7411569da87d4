import { describe, expect, it } from 'vitest';
import { addButtonLabel, addedLabel, needsVariantChoice, picksFor, toggleVariant, type ChoosableProduct } from './variant-choice.js';

const tee: ChoosableProduct = {
  id: 7,
  title: 'Example T-Shirt',
  variants: [
    { id: 70, title: 'S' },
    { id: 71, title: 'M' },
    { id: 72, title: 'L' },
  ],
};
const beanie: ChoosableProduct = { id: 9, title: 'Example Beanie', variants: [{ id: 90, title: '' }] };

describe('+ Rundown on a product with variants', () => {
  it('asks only when there is more than one variant', () => {
    expect(needsVariantChoice(tee)).toBe(true);
    expect(needsVariantChoice(beanie)).toBe(false);
  });

  it('all variants: one item for the whole product', () => {
    expect(picksFor(tee, { kind: 'all' })).toEqual([{ productId: 7, variantId: null }]);
    expect(addButtonLabel(tee, { kind: 'all' })).toBe('Add to rundown');
    expect(addedLabel(tee, { kind: 'all' })).toBe('Example T-Shirt (all 3 variants)');
  });

  it('only some: one item per picked variant, in the catalog order, whatever order they were ticked in', () => {
    const choice = toggleVariant(toggleVariant({ kind: 'all' }, 72), 70);
    expect(choice).toEqual({ kind: 'some', variantIds: [72, 70] });
    expect(picksFor(tee, choice)).toEqual([
      { productId: 7, variantId: 70 },
      { productId: 7, variantId: 72 },
    ]);
    expect(addButtonLabel(tee, choice)).toBe('Add 2 items');
    expect(addedLabel(tee, choice)).toBe('2 variants of Example T-Shirt');
    expect(addedLabel(tee, toggleVariant(choice, 72))).toBe('Example T-Shirt — S');
    expect(addButtonLabel(tee, toggleVariant(choice, 72))).toBe('Add 1 item');
  });

  it('nothing picked adds nothing; a variant no longer in the product is left out', () => {
    const none = toggleVariant(toggleVariant({ kind: 'all' }, 71), 71);
    expect(picksFor(tee, none)).toEqual([]);
    expect(addButtonLabel(tee, none)).toBe('Pick a variant');
    expect(picksFor(tee, { kind: 'some', variantIds: [71, 999] })).toEqual([{ productId: 7, variantId: 71 }]);
  });
});

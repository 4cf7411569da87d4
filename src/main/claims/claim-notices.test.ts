import { describe, expect, it } from 'vitest';
import type { Variant } from '../../shared/domain/catalog.js';
import { NOTICE_MAX_CHARS, confirmedNotice, limitNotice, movedNotice, whichOptionNotice } from './claim-notices.js';

const variant = (id: number, optionValues: string[]): Variant => ({
  id,
  productId: 1,
  position: id,
  sku: null,
  barcode: null,
  optionValues,
  title: optionValues.join(' / '),
  price: '10.00',
  compareAtPrice: null,
  stock: 1,
  imageUrl: null,
  platformId: null,
});

describe('claim notices', () => {
  it('asks about every option that differs, with an example the viewer can copy', () => {
    const variants = [variant(1, ['S', 'Red']), variant(2, ['M', 'Red']), variant(3, ['M', 'Green'])];
    const product = { title: 'Hoodie', optionNames: ['Size', 'Colour'], variants };
    expect(whichOptionNotice(product, variants[2]!)).toBe('Which one? Hoodie comes in S, M and Red, Green — reply e.g. "sold M Green".');
    const sizes = { title: 'Cap', optionNames: ['Size', 'Colour'], variants: [variant(1, ['S', 'Red']), variant(2, ['L', 'Red'])] };
    expect(whichOptionNotice(sizes, null)).toBe('Which size? Cap comes in S, L — reply e.g. "sold S".');
    expect(whichOptionNotice({ title: 'Mug', optionNames: [], variants: [variant(1, [])] }, null)).toBe(
      `Sorry, Mug doesn't come in that option. Reply "sold" to claim it.`,
    );
  });

  it('lists at most twelve values', () => {
    const variants = Array.from({ length: 20 }, (_, i) => variant(i, [String(30 + i)]));
    const text = whichOptionNotice({ title: 'Jeans', optionNames: ['Waist'], variants }, null);
    expect(text).toBe('Which waist? Jeans comes in 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41… — reply e.g. "sold 30".');
  });

  it('stays within what the SFU relays, whatever the catalog titles', () => {
    const long = '🧥'.repeat(400);
    const texts = [
      confirmedNotice({ productTitle: long, variantTitle: long, pricePaid: '1.00', currency: 'USD' }, true),
      movedNotice({ productTitle: long, variantTitle: long, pricePaid: null, currency: null, status: 'waitlisted' }, 3),
      whichOptionNotice({ title: long, optionNames: ['A', 'B'], variants: [variant(1, [long, long]), variant(2, ['x'.repeat(300), 'y'])] }, null),
    ];
    for (const text of texts) {
      expect(text.length).toBeLessThanOrEqual(NOTICE_MAX_CHARS);
      expect(text).not.toMatch(/[\uD800-\uDBFF]$|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no half emoji
    }
  });

  it('says a claim without a price without one, and words the limit of one', () => {
    expect(confirmedNotice({ productTitle: 'Mug', variantTitle: null, pricePaid: null, currency: null }, false)).toBe(
      'You got it! Mug. The seller will send you checkout details.',
    );
    expect(limitNotice('Mug', 1)).toBe("You already have a claim on Mug — that's the limit per viewer for this show.");
  });
});

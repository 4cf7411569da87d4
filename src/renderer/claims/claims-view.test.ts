import { describe, expect, it } from 'vitest';
import type { Claim } from '../../shared/domain/selling.js';
import { claimProductLabel, claimTotals, unitsLeftOf, unitsLeftText, variantsLeftText, visibleClaims } from './claims-view.js';

let nextId = 1;
const claim = (over: Partial<Claim>): Claim => ({
  id: nextId++,
  showId: 1,
  messageId: null,
  viewerId: 'v1',
  viewerName: 'Anna',
  text: 'sold',
  productId: 1,
  variantId: null,
  productTitle: 'Linen dress',
  variantTitle: null,
  sku: 'LD-1',
  pricePaid: '19.99',
  currency: 'USD',
  dealId: null,
  auctionId: null,
  status: 'confirmed',
  claimedAt: 1000,
  updatedAt: 1000,
  note: null,
  contact: null,
  ...over,
});

describe('claimTotals', () => {
  it('counts each status and sums confirmed claims exactly (no float drift)', () => {
    const claims = [
      claim({ pricePaid: '0.10' }),
      claim({ pricePaid: '0.20' }),
      claim({ pricePaid: '19.99', status: 'waitlisted' }),
      claim({ pricePaid: '5', status: 'cancelled' }),
      claim({ pricePaid: null }),
    ];
    expect(claimTotals(claims)).toEqual({ confirmed: 3, waitlisted: 1, cancelled: 1, revenue: [{ currency: 'USD', amount: '0.30' }] });
  });

  it('does not add up different currencies into one number', () => {
    const t = claimTotals([claim({ currency: 'USD', pricePaid: '10' }), claim({ currency: 'EUR', pricePaid: '8' }), claim({ currency: 'USD', pricePaid: '2.50' })]);
    expect(t.revenue).toEqual([
      { currency: 'USD', amount: '12.50' },
      { currency: 'EUR', amount: '8' },
    ]);
  });

  it('is zero with no claims', () => {
    expect(claimTotals([])).toMatchObject({ confirmed: 0, revenue: [] });
  });
});

describe('visibleClaims', () => {
  const a = claim({ claimedAt: 1000, status: 'confirmed' });
  const b = claim({ claimedAt: 3000, status: 'waitlisted' });
  const c = claim({ claimedAt: 2000, status: 'cancelled' });

  it('lists newest first and filters by status', () => {
    expect(visibleClaims([a, b, c], 'all').map((x) => x.id)).toEqual([b.id, c.id, a.id]);
    expect(visibleClaims([a, b, c], 'waitlisted')).toEqual([b]);
    expect(visibleClaims([a, b, c], 'confirmed')).toEqual([a]);
  });

  it('keeps the order of claims sent in the same millisecond (by id)', () => {
    const first = claim({ claimedAt: 5000 });
    const second = claim({ claimedAt: 5000 });
    expect(visibleClaims([first, second], 'all').map((x) => x.id)).toEqual([second.id, first.id]);
  });
});

describe('claimProductLabel', () => {
  it('names the variant when there is one', () => {
    expect(claimProductLabel({ productTitle: 'Linen dress', variantTitle: 'M / Blue' })).toBe('Linen dress — M / Blue');
    expect(claimProductLabel({ productTitle: 'Mug', variantTitle: null })).toBe('Mug');
  });
});

describe('units left', () => {
  const shirt = {
    productId: 7,
    title: 'Linen Shirt',
    left: 18,
    variants: [
      { variantId: 70, title: 'S', left: 5 },
      { variantId: 71, title: 'M', left: 13 },
      { variantId: 72, title: 'L', left: 0 },
    ],
  };

  it('words the number as every screen does', () => {
    expect(unitsLeftText(18)).toBe('18 left');
    expect(unitsLeftText(0)).toBe('Sold out');
    expect(unitsLeftText(null)).toBe('stock not tracked');
    expect(variantsLeftText(shirt)).toBe('S 5 · M 13 · L sold out');
    expect(variantsLeftText({ ...shirt, variants: [{ variantId: 70, title: '', left: 3 }] })).toBeNull();
  });

  it('takes the show’s number for a claimed product, the catalog’s for one nothing was claimed of', () => {
    expect(unitsLeftOf([shirt], 7, 71, 15)).toBe(13);
    expect(unitsLeftOf([shirt], 7, null, 20)).toBe(18);
    expect(unitsLeftOf([shirt], 8, 80, 4)).toBe(4);
    expect(unitsLeftOf([shirt], 8, 80, -2)).toBe(0);
    expect(unitsLeftOf([shirt], 8, 80, null)).toBeNull();
  });
});

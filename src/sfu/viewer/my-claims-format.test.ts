import { describe, expect, it } from 'vitest';
import { claimLabel, claimPrice, claimStatusText, contactLine } from './my-claims-format.js';

describe('how a buyer’s claims read', () => {
  it('names the unit and its price', () => {
    expect(claimLabel({ product: 'Linen Shirt', variant: 'M' })).toBe('Linen Shirt — M');
    expect(claimLabel({ product: 'Mug', variant: null })).toBe('Mug');
    expect(claimPrice({ price: '35.00', currency: 'USD' }, 'en-US')).toBe('$35.00');
    expect(claimPrice({ price: null, currency: 'USD' })).toBeNull();
  });

  it('says where the claim stands, and when the seller changed it', () => {
    expect(claimStatusText({ status: 'confirmed', waitlistPlace: null, bySeller: null })).toBe('Confirmed');
    expect(claimStatusText({ status: 'waitlisted', waitlistPlace: 2, bySeller: null })).toBe('Waitlist #2');
    expect(claimStatusText({ status: 'cancelled', waitlistPlace: null, bySeller: 'cancelled' })).toBe('Cancelled by the seller');
    expect(claimStatusText({ status: 'confirmed', waitlistPlace: null, bySeller: 'moved' })).toBe('Confirmed · changed by the seller');
    expect(claimStatusText({ status: 'waitlisted', waitlistPlace: 1, bySeller: 'moved' })).toBe('Waitlist #1 · changed by the seller');
    expect(contactLine('@anna.shop')).toBe('The seller can reach you at @anna.shop');
  });
});

import { describe, expect, it } from 'vitest';
import type { RundownItem, RundownProduct } from '../../shared/domain/rundown.js';
import { hotkeyNumberOf, numberedProducts, pinHotkeyOf, pinTargetOf, type KeyLike } from './pin-hotkeys.js';

const key = (k: string, extra: Partial<KeyLike> = {}): KeyLike => ({ key: k, repeat: false, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...extra });

const product = (productId: number, variantId: number | null): RundownProduct => ({
  productId,
  variantId,
  title: `Product ${productId}`,
  variantTitle: '',
  sku: null,
  price: '10',
  compareAtPrice: null,
  currency: 'USD',
  stock: 3,
  imageUrl: null,
  buyUrl: null,
  variantsCovered: 1,
});

const item = (id: number, kind: 'product' | 'segment', p: RundownProduct | null = null): RundownItem => ({
  id,
  showId: 1,
  position: id - 1,
  kind,
  segmentType: kind === 'segment' ? 'intro' : null,
  title: kind === 'segment' ? `Segment ${id}` : `Item ${id}`,
  notes: '',
  plannedSeconds: null,
  product: p,
  actualSeconds: 0,
});

describe('pinHotkeyOf', () => {
  it('reads P, N, U and 1–9 in either case', () => {
    expect(pinHotkeyOf(key('p'))).toEqual({ kind: 'pin-current' });
    expect(pinHotkeyOf(key('P'))).toEqual({ kind: 'pin-current' }); // caps lock
    expect(pinHotkeyOf(key('n'))).toEqual({ kind: 'next' });
    expect(pinHotkeyOf(key('u'))).toEqual({ kind: 'unpin' });
    expect(pinHotkeyOf(key('1'))).toEqual({ kind: 'pin-number', number: 1 });
    expect(pinHotkeyOf(key('9'))).toEqual({ kind: 'pin-number', number: 9 });
  });

  it('ignores 0, other letters, auto-repeat and every modifier', () => {
    expect(pinHotkeyOf(key('0'))).toBeNull();
    expect(pinHotkeyOf(key('a'))).toBeNull();
    expect(pinHotkeyOf(key('F1'))).toBeNull();
    expect(pinHotkeyOf(key('p', { repeat: true }))).toBeNull();
    expect(pinHotkeyOf(key('p', { ctrlKey: true }))).toBeNull(); // Ctrl+P prints
    expect(pinHotkeyOf(key('p', { metaKey: true }))).toBeNull();
    expect(pinHotkeyOf(key('1', { altKey: true }))).toBeNull();
    expect(pinHotkeyOf(key('!', { shiftKey: true }))).toBeNull();
  });
});

describe('rundown numbers', () => {
  const items = [item(1, 'segment'), item(2, 'product', product(10, null)), item(3, 'segment'), item(4, 'product', product(11, 7))];

  it('numbers products only, in rundown order', () => {
    expect(numberedProducts(items).map((i) => i.id)).toEqual([2, 4]);
    expect(hotkeyNumberOf(items, 2)).toBe(1);
    expect(hotkeyNumberOf(items, 4)).toBe(2);
    expect(hotkeyNumberOf(items, 1)).toBeNull();
  });

  it('gives keys to the first nine products only', () => {
    const many = Array.from({ length: 12 }, (_, i) => item(i + 1, 'product', product(100 + i, null)));
    expect(hotkeyNumberOf(many, 9)).toBe(9);
    expect(hotkeyNumberOf(many, 10)).toBeNull();
  });
});

describe('pinTargetOf', () => {
  it('pins a product item with its variant and rundown item', () => {
    expect(pinTargetOf(item(4, 'product', product(11, 7)), 'none')).toEqual({ ok: true, pin: { productId: 11, variantId: 7, rundownItemId: 4 }, title: 'Item 4' });
  });

  it('explains why a segment, a deleted product or no item cannot be pinned', () => {
    expect(pinTargetOf(item(1, 'segment'), 'none')).toEqual({ ok: false, notice: '“Segment 1” is a segment: there is no product to pin.' });
    expect(pinTargetOf(item(5, 'product', null), 'none')).toEqual({ ok: false, notice: '“Item 5” is no longer in the catalog, so it cannot be pinned.' });
    expect(pinTargetOf(null, 'The show has not started.')).toEqual({ ok: false, notice: 'The show has not started.' });
  });
});

// @vitest-environment happy-dom
/**
 * The watch page's card in a DOM: the flash deal's countdown ticks on the
 * server's clock and turns into "Deal ended"; product text stays text.
 * (Real Chromium runs it in e2e/selling.spec.ts.)
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProductCard } from '../../shared/sfu/product-card.js';
import { ProductCardView } from './product-card-view.js';

const HOUR = 3_600_000;
const LOCAL_NOW = Date.UTC(2026, 10, 28, 19, 0, 0);

const card: ProductCard = {
  productId: '7',
  title: 'Silk scarf',
  variantTitle: null,
  price: '40.00',
  compareAtPrice: null,
  currency: 'USD',
  imageUrl: null,
  stock: 3,
  buyUrl: 'https://shop.example.com/scarf',
  deal: null,
};

let root: HTMLElement;
const byTestId = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

beforeEach(() => {
  vi.useFakeTimers({ now: LOCAL_NOW });
  root = document.createElement('aside');
  document.body.append(root);
});
afterEach(() => {
  root.remove();
  vi.useRealTimers();
});

describe('ProductCardView: flash deal', () => {
  it('counts down on the server clock (the phone is two hours behind), then shows "Deal ended" and the regular price', async () => {
    // Server time is local time + 2 h; the deal has 3.5 s left on the server.
    const serverOffset = 2 * HOUR;
    const serverNow = LOCAL_NOW + serverOffset;
    const view = new ProductCardView(root);
    view.render({ ...card, deal: { price: '25.00', startedAt: serverNow - 60_000, endsAt: serverNow + 3_500 } }, serverOffset);

    expect(byTestId('pin-deal-badge')?.textContent).toBe('Flash deal');
    expect(byTestId('pin-deal-price')?.textContent).toBe('$25.00');
    expect(byTestId('pin-deal-was')?.textContent).toBe('$40.00');
    expect(byTestId('pin-deal-was')?.tagName).toBe('DEL');
    expect(byTestId('pin-deal-countdown')?.textContent).toBe('00:04');
    expect(byTestId('pin-price')).toBeNull();

    await vi.advanceTimersByTimeAsync(750);
    expect(byTestId('pin-deal-countdown')?.textContent).toBe('00:03');
    await vi.advanceTimersByTimeAsync(2_750);
    expect(byTestId('pin-deal-countdown')).toBeNull();
    expect(byTestId('pin-deal-ended')?.textContent).toBe('Deal ended');
    expect(byTestId('pin-price')?.textContent).toBe('$40.00');
    expect(byTestId('pin-deal-price')).toBeNull();
    expect(byTestId('pin-deal-was')).toBeNull();
    // Nothing left to tick.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('shows a late joiner "Deal ended" at once, and keeps Buy disabled when sold out', () => {
    const view = new ProductCardView(root);
    view.render({ ...card, stock: 0, deal: { price: '25.00', startedAt: LOCAL_NOW - 120_000, endsAt: LOCAL_NOW - 60_000 } }, 0);
    expect(byTestId('pin-deal-ended')?.textContent).toBe('Deal ended');
    expect(byTestId('pin-deal-countdown')).toBeNull();
    expect(byTestId('pin-stock')?.textContent).toBe('Sold out');
    expect(byTestId('pin-buy')).toBeNull();
    expect(root.querySelector('.card-buy.is-disabled')?.getAttribute('aria-disabled')).toBe('true');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops the old countdown when the card changes or goes away', () => {
    const view = new ProductCardView(root);
    view.render({ ...card, deal: { price: '25.00', startedAt: LOCAL_NOW, endsAt: LOCAL_NOW + 60_000 } }, 0);
    expect(vi.getTimerCount()).toBe(1);
    view.render({ ...card, stock: 2, deal: { price: '25.00', startedAt: LOCAL_NOW, endsAt: LOCAL_NOW + 60_000 } }, 0);
    expect(vi.getTimerCount()).toBe(1);
    view.render(null);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('renders product text as text, never as markup', () => {
    const view = new ProductCardView(root);
    view.render({ ...card, title: '<img src=x onerror=alert(1)>Scarf' }, 0);
    expect(byTestId('pin-title')?.textContent).toBe('<img src=x onerror=alert(1)>Scarf');
    expect(root.querySelector('img')).toBeNull();
  });
});

describe('ProductCardView: a new product slides in', () => {
  // The page's own animation call, seen through the element (happy-dom runs no animations).
  const watchAnimations = () => {
    const animate = vi.fn();
    Object.defineProperty(root, 'animate', { value: animate, configurable: true });
    return animate;
  };

  it('animates a different product, not a stock or price update of the same one, and never reads the layout', () => {
    const animate = watchAnimations();
    const offsetWidth = vi.spyOn(root, 'offsetWidth', 'get');
    const view = new ProductCardView(root);
    view.render(card);
    expect(animate).toHaveBeenCalledTimes(1);
    expect(root.classList.contains('is-shown')).toBe(true);
    view.render({ ...card, stock: 2 });
    expect(animate).toHaveBeenCalledTimes(1);
    view.render({ ...card, productId: '8', title: 'Canvas tote' });
    expect(animate).toHaveBeenCalledTimes(2);
    expect(offsetWidth).not.toHaveBeenCalled();
  });

  it('does not move for a viewer who asked for reduced motion', () => {
    const animate = watchAnimations();
    const matchMedia = vi.spyOn(window, 'matchMedia').mockImplementation((query: string) => ({ matches: query.includes('reduce') }) as MediaQueryList);
    try {
      new ProductCardView(root).render(card);
      expect(animate).not.toHaveBeenCalled();
      expect(byTestId('pin-title')?.textContent).toBe('Silk scarf');
    } finally {
      matchMedia.mockRestore();
    }
  });
});

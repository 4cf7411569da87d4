// @vitest-environment happy-dom
/**
 * The replay page's pieces in a DOM: the card is text only, says a deal
 * only as "was on deal", links only to https; the chat follows the video
 * forward and back. (Real Chromium plays a published folder in
 * e2e/replay.spec.ts.)
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ReplayChatLine, ReplayPin } from '../../shared/replay/replay-timeline.js';
import { ReplayCardView, WAS_ON_DEAL_TEXT } from './replay-card-view.js';
import { ReplayChatView } from './replay-chat-view.js';

const pin = (product: Partial<ReplayPin['product']> = {}, wasOnDeal = false): ReplayPin => ({
  start: 1,
  end: 2,
  wasOnDeal,
  product: {
    key: '1',
    title: 'Silk scarf',
    variant: 'Red',
    image: 'images/1.png',
    price: '40.00',
    compareAtPrice: '55.00',
    currency: 'USD',
    buyUrl: 'https://shop.example.com/scarf',
    available: true,
    ...product,
  },
});

let root: HTMLElement;
beforeEach(() => {
  document.body.replaceChildren();
  root = document.createElement('aside');
  root.hidden = true;
  document.body.append(root);
});

const byTestId = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe('ReplayCardView', () => {
  it('shows the product with its price now, the deal only as "was on deal", and Buy in a new tab', () => {
    new ReplayCardView(root).render(pin({}, true));
    expect(root.hidden).toBe(false);
    expect(byTestId('replay-card-title')?.textContent).toBe('Silk scarf');
    expect(byTestId('replay-card-variant')?.textContent).toBe('Red');
    expect(byTestId('replay-card-price')?.textContent).toBe('$40.00');
    expect(root.querySelector('del')?.textContent).toBe('$55.00');
    expect(byTestId('replay-card-deal')?.textContent).toBe(WAS_ON_DEAL_TEXT);
    const buy = byTestId('replay-card-buy') as HTMLAnchorElement;
    expect([buy.href, buy.target, buy.rel]).toEqual(['https://shop.example.com/scarf', '_blank', 'noopener noreferrer']);
    expect(root.querySelector('img')?.getAttribute('src')).toBe('images/1.png');
  });

  it('renders markup in product text as text', () => {
    new ReplayCardView(root).render(pin({ title: '<img src=x onerror="window.hacked=1">Scarf', variant: '<b>Red</b>' }));
    expect(byTestId('replay-card-title')?.textContent).toBe('<img src=x onerror="window.hacked=1">Scarf');
    expect(root.querySelectorAll('img')).toHaveLength(1); // the product picture only
    expect(root.querySelector('b')).toBeNull();
  });

  it('has no Buy button for a link that is not https or a product no longer sold, and hides when nothing is pinned', () => {
    const view = new ReplayCardView(root);
    view.render(pin({ buyUrl: 'javascript:alert(1)' }));
    expect(byTestId('replay-card-buy')).toBeNull();
    view.render(pin({ key: '2', available: false, price: null }, true));
    expect(byTestId('replay-card-buy')).toBeNull();
    expect(byTestId('replay-card-price')).toBeNull();
    expect(byTestId('replay-card-unavailable')?.textContent).toBe('No longer in the shop');
    expect(byTestId('replay-card-deal')).toBeNull();
    view.render(null);
    expect(root.hidden).toBe(true);
    expect(root.childNodes).toHaveLength(0);
  });
});

describe('ReplayChatView', () => {
  const lines: ReplayChatLine[] = Array.from({ length: 250 }, (_, i) => ({ at: i, name: `Viewer ${i}`, text: `message ${i}`, role: 'viewer' }));
  const shown = () => [...document.querySelectorAll('[data-testid="replay-chat-line"] .chat-text')].map((n) => n.textContent);

  it('adds lines as the video plays, keeps the newest 200, and redraws after a seek back', () => {
    const section = document.createElement('section');
    const list = document.createElement('ol');
    const empty = document.createElement('p');
    section.append(list, empty);
    document.body.append(section);
    const view = new ReplayChatView(section, list, empty);
    view.render(lines);
    view.showUpTo(0);
    expect(shown()).toEqual([]);
    view.showUpTo(3);
    expect(shown()).toEqual(['message 0', 'message 1', 'message 2']);
    expect(empty.hidden).toBe(true);
    view.showUpTo(230);
    expect(shown()).toHaveLength(200);
    expect(shown()[0]).toBe('message 30');
    expect(shown().at(-1)).toBe('message 229');
    view.showUpTo(5);
    expect(shown()).toEqual(['message 0', 'message 1', 'message 2', 'message 3', 'message 4']);
    view.showUpTo(0);
    expect(shown()).toEqual([]);
    expect(empty.hidden).toBe(false);
  });

  it('is hidden when the host left the chat out', () => {
    const section = document.createElement('section');
    const view = new ReplayChatView(section, document.createElement('ol'), document.createElement('p'));
    view.render(null);
    expect(section.hidden).toBe(true);
  });
});

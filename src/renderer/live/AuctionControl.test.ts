// @vitest-environment happy-dom
/**
 * The auction bar as a host, a producer and a moderator see it: Cancel only
 * before a bid (greyed with the reason after), H opens the form with the
 * cursor in the price (not while typing elsewhere), the result with its
 * claim link, and no controls for a link that may not run the show.
 */
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../shared/api/contract/roles.js';
import type { Auction, AuctionsState } from '../../shared/domain/auctions.js';
import { defaultSettings } from '../../shared/domain/settings.js';
import { FakeStudio } from '../../../tests/support/fake-studio.js';
import { settle } from '../../../tests/support/render-hook.js';
import { RoleProvider } from '../api/role-context.js';
import { StudioContext } from '../api/studio-context.js';
import { onShowClaim } from '../ui/show-claim.js';
import { AuctionControl } from './AuctionControl.js';
import type { Auctions } from './use-auctions.js';

const NOW = 1_800_000_000_000;
const running: Auction = {
  id: 7,
  showId: 1,
  pinId: 3,
  productId: 4,
  variantId: null,
  title: 'Canvas Tote',
  currency: 'USD',
  startPrice: '10',
  reserve: null,
  mode: 'soft',
  extendSeconds: 10,
  durationSeconds: 20,
  increments: [{ from: '0', step: '1' }],
  startedAt: NOW - 5000,
  endsAt: NOW + 15_000,
  endedAt: null,
  status: 'running',
  price: null,
  nextBid: '10',
  leader: null,
  winner: null,
  reserveMet: null,
  bids: 0,
  bidders: 0,
  claimId: null,
};

let root: Root | null = null;
let container: HTMLElement;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  container?.remove();
});

async function renderBar(role: Role, current: Auction | null, cancel = vi.fn(async () => null), pinId: number | null = 3): Promise<void> {
  const studio = new FakeStudio(['getSettings'], ['settingsChanged']);
  const state: AuctionsState = { current, recentBids: [], history: current ? [current] : [] };
  const auctions: Auctions = { state, error: null, start: vi.fn(async () => null), cancel };
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  const bar = createElement(AuctionControl, { auctions, pinId, title: 'Canvas Tote', currency: 'USD', studioNow: NOW });
  act(() => root!.render(createElement(StudioContext.Provider, { value: studio.api }, createElement(RoleProvider, { role, children: bar }))));
  await settle(() => studio.next('getSettings').answer(defaultSettings()));
}

const button = (name: string): HTMLButtonElement | undefined =>
  [...container.querySelectorAll('button')].find((b) => b.textContent?.startsWith(name)) as HTMLButtonElement | undefined;

const pressKey = (key: string, target: EventTarget = document.body) =>
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });

describe('the auction bar', () => {
  it('lets the host cancel only before the first bid, and says why after it', async () => {
    const cancel = vi.fn(async () => null);
    await renderBar('host', running, cancel);
    expect(container.querySelector('[data-testid="auction-price"]')?.textContent).toBe('$10.00');
    expect(button('Cancel auction')!.disabled).toBe(false);
    await settle(() => button('Cancel auction')!.click());
    expect(cancel).toHaveBeenCalledOnce();
    act(() => root!.unmount());
    root = null;

    await renderBar('host', { ...running, price: '12', bids: 1, bidders: 1, leader: { viewerId: 'v1', name: 'Ana' } });
    expect(container.querySelector('[data-testid="auction-leader"]')?.textContent).toBe('Ana leads');
    expect(button('Cancel auction')!.disabled).toBe(true);
    expect(button('Cancel auction')!.title).toBe('An auction with a bid runs to the end: bidders expect to win what they bid on.');
  });

  it('opens the form on H with the cursor in the starting price, but not while typing elsewhere', async () => {
    await renderBar('producer', null);
    const elsewhere = document.createElement('input');
    document.body.append(elsewhere);
    pressKey('h', elsewhere);
    expect(container.querySelector('[data-testid="auction-form"]')).toBeNull();
    pressKey('h');
    expect(container.querySelector('[data-testid="auction-form"]')).not.toBeNull();
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Starting price');
    elsewhere.remove();
  });

  it('gives a moderator’s link no auction controls: the running auction only, without Cancel', async () => {
    await renderBar('moderator', null);
    expect(button('Start auction')).toBeUndefined();
    pressKey('h');
    expect(container.querySelector('[data-testid="auction-form"]')).toBeNull();
    act(() => root!.unmount());
    root = null;
    await renderBar('moderator', running);
    expect(container.querySelector('[data-testid="auction-running"]')).not.toBeNull();
    expect(button('Cancel auction')).toBeUndefined();
  });

  it('says who bought it for how much, and its link opens the claim', async () => {
    const ana = { viewerId: 'v1', name: 'Ana' };
    await renderBar('host', { ...running, status: 'sold', endedAt: NOW, price: '42', bids: 3, bidders: 2, leader: ana, winner: ana, claimId: 91 });
    expect(container.querySelector('[data-testid="auction-result"]')?.textContent).toBe('Sold to Ana for $42.00');
    const asked: number[] = [];
    const stop = onShowClaim((id) => asked.push(id));
    act(() => button('See the claim')!.click());
    stop();
    expect(asked).toEqual([91]);
    expect(button('New auction')?.title).toBe('Start an auction on Canvas Tote (H)');
  });

  it('names the item when the auction runs on another pin than the one up now, or with nothing pinned', async () => {
    await renderBar('host', running);
    expect(container.querySelector('[data-testid="auction-item"]')).toBeNull();
    act(() => root!.unmount());
    root = null;
    await renderBar('host', running, undefined, 4);
    expect(container.querySelector('[data-testid="auction-item"]')?.textContent).toBe('on Canvas Tote');
    act(() => root!.unmount());
    root = null;
    await renderBar('host', running, undefined, null);
    expect(container.querySelector('[data-testid="auction-item"]')?.textContent).toBe('on Canvas Tote');
  });
});

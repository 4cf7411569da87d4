// @vitest-environment happy-dom
/**
 * The renderer's one read → subscribe → stale → retry hook, against a fake
 * studio whose reads answer when the test says. The case that matters: a
 * slow first read must never overwrite a newer event (the pin, settings).
 */
import { createElement, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiError } from '../../shared/api/result.js';
import type { PinState, SfuStatus } from '../../shared/domain/live.js';
import { defaultSettings, type Settings } from '../../shared/domain/settings.js';
import { FakeStudio, UNAVAILABLE } from '../../../tests/support/fake-studio.js';
import { renderHook, settle } from '../../../tests/support/render-hook.js';
import { LiveProvider, usePin, useSfuStatus } from '../live/live-context.js';
import { RELOAD_AFTER_CONNECTION_ERROR_MS } from './connection-errors.js';
import { StudioClockProvider, useStudioClockOffset } from './studio-clock.js';
import { useStudioFeed, useStudioValue } from './studio-value.js';
import { useSettings } from './use-settings.js';

const pinState = (productId: number | null, now: number): PinState => ({
  current:
    productId === null
      ? null
      : {
          id: productId,
          showId: 1,
          productId,
          variantId: null,
          rundownItemId: null,
          card: {
            productId: String(productId),
            title: `Product ${productId}`,
            variantTitle: null,
            price: '10.00',
            compareAtPrice: null,
            currency: 'USD',
            imageUrl: null,
            stock: null,
            buyUrl: null,
            deal: null,
          },
          pinnedAt: now,
          unpinnedAt: null,
        },
  deal: null,
  autoUnpinAt: null,
  now,
  targets: { sfu: 'delivered', obs: 'off' },
});

const sfuStatus = (viewerCount: number): SfuStatus => ({
  mode: 'embedded',
  state: 'connected',
  signalUrl: 'ws://127.0.0.1:4781/signal',
  viewerUrls: [],
  room: 'show',
  live: true,
  viewerCount,
  error: null,
});

const settingsWithHost = (hostName: string): Settings => ({ ...defaultSettings(), hostName });

const REFUSED: ApiError = { code: 'forbidden', message: 'Your moderator link cannot read this.' };

afterEach(() => {
  vi.useRealTimers();
});

describe('a slow first read never overwrites a newer event', () => {
  it('the pin: pinChanged during the first getPinState wins, in the LiveProvider every Pin button reads', async () => {
    const studio = new FakeStudio(['getSfuStatus', 'getAirState', 'getPinState'], ['sfuStatusChanged', 'airStateChanged', 'pinChanged']);
    const wrap = (children: ReactNode) => createElement(StudioClockProvider, null, createElement(LiveProvider, null, children));
    const view = renderHook(studio.api, () => ({ pin: usePin(), sfu: useSfuStatus(), offset: useStudioClockOffset() }), wrap);
    expect(studio.pending('getPinState')).toHaveLength(1);

    const main = Date.now() + 60_000; // main's clock runs a minute ahead of this computer's
    await settle(() => studio.emit('pinChanged', pinState(7, main + 500)));
    expect(view.current.pin?.current?.productId).toBe(7);
    // The read was made before the pin, and main answers it only now: its state (nothing pinned) is older.
    await settle(() => studio.next('getPinState').answer(pinState(null, main)));
    expect(view.current.pin?.current?.productId).toBe(7);
    // The clock still learned main's time from the pin it took.
    expect(view.current.offset).toBeGreaterThan(59_000);

    await settle(() => studio.next('getSfuStatus').answer(sfuStatus(3)));
    expect(view.current.sfu?.viewerCount).toBe(3);
    view.unmount();
    expect(studio.subscribers('pinChanged')).toBe(0);
  });

  it('settings: settingsChanged during the first getSettings wins', async () => {
    const studio = new FakeStudio(['getSettings'], ['settingsChanged']);
    const view = renderHook(studio.api, () => useSettings());
    await settle(() => studio.emit('settingsChanged', settingsWithHost('Ana (saved just now)')));
    await settle(() => studio.next('getSettings').answer(settingsWithHost('Ana (before the save)')));
    expect(view.current.value?.hostName).toBe('Ana (saved just now)');
    expect(view.current.error).toBeNull();
    view.unmount();
  });

  it('a read with no event on its way is taken', async () => {
    const studio = new FakeStudio(['getSettings'], ['settingsChanged']);
    const view = renderHook(studio.api, () => useSettings());
    expect(view.current.value).toBeNull();
    await settle(() => studio.next('getSettings').answer(settingsWithHost('Ana')));
    expect(view.current.value?.hostName).toBe('Ana');
    await settle(() => studio.emit('settingsChanged', settingsWithHost('Bea')));
    expect(view.current.value?.hostName).toBe('Bea');
    view.unmount();
  });
});

describe('useStudioValue', () => {
  it('asks again after a connection error, without showing it (the banner does), and keeps a refusal as the error', async () => {
    vi.useFakeTimers();
    const studio = new FakeStudio(['getSettings'], ['settingsChanged']);
    const view = renderHook(studio.api, () => useSettings());
    await settle(() => studio.next('getSettings').fail(UNAVAILABLE));
    expect(view.current.error).toBeNull();
    expect(studio.calls('getSettings')).toBe(1);
    await settle(() => vi.advanceTimersByTime(RELOAD_AFTER_CONNECTION_ERROR_MS));
    expect(studio.calls('getSettings')).toBe(2);
    await settle(() => studio.next('getSettings').fail(REFUSED));
    expect(view.current.error).toBe(REFUSED.message);
    await settle(() => vi.advanceTimersByTime(RELOAD_AFTER_CONNECTION_ERROR_MS * 2));
    expect(studio.calls('getSettings')).toBe(2); // a refusal is not retried
    await settle(() => studio.emit('settingsChanged', settingsWithHost('Ana')));
    expect(view.current).toMatchObject({ value: { hostName: 'Ana' }, error: null });
    view.unmount();
  });

  it('stops retrying once unmounted, and drops an answer that comes after', async () => {
    vi.useFakeTimers();
    const studio = new FakeStudio(['getSettings'], ['settingsChanged']);
    const view = renderHook(studio.api, () => useSettings());
    await settle(() => studio.next('getSettings').fail(UNAVAILABLE));
    view.unmount();
    await settle(() => vi.advanceTimersByTime(RELOAD_AFTER_CONNECTION_ERROR_MS * 3));
    expect(studio.calls('getSettings')).toBe(1);
    expect(studio.subscribers('settingsChanged')).toBe(0);
  });

  it('set(): an action’s answer is newer than a read on its way', async () => {
    const studio = new FakeStudio(['getSettings'], ['settingsChanged']);
    const view = renderHook(studio.api, () => useSettings());
    await settle(() => view.current.set(settingsWithHost('saved here')));
    await settle(() => studio.next('getSettings').answer(settingsWithHost('older')));
    expect(view.current.value?.hostName).toBe('saved here');
    expect(view.current.latest()?.hostName).toBe('saved here');
    view.unmount();
  });

  it('reads again when the key changes; the old key’s answer is dropped', async () => {
    const studio = new FakeStudio(['getSfuStatus'], ['sfuStatusChanged']);
    let key = 1;
    const view = renderHook(studio.api, () => useStudioValue({ event: 'sfuStatusChanged', read: (api) => api.getSfuStatus(), key }));
    key = 2;
    const first = studio.next('getSfuStatus');
    // Re-render with the new key (as the rundown's active show changing re-renders the claims panel).
    await settle(() => view.current.set(sfuStatus(0)));
    expect(studio.pending('getSfuStatus')).toHaveLength(2);
    const second = studio.pending('getSfuStatus')[1]!;
    await settle(() => second.answer(sfuStatus(2)));
    expect(view.current.value?.viewerCount).toBe(2);
    await settle(() => first.answer(sfuStatus(1)));
    expect(view.current.value?.viewerCount).toBe(2);
    view.unmount();
  });

  it('reload(): only the newest read answers', async () => {
    const studio = new FakeStudio(['getSfuStatus'], ['sfuStatusChanged']);
    const view = renderHook(studio.api, () => useStudioValue({ event: 'sfuStatusChanged', read: (api) => api.getSfuStatus() }));
    await settle(() => void view.current.reload());
    const [older, newer] = studio.pending('getSfuStatus');
    await settle(() => newer!.answer(sfuStatus(5)));
    await settle(() => older!.answer(sfuStatus(4)));
    expect(view.current.value?.viewerCount).toBe(5);
    view.unmount();
  });

  it('supersedes: an older pushed value is ignored, and does not make a read stale', async () => {
    const studio = new FakeStudio(['getPinState'], ['pinChanged']);
    const view = renderHook(studio.api, () =>
      useStudioValue({ event: 'pinChanged', read: (api) => api.getPinState(), supersedes: (next, shown) => next.now >= shown.now }),
    );
    await settle(() => studio.next('getPinState').answer(pinState(1, 1_000)));
    await settle(() => void view.current.reload());
    await settle(() => studio.emit('pinChanged', pinState(2, 900))); // made before what is shown
    expect(view.current.value?.current?.productId).toBe(1);
    await settle(() => studio.next('getPinState').answer(pinState(3, 1_100)));
    expect(view.current.value?.current?.productId).toBe(3);
    view.unmount();
  });
});

describe('useStudioFeed (values kept by the caller)', () => {
  it('tells onRead that the answer is stale when an event came after the read was asked for', async () => {
    const studio = new FakeStudio(['getSfuStatus'], ['sfuStatusChanged']);
    const reads: boolean[] = [];
    const view = renderHook(studio.api, () =>
      useStudioFeed({ event: 'sfuStatusChanged', read: (api) => api.getSfuStatus(), onEvent: () => undefined, onRead: (_v, stale) => reads.push(stale) }),
    );
    await settle(() => studio.next('getSfuStatus').answer(sfuStatus(1)));
    await settle(() => void view.current.reload());
    await settle(() => studio.emit('sfuStatusChanged', sfuStatus(2)));
    await settle(() => studio.next('getSfuStatus').answer(sfuStatus(1)));
    expect(reads).toEqual([false, true]);
    view.unmount();
  });
});

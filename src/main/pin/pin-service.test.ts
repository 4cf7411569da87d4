import { describe, expect, it, vi } from 'vitest';
import { importedProduct } from '../../../tests/harness/imported-products.js';
import { PinStore } from './pin-store.js';
import { pinWorldForEachTest, type PinWorld } from '../../../tests/support/pin-world.js';

const T0 = Date.UTC(2026, 10, 28, 19, 0, 0);
let world: PinWorld;
pinWorldForEachTest(T0, (w) => (world = w));

const pinProduct = (productId: number) => world.pins.pin({ productId, variantId: null, rundownItemId: null });

describe('PinService: the live card', () => {
  it('puts the stock left after claims on the card, and refresh() rebuilds, saves and sends it', async () => {
    await pinProduct(world.mug);
    world.claimFromChat(3); // of 8
    const state = world.pins.state();
    expect(state.current?.card).toMatchObject({ title: 'Stoneware mug', price: '20.00', stock: 5, deal: null });
    expect(world.sfu.last()?.stock).toBe(5);

    // Two more claims and a price change in the catalog, then a refresh.
    world.claimFromChat(2);
    world.catalog.applyImport(
      [importedProduct({ sourceKey: 'mug', title: 'Stoneware mug', variants: [{ price: '22.00', stock: 8 }] })],
      'shopify',
      { dryRun: false },
    );
    const refreshed = await world.pins.refresh();
    expect(refreshed.current?.card).toMatchObject({ price: '22.00', stock: 3 });
    expect(world.sfu.last()).toEqual(refreshed.current?.card);
    expect(world.pinChanges.at(-1)?.current?.card.stock).toBe(3);
    // Saved with the pin: a restarted studio shows what viewers last saw.
    expect(new PinStore(world.db).current()?.card.stock).toBe(3);
    expect(refreshed.current?.id).toBe(state.current?.id);
  });

  it('never shows negative stock when claims outran the catalog', async () => {
    await pinProduct(world.mug);
    world.claimFromChat(8);
    // The seller sold two elsewhere and re-imported: the show's 8 claims are more than the 6 left.
    world.catalog.applyImport(
      [importedProduct({ sourceKey: 'mug', title: 'Stoneware mug', variants: [{ price: '20.00', stock: 6 }] })],
      'shopify',
      { dryRun: false },
    );
    await world.pins.unpin();
    expect((await pinProduct(world.mug)).current?.card.stock).toBe(0);
  });

  it('refresh() with nothing pinned sends nothing', async () => {
    const before = world.sfu.sent.length;
    expect((await world.pins.refresh()).current).toBeNull();
    expect(world.sfu.sent.length).toBe(before);
  });

  it('finds the pin that was showing at a time (for claims)', async () => {
    const mug = await pinProduct(world.mug);
    vi.setSystemTime(T0 + 60_000);
    const scarf = await pinProduct(world.scarf);
    expect(world.pins.pinAt(T0 + 59_999)?.id).toBe(mug.current?.id);
    expect(world.pins.pinAt(T0 + 60_000)?.id).toBe(scarf.current?.id);
    expect(world.pins.pinAt(T0 - 1)).toBeNull();
  });

  it('keepIfPinned leaves the same product up as it is, and pins anything else (or after an unpin) anew', async () => {
    const first = await pinProduct(world.mug);
    const sent = world.sfu.sent.length;
    const again = await world.pins.pin({ productId: world.mug, variantId: null, rundownItemId: null, keepIfPinned: true });
    expect(again.current?.id).toBe(first.current?.id);
    expect(world.sfu.sent.length).toBe(sent);
    expect(world.pins.history({ showId: null, limit: 10 })).toHaveLength(1);
    // Another product, or the same one once it was taken down, is a new pin.
    const scarf = await world.pins.pin({ productId: world.scarf, variantId: null, rundownItemId: null, keepIfPinned: true });
    expect(scarf.current?.productId).toBe(world.scarf);
    await world.pins.unpin();
    const back = await world.pins.pin({ productId: world.scarf, variantId: null, rundownItemId: null, keepIfPinned: true });
    expect(back.current?.id).not.toBe(scarf.current?.id);
    expect(world.pins.history({ showId: null, limit: 10 })).toHaveLength(3);
  });

  it('announces a state once, although its clock moves', async () => {
    await pinProduct(world.mug);
    const count = world.pinChanges.length;
    vi.setSystemTime(T0 + 5000);
    await world.pins.refresh(); // same card, same delivery
    expect(world.pinChanges.length).toBe(count);
    expect(world.pins.state().now).toBe(T0 + 5000);
  });
});

describe('PinService: auto-unpin', () => {
  it('takes the pin down the set seconds after it was pinned, everywhere', async () => {
    world.settings.autoUnpinSeconds = 30;
    const state = await pinProduct(world.mug);
    expect(state.autoUnpinAt).toBe(T0 + 30_000);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(world.pins.state().current).not.toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(world.pins.state().current).toBeNull();
    expect(world.sfu.last()).toBeNull();
    expect(world.pinChanges.at(-1)).toMatchObject({ current: null, autoUnpinAt: null });
    expect(world.pins.history({ showId: null, limit: 1 })[0]?.unpinnedAt).toBe(T0 + 30_000);
  });

  it('starts over with a new pin and stops with an unpin', async () => {
    world.settings.autoUnpinSeconds = 30;
    await pinProduct(world.mug);
    await vi.advanceTimersByTimeAsync(20_000);
    const scarf = await pinProduct(world.scarf);
    expect(scarf.autoUnpinAt).toBe(T0 + 50_000);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(world.pins.state().current?.id).toBe(scarf.current?.id);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(world.pins.state().current).toBeNull();

    await pinProduct(world.mug);
    await world.pins.unpin();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('follows the setting: off keeps the pin, a shorter time applies at once', async () => {
    world.settings.autoUnpinSeconds = 60;
    await pinProduct(world.mug);
    world.settings.autoUnpinSeconds = null;
    world.events.emit('settingsChanged', {} as never);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(world.pins.state()).toMatchObject({ autoUnpinAt: null, current: { productId: world.mug } });

    world.settings.autoUnpinSeconds = 10; // pinned 120 s ago: due now
    world.events.emit('settingsChanged', {} as never);
    await vi.advanceTimersByTimeAsync(0);
    expect(world.pins.state().current).toBeNull();
  });

  it('counts from when the pin was made across a restart', async () => {
    world.settings.autoUnpinSeconds = 30;
    await pinProduct(world.mug);
    world.pins.close();
    await vi.advanceTimersByTimeAsync(10_000);
    world.restart();
    await vi.advanceTimersByTimeAsync(19_999);
    expect(world.pins.state().current).not.toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(world.pins.state().current).toBeNull();
    expect(world.pins.history({ showId: null, limit: 1 })[0]?.unpinnedAt).toBe(T0 + 30_000);
  });

  it('unpins at once after a restart that came too late', async () => {
    world.settings.autoUnpinSeconds = 30;
    await pinProduct(world.mug);
    world.pins.close();
    vi.setSystemTime(T0 + 90_000);
    world.restart();
    await vi.advanceTimersByTimeAsync(0);
    expect(world.pins.state().current).toBeNull();
  });
});

import { describe, expect, it, vi } from 'vitest';
import { StudioError } from '../../shared/api/result.js';
import { pinWorldForEachTest, type PinWorld } from '../../../tests/support/pin-world.js';
import { DEAL_QUERIES } from './deal-store.js';
import { queryPlan } from '../../../tests/support/query-plan.js';

const T0 = Date.UTC(2026, 10, 28, 19, 0, 0);
let world: PinWorld;
pinWorldForEachTest(T0, (w) => (world = w));

const pinProduct = (productId: number) => world.pins.pin({ productId, variantId: null, rundownItemId: null });
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: unknown) => (e instanceof StudioError ? `${e.code}: ${e.message}` : String(e)),
  );
const dealRows = () => world.db.prepare('SELECT price, started_at, ends_at, ended_at FROM deals ORDER BY id').all();

describe('DealService.startDeal', () => {
  it('refuses in words a host understands, and saves nothing', async () => {
    expect(await refusal(world.deals.startDeal({ price: '9.99', durationSeconds: 60 }))).toBe(
      'invalid-input: Pin a product first: a flash deal runs on the pinned product.',
    );
    await pinProduct(world.mug);
    expect(await refusal(world.deals.startDeal({ price: 'cheap', durationSeconds: 60 }))).toBe(
      'invalid-input: "cheap" is not a price. Type the deal price, for example 9.99.',
    );
    expect(await refusal(world.deals.startDeal({ price: '$20', durationSeconds: 60 }))).toBe(
      'invalid-input: The deal price must be below the regular price of $20.00.',
    );
    expect(await refusal(world.deals.startDeal({ price: '25', durationSeconds: 60 }))).toMatch(/below the regular price/);
    expect(await refusal(world.deals.startDeal({ price: '9.99999', durationSeconds: 60 }))).toMatch(/too many decimals/);
    expect(await refusal(world.deals.startDeal({ price: '9', durationSeconds: 5 }))).toMatch(/10 seconds to 30 minutes/);
    expect(dealRows()).toEqual([]);
  });

  it('puts the deal on the card everywhere, then ends it at its time and keeps it as "ended"', async () => {
    await pinProduct(world.mug);
    const state = await world.deals.startDeal({ price: '$14.50', durationSeconds: 90 });
    const deal = { price: '14.50', startedAt: T0, endsAt: T0 + 90_000 };
    // The card keeps the regular price: the deal says what it is and until when.
    expect(state.current?.card).toMatchObject({ price: '20.00', deal });
    expect(state.deal).toMatchObject({ price: '14.50', regularPrice: '20.00', currency: 'USD', title: 'Stoneware mug', endedAt: null });
    expect(world.sfu.last()?.deal).toEqual(deal);
    expect(world.pinChanges.at(-1)?.current?.card.deal).toEqual(deal);

    await vi.advanceTimersByTimeAsync(89_999);
    expect(world.deals.currentDeal()?.endedAt).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(world.deals.currentDeal()?.endedAt).toBe(T0 + 90_000);
    // Late joiners read "Deal ended": the card still carries it, its end in the past.
    expect(world.pins.state().current?.card.deal).toEqual(deal);
    expect(world.pinChanges.at(-1)?.deal?.endedAt).toBe(T0 + 90_000);
  });

  it('replaces a running deal: the old one ends when the new one starts', async () => {
    await pinProduct(world.mug);
    await world.deals.startDeal({ price: '15', durationSeconds: 600 });
    vi.setSystemTime(T0 + 30_000);
    const state = await world.deals.startDeal({ price: '12', durationSeconds: 60 });
    expect(state.current?.card.deal).toEqual({ price: '12', startedAt: T0 + 30_000, endsAt: T0 + 90_000 });
    expect(dealRows()).toEqual([
      { price: '15', started_at: T0, ends_at: T0 + 600_000, ended_at: T0 + 30_000 },
      { price: '12', started_at: T0 + 30_000, ends_at: T0 + 90_000, ended_at: null },
    ]);
    // Only the newest deal's timer is left.
    expect(vi.getTimerCount()).toBe(1);
  });
});

describe('DealService: ending', () => {
  it('endDeal() ends it now: the card shows it ended and the price returns', async () => {
    await pinProduct(world.mug);
    await world.deals.startDeal({ price: '15', durationSeconds: 120 });
    vi.setSystemTime(T0 + 40_000);
    const state = await world.deals.endDeal();
    expect(state.deal?.endedAt).toBe(T0 + 40_000);
    expect(state.current?.card.deal).toEqual({ price: '15', startedAt: T0, endsAt: T0 + 40_000 });
    expect(vi.getTimerCount()).toBe(0);
    // Nothing running: a second end is harmless.
    expect((await world.deals.endDeal()).deal?.endedAt).toBe(T0 + 40_000);
  });

  it('pinning something else or unpinning ends a running deal at that instant', async () => {
    await pinProduct(world.mug);
    await world.deals.startDeal({ price: '15', durationSeconds: 120 });
    vi.setSystemTime(T0 + 10_000);
    const scarf = await pinProduct(world.scarf);
    expect(scarf.current?.card.deal).toBeNull();
    expect(scarf.deal).toBeNull();
    expect(dealRows()).toEqual([{ price: '15', started_at: T0, ends_at: T0 + 120_000, ended_at: T0 + 10_000 }]);

    await world.deals.startDeal({ price: '30', durationSeconds: 60 });
    vi.setSystemTime(T0 + 20_000);
    const unpinned = await world.pins.unpin();
    expect(unpinned.deal).toBeNull();
    expect(dealRows()[1]).toMatchObject({ ended_at: T0 + 20_000 });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('after a restart: closes a deal whose end passed at its end, and resumes one still running', async () => {
    await pinProduct(world.mug);
    await world.deals.startDeal({ price: '15', durationSeconds: 60 });
    world.deals.close();
    world.pins.close();
    vi.setSystemTime(T0 + 5 * 60_000);
    world.restart();
    expect(world.deals.currentDeal()?.endedAt).toBe(T0 + 60_000);

    await world.deals.startDeal({ price: '16', durationSeconds: 60 });
    world.deals.close();
    world.pins.close();
    vi.setSystemTime(T0 + 5 * 60_000 + 20_000);
    world.restart();
    expect(world.deals.currentDeal()?.endedAt).toBeNull();
    await vi.advanceTimersByTimeAsync(40_000);
    expect(world.deals.currentDeal()?.endedAt).toBe(T0 + 6 * 60_000);
    expect(world.sfu.last()?.deal?.endsAt).toBe(T0 + 6 * 60_000);
  });
});

describe('DealService: which deal applies', () => {
  it('dealAt() gives the deal running on a pin at a time (the price a claim pays)', async () => {
    const mug = (await pinProduct(world.mug)).current!;
    vi.setSystemTime(T0 + 10_000);
    const started = await world.deals.startDeal({ price: '15', durationSeconds: 60 });
    const dealId = started.deal!.id;
    expect(world.deals.dealAt(mug.id, T0 + 9_999)).toBeNull();
    expect(world.deals.dealAt(mug.id, T0 + 10_000)?.id).toBe(dealId);
    expect(world.deals.dealAt(mug.id, T0 + 69_999)?.id).toBe(dealId);
    expect(world.deals.dealAt(mug.id, T0 + 70_000)).toBeNull();
    expect(world.deals.dealAt(mug.id + 1, T0 + 20_000)).toBeNull();
    // Ended early by the host: not running after that.
    vi.setSystemTime(T0 + 30_000);
    await world.deals.endDeal();
    expect(world.deals.dealAt(mug.id, T0 + 29_999)?.id).toBe(dealId);
    expect(world.deals.dealAt(mug.id, T0 + 30_000)).toBeNull();
  });

  it('keeps the pin up while a deal runs, whatever the auto-unpin says', async () => {
    world.settings.autoUnpinSeconds = 30;
    await pinProduct(world.mug);
    const state = await world.deals.startDeal({ price: '15', durationSeconds: 120 });
    expect(state.autoUnpinAt).toBe(T0 + 120_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(world.pins.state().current).not.toBeNull();
    await vi.advanceTimersByTimeAsync(60_000);
    await vi.advanceTimersByTimeAsync(1); // the unpin follows the deal's end in the next turn
    expect(world.pins.state().current).toBeNull();
    expect(world.deals.currentDeal()).toBeNull();
    expect(dealRows()).toEqual([{ price: '15', started_at: T0, ends_at: T0 + 120_000, ended_at: T0 + 120_000 }]);
  });

  it('reads deals through indexes', () => {
    const plan = (sql: string, ...params: unknown[]) => queryPlan(world.db, sql, ...params);
    expect(plan(DEAL_QUERIES.running)).toMatch(/USING INDEX deals_running/);
    expect(plan(DEAL_QUERIES.ofCurrentPin)).toMatch(/SEARCH deals USING INDEX deals_by_pin \(pin_id=\?\)/);
    expect(plan(DEAL_QUERIES.ofCurrentPin)).toMatch(/SCAN pins USING COVERING INDEX pins_current/);
    expect(plan(DEAL_QUERIES.latestOfPinBy, 1, 5)).toMatch(/SEARCH deals USING INDEX deals_by_pin \(pin_id=\? AND started_at<\?\)/);
    const plans = [plan(DEAL_QUERIES.running), plan(DEAL_QUERIES.ofCurrentPin), plan(DEAL_QUERIES.latestOfPinBy, 1, 5)];
    for (const p of plans) expect(p).not.toMatch(/TEMP B-TREE|SCAN deals$/m);
  });
});

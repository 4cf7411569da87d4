/**
 * Flash deals end to end: the API through the dispatcher, SQLite on disk,
 * main's link to the built-in SFU (real mediasoup worker) and viewers
 * speaking the protocol as the watch page does.
 */
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import type { PinState } from '../../shared/domain/live.js';
import { dealPhase } from '../../shared/sfu/deal-clock.js';
import { until } from '../../../tests/harness/test-studio.js';
import { liveTestHarness } from '../../../tests/support/live-world.js';

const { studio, studios, viewerOf } = liveTestHarness();

describe('flash deals through the built-in SFU', () => {
  it('viewers get the deal on their card, counting on the SFU clock; ending it shows "ended" to late joiners', async () => {
    const s = await studio();
    const [mug] = s.addProducts({ title: 'Blue Enamel Mug', variants: [{ price: '19.99', stock: 4 }] });
    await expect(s.call('studio:selling:start-deal', { price: '9.99', durationSeconds: 60 })).rejects.toThrow(/Pin a product first/);
    await s.call<PinState>('studio:live:pin', { productId: mug!.productId });
    await expect(s.call('studio:selling:start-deal', { price: '24', durationSeconds: 60 })).rejects.toThrow(/below the regular price of \$19\.99/);
    await expect(s.call('studio:selling:start-deal', { price: '9.99', durationSeconds: 3 })).rejects.toThrow(/at least 10 seconds/);

    const { client } = await viewerOf(s);
    const beforeStart = Date.now();
    const started = await s.call<PinState>('studio:selling:start-deal', { price: '9.99', durationSeconds: 60 });
    expect(started.current!.card).toMatchObject({ price: '19.99', deal: { price: '9.99' } });
    expect(started.deal).toMatchObject({ price: '9.99', regularPrice: '19.99', endedAt: null });
    const push = await client.waitFor((m) => m.type === 'pin' && m.card?.deal !== null);
    const pushedWithin = Date.now() - beforeStart;
    if (push.type !== 'pin') throw new Error('not a pin push');
    const onServer = dealPhase(push.card!.deal, push.serverTime);
    expect(onServer.kind).toBe('running');
    // On the SFU's clock the deal has its whole minute less at most the time the
    // start took to reach the viewer (one machine, one clock: however loaded it is).
    expect(onServer.kind === 'running' && onServer.remainingMs).toBeGreaterThanOrEqual(60_000 - pushedWithin);
    expect(onServer.kind === 'running' && onServer.remainingMs).toBeLessThanOrEqual(60_000);

    await s.call<PinState>('studio:selling:end-deal');
    const late = await viewerOf(s);
    const pin = late.room.pin!;
    expect(pin.price).toBe('19.99');
    expect(dealPhase(pin.deal, late.room.serverTime)).toEqual({ kind: 'ended' });
  });

  it('a restart keeps the card with its deal and sends it to the room again', async () => {
    const dataDir = tempDir();
    const first = await studio(dataDir);
    const [mug] = first.addProducts({ title: 'Blue Enamel Mug', variants: [{ price: '19.99' }] });
    await first.call<PinState>('studio:live:pin', { productId: mug!.productId });
    await first.call<PinState>('studio:selling:start-deal', { price: '15', durationSeconds: 600 });
    await first.close();
    studios.splice(studios.indexOf(first), 1);

    const second = await studio(dataDir);
    const state = await second.call<PinState>('studio:live:pin-state');
    expect(state.deal).toMatchObject({ price: '15', endedAt: null });
    expect(state.current!.card.deal).toMatchObject({ price: '15' });
    await until(() => second.core.live.pinTargetState(), (t) => t === 'delivered', 'the pin re-sent');
    const { room } = await viewerOf(second);
    expect(dealPhase(room.pin!.deal, room.serverTime).kind).toBe('running');
  });
});

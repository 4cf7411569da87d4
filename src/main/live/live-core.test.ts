/**
 * One-click pin through the whole studio core: the dispatcher, SQLite on
 * disk, the built-in SFU with a real mediasoup worker, main's host link, and
 * viewers speaking the protocol like the watch page.
 */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import type { Settings } from '../../shared/domain/settings.js';
import type { PinRecord, PinState, PublishTicket, SfuStatus } from '../../shared/domain/live.js';
import type { RundownState, Show } from '../../shared/domain/rundown.js';
import { SfuLink } from '../sfu-link/sfu-link.js';
import { startTestStudio, until } from '../../../tests/harness/test-studio.js';
import { liveTestHarness } from '../../../tests/support/live-world.js';

const { studio, studios, viewerOf } = liveTestHarness();

const dress = {
  title: 'Linen wrap dress',
  buyUrl: 'https://shop.example.com/products/dress',
  images: [{ url: 'https://cdn.example.com/dress.jpg', alt: '' }],
  optionNames: ['Size'],
  variants: [
    { optionValues: ['M'], price: '59.00', compareAtPrice: '79.00', stock: 3 },
    { optionValues: ['L'], price: '59.00', stock: 2 },
  ],
};

describe('the built-in SFU', () => {
  it('starts with the studio: a saved room name, a viewer URL on loopback, connected', async () => {
    const s = await studio();
    const status = s.core.live.status();
    const settings = await s.call<Settings>('studio:settings:get');
    expect(settings.sfu.room).toMatch(/^shop-[a-z2-9]{6}$/);
    expect(status).toMatchObject({ mode: 'embedded', state: 'connected', room: settings.sfu.room, live: false, error: null });
    expect(status.viewerUrls).toEqual([expect.stringMatching(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/watch/${settings.sfu.room}$`))]);
    const page = await fetch(status.viewerUrls[0]!);
    expect(page.status).toBe(200);
    expect(await s.call<SfuStatus>('studio:live:sfu-status')).toEqual(status);
  });

  it('gives the renderer a ticket that lets it host the room', async () => {
    const s = await studio();
    const ticket = await s.call<PublishTicket>('studio:live:publish-ticket');
    expect(ticket.room).toBe(s.core.live.status().room);
    const publisher = new SfuLink({ signalUrl: ticket.signalUrl, room: ticket.room, hostToken: ticket.hostToken, onChange: () => {} });
    try {
      await until(() => publisher.status().state, (st) => st === 'connected', 'publisher joined as host');
    } finally {
      publisher.close();
    }
  });

  it('a port taken by another program is an error the host can act on; the studio still runs', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const s = await startTestStudio(tempDir(), { port });
      studios.push(s);
      const status = await s.waitForStatus((st) => st.state !== 'starting', 'the start attempt');
      expect(status).toMatchObject({ state: 'error', signalUrl: null });
      expect(status.error).toMatch(new RegExp(`Port ${port} is already used by another program`));
      expect(await s.call<Settings>('studio:settings:get')).toBeDefined();
    } finally {
      blocker.close();
    }
  });

  it('moves to a new room when the room setting changes', async () => {
    const s = await studio();
    await s.call('studio:settings:update', { sfu: { room: 'friday-drop' } });
    await s.waitForStatus((st) => st.room === 'friday-drop' && st.state === 'connected', 'the new room');
    expect(s.core.live.status().viewerUrls[0]).toMatch(/\/watch\/friday-drop$/);
    await expect(s.call('studio:settings:update', { sfu: { room: '../etc' } })).rejects.toThrow(/room name/);
  });
});

describe('pin', () => {
  it('saves the pin, tells the UIs at once, and every viewer in the room gets the card; unpin clears it', async () => {
    const s = await studio();
    const [row] = s.addProducts(dress);
    const { client } = await viewerOf(s);

    const state = await s.call<PinState>('studio:live:pin', { productId: row!.productId, variantId: row!.variantId });
    expect(state.targets.sfu).toBe('delivered');
    expect(state.current).toMatchObject({ productId: row!.productId, variantId: row!.variantId, unpinnedAt: null });
    expect(state.current!.card).toMatchObject({ title: 'Linen wrap dress', variantTitle: 'M', price: '59.00', compareAtPrice: '79.00', stock: 3 });
    const pushed = await client.waitForPush('pin');
    expect(pushed.card).toEqual(state.current!.card);

    // pinChanged went out before the SFU answered (pending), then again once it did.
    const pinEvents = s.events.filter((e) => e.channel === 'studio:event:pin-changed').map((e) => e.payload as PinState);
    const mine = pinEvents.filter((p) => p.current?.id === state.current!.id);
    expect(mine.map((p) => p.targets.sfu)).toEqual(['pending', 'delivered']);

    const cleared = await s.call<PinState>('studio:live:unpin');
    expect(cleared).toEqual({ current: null, deal: null, autoUnpinAt: null, now: expect.any(Number), targets: { sfu: 'delivered', obs: 'off' } });
    await until(() => client.pushes('pin').length, (n) => n === 2, 'the unpin push');
    expect(client.pushes('pin')[1]!.card).toBeNull();
    expect(await s.call<PinState>('studio:live:pin-state')).toEqual({ ...cleared, now: expect.any(Number) });
  });

  it('a late joiner sees the current card at once', async () => {
    const s = await studio();
    const [row] = s.addProducts(dress);
    await s.call('studio:live:pin', { productId: row!.productId });
    const { room } = await viewerOf(s);
    expect(room.pin).toMatchObject({ title: 'Linen wrap dress', price: '59.00', stock: 5, variantTitle: null });
  });

  it('still pins a product whose buy link is not https (the card just has no Buy button)', async () => {
    const s = await studio();
    const [row] = s.addProducts({ title: 'Old shop mug', buyUrl: 'http://old-shop.example.com/mug' });
    const { client } = await viewerOf(s);
    const state = await s.call<PinState>('studio:live:pin', { productId: row!.productId });
    expect(state.targets.sfu).toBe('delivered');
    expect(state.current!.card.buyUrl).toBeNull();
    expect((await client.waitForPush('pin')).card).toMatchObject({ title: 'Old shop mug', buyUrl: null });
  });

  it('refuses products and rundown items that do not exist, changing nothing', async () => {
    const s = await studio();
    await expect(s.call('studio:live:pin', { productId: 999 })).rejects.toMatchObject({ code: 'not-found' });
    const [row] = s.addProducts(dress);
    await expect(s.call('studio:live:pin', { productId: row!.productId, rundownItemId: 999 })).rejects.toMatchObject({ code: 'not-found' });
    await expect(s.call('studio:live:pin', { productId: 'x' })).rejects.toMatchObject({ code: 'invalid-input' });
    expect(await s.call<PinRecord[]>('studio:live:pin-history')).toEqual([]);
  });

  it('records the show: the active rundown show, or the show of the rundown item pinned from', async () => {
    const s = await studio();
    const [row] = s.addProducts(dress);
    const friday = await s.call<Show>('studio:rundown:create-show', { name: 'Friday' });
    const monday = await s.call<Show>('studio:rundown:create-show', { name: 'Monday' });
    const rundown = await s.call<RundownState>('studio:rundown:add-items', {
      showId: monday.id,
      items: [{ kind: 'product', productId: row!.productId }],
    });
    await s.call('studio:rundown:set-active-show', { showId: friday.id });
    const fromCatalog = await s.call<PinState>('studio:live:pin', { productId: row!.productId });
    expect(fromCatalog.current!.showId).toBe(friday.id);
    const item = rundown.items[0]!;
    const fromRundown = await s.call<PinState>('studio:live:pin', { productId: row!.productId, rundownItemId: item.id });
    expect(fromRundown.current).toMatchObject({ showId: monday.id, rundownItemId: item.id });
    expect((await s.call<PinRecord[]>('studio:live:pin-history', { showId: monday.id })).map((p) => p.id)).toEqual([fromRundown.current!.id]);
  });

  it('keeps the history with its times across a restart, and the current pin goes back to the SFU', async () => {
    const dataDir = tempDir();
    const first = await studio(dataDir);
    const [a, b] = first.addProducts(dress, { title: 'Silk scarf', variants: [{ price: '25.00' }] });
    const before = Date.now();
    const one = await first.call<PinState>('studio:live:pin', { productId: a!.productId });
    const two = await first.call<PinState>('studio:live:pin', { productId: b!.productId });
    const room = first.core.live.status().room;
    await first.close();

    const second = await studio(dataDir);
    expect(second.core.live.status().room).toBe(room);
    const history = await second.call<PinRecord[]>('studio:live:pin-history');
    expect(history.map((p) => p.card.title)).toEqual(['Silk scarf', 'Linen wrap dress']);
    const [last, earlier] = history;
    expect(earlier!.pinnedAt).toBeGreaterThanOrEqual(before);
    expect(earlier!.unpinnedAt).toBe(last!.pinnedAt);
    expect(last!.unpinnedAt).toBeNull();
    expect(history.map((p) => p.id)).toEqual([two.current!.id, one.current!.id]);

    await until(() => second.core.pins.state().targets.sfu, (t) => t === 'delivered', 'the pin re-sent after start');
    const { room: joined } = await viewerOf(second);
    expect(joined.pin?.title).toBe('Silk scarf');
  });
});

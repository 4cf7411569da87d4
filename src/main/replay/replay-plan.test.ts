import { describe, expect, it, vi } from 'vitest';
import { importedProduct } from '../../../tests/harness/imported-products.js';
import { pinWorldForEachTest, type PinWorld } from '../../../tests/support/pin-world.js';
import { freshQueryPlanSteps } from '../../../tests/support/query-plan.js';
import { PictureStore } from '../media/picture-store.js';
import { pictureKey, planReplay, REPLAY_QUERIES, timelineOf, type RecordingSpan } from './replay-plan.js';

/**
 * The replay's timeline from a real SQLite file: pins made by the studio's
 * own pin and deal services at known times (fake clock), a recording that
 * started after the first pin and stopped before the last, the catalog
 * changed after the show.
 */

const T0 = Date.UTC(2026, 10, 28, 19, 0, 0);
let world: PinWorld;
pinWorldForEachTest(T0, (w) => (world = w));

/** The recording: time 0 of the file is T0 + 5 s, and it is 15 s long. */
const recording: RecordingSpan = { recordingId: 1, showId: null, showName: 'Spring drop', startedAt: T0 + 5000, durationMs: 15_000 };

const at = (ms: number) => vi.setSystemTime(T0 + ms);
const pin = (productId: number) => world.pins.pin({ productId, variantId: null, rundownItemId: null });
const plan = (includeChat = false) =>
  planReplay({ db: world.db, findProduct: (id) => world.catalog.findProduct(id), pictures: new PictureStore(world.db) }, recording, { includeChat });

/** Mug before the recording (T0+1 s), scarf at 8 s with a flash deal, mug again at 12 s, nothing from 14 s, scarf after the end. */
async function runShow(): Promise<void> {
  at(1000);
  await pin(world.mug);
  at(8000);
  await pin(world.scarf);
  at(9000);
  await world.deals.startDeal({ price: '30.00', durationSeconds: 60 });
  at(12_000);
  await pin(world.mug);
  at(14_000);
  await world.pins.unpin();
  at(30_000);
  await pin(world.scarf);
}

describe('planReplay', () => {
  it('puts each pin at its offset into the file, clamped to it, and leaves out what was not recorded', async () => {
    await runShow();
    const { pins } = plan();
    expect(pins.map((p) => [p.product.title, p.start, p.end])).toEqual([
      // Pinned 4 s before the recording started: on screen from its first frame.
      ['Stoneware mug', 0, 3],
      ['Silk scarf', 3, 7],
      ['Stoneware mug', 7, 9],
      // The scarf pinned at 30 s came after the recording stopped (at 20 s): not in the replay.
    ]);
  });

  it('ends a pin still up when the recording stopped with the file', async () => {
    at(18_000);
    await pin(world.mug);
    expect(plan().pins.map((p) => [p.start, p.end])).toEqual([[13, 15]]);
  });

  it('shows the price a viewer pays now, never the deal price, and marks the pin that had a deal', async () => {
    await runShow();
    // After the show the shop raises the mug's price.
    world.catalog.applyImport(
      [importedProduct({ sourceKey: 'mug', title: 'Stoneware mug', buyUrl: 'https://shop.example.com/mug', variants: [{ price: '22.00', stock: 8 }] })],
      'shopify',
      { dryRun: false },
    );
    const [mug, scarf] = plan().pins;
    expect(mug).toMatchObject({ wasOnDeal: false, product: { price: '22.00', currency: 'USD', buyUrl: 'https://shop.example.com/mug', available: true } });
    // The scarf ran a 30.00 flash deal during the show; today it costs 40.00.
    expect(scarf).toMatchObject({ wasOnDeal: true, product: { price: '40.00', available: true } });
    expect(JSON.stringify(plan())).not.toContain('30.00');
  });

  it('keeps a product no longer sold as it was shown, without price or Buy', async () => {
    await runShow();
    world.catalog.applyImport([importedProduct({ sourceKey: 'mug', title: 'Stoneware mug', status: 'archived', variants: [{ price: '20.00' }] })], 'shopify', {
      dryRun: false,
    });
    world.db.prepare('DELETE FROM products WHERE id = ?').run(world.scarf);
    const [mug, scarf] = plan().pins;
    expect(mug?.product).toMatchObject({ title: 'Stoneware mug', price: null, buyUrl: null, available: false });
    expect(scarf?.product).toMatchObject({ title: 'Silk scarf', price: null, buyUrl: null, available: false });
  });

  it('has one chapter per pin, in order, like the Recordings list', async () => {
    await runShow();
    const replay = plan();
    expect(replay.chapters).toEqual([
      { start: 0, pin: 0 },
      { start: 3, pin: 1 },
      { start: 7, pin: 2 },
    ]);
    expect(replay.chapters.map((c) => replay.pins[c.pin]?.product.title)).toEqual(['Stoneware mug', 'Silk scarf', 'Stoneware mug']);
  });

  it('marks a deal only when it ran while the recording ran', async () => {
    // The scarf's deal ran and ended before the recording started (at 5 s); the scarf stayed up into it.
    at(1000);
    await pin(world.scarf);
    at(2000);
    await world.deals.startDeal({ price: '30.00', durationSeconds: 60 });
    at(3000);
    await world.deals.endDeal();
    at(8000);
    await pin(world.mug);
    at(9000);
    await world.deals.startDeal({ price: '15.00', durationSeconds: 60 });
    expect(plan().pins.map((p) => [p.product.title, p.start, p.end, p.wasOnDeal])).toEqual([
      ['Silk scarf', 0, 3, false],
      ['Stoneware mug', 3, 15, true],
    ]);
  });

  it('keeps a card that can no longer be read, under the title its chapter has, without price or Buy', async () => {
    world.db.prepare('INSERT INTO pins (show_id, product_id, card, pinned_at, unpinned_at) VALUES (NULL, NULL, ?, ?, ?)').run(
      JSON.stringify({ title: 'Old card', futureField: true }),
      T0 + 6000,
      T0 + 9000,
    );
    const replay = plan();
    expect(replay.pins).toEqual([
      expect.objectContaining({ start: 1, end: 4, wasOnDeal: false, picture: null, product: expect.objectContaining({ title: 'Old card', price: null, buyUrl: null, available: false }) }),
    ]);
    expect(replay.chapters).toEqual([{ start: 1, pin: 0 }]);
  });

  it('includes the approved chat only, and only when asked, at its offsets', async () => {
    const insert = world.db.prepare(
      `INSERT INTO chat_messages (id, show_id, viewer_id, name, role, text, ts, status) VALUES (?, NULL, ?, ?, ?, ?, ?, ?)`,
    );
    insert.run('before', 'v1', 'Ana', 'viewer', 'too early', T0 + 4000, 'approved');
    insert.run('hello', null, 'Host', 'host', 'Welcome!', T0 + 5000, 'approved');
    insert.run('q', 'v1', 'Ana', 'viewer', 'Does it come in blue?', T0 + 6500, 'approved');
    insert.run('scam', 'v2', 'Bot', 'viewer', 'free followers at scam.example', T0 + 7000, 'held');
    insert.run('gone', 'v3', 'Cy', 'viewer', 'deleted later', T0 + 7500, 'deleted');
    insert.run('after', 'v1', 'Ana', 'viewer', 'bye', T0 + 21_000, 'approved');
    expect(plan(false).chat).toBeNull();
    expect(plan(true).chat).toEqual([
      { at: 0, name: 'Host', text: 'Welcome!', role: 'host' },
      { at: 1.5, name: 'Ana', text: 'Does it come in blue?', role: 'viewer' },
    ]);
  });

  it('makes timeline.json with each card\'s picture in the folder, or none when it could not be had', async () => {
    world.catalog.applyImport(
      [
        importedProduct({ sourceKey: 'mug', title: 'Stoneware mug', images: [{ url: 'https://cdn.example.com/mug.png', alt: '' }], variants: [{ price: '20.00' }] }),
        importedProduct({ sourceKey: 'scarf', title: 'Silk scarf', images: [{ url: 'https://cdn.example.com/scarf.png', alt: '' }], variants: [{ price: '40.00' }] }),
      ],
      'shopify',
      { dryRun: false },
    );
    await runShow();
    const timeline = timelineOf(plan(), new Map([[pictureKey({ mediaId: null, url: 'https://cdn.example.com/mug.png' }), 'images/1.png']]), T0 + 60_000);
    expect(timeline).toMatchObject({ format: 'live-seller-studio/replay', version: 1, title: 'Spring drop', recordedAt: T0 + 5000, duration: 15, publishedAt: T0 + 60_000 });
    expect(timeline.pins.map((p) => p.product.image)).toEqual(['images/1.png', null, 'images/1.png']);
    expect(JSON.stringify(timeline)).not.toContain('cdn.example.com');
  });

  it("names the studio's kept copy of a card's picture, and the address only where none is kept", async () => {
    world.catalog.applyImport(
      [
        importedProduct({ sourceKey: 'mug', title: 'Stoneware mug', images: [{ url: 'https://cdn.example.com/mug.png', alt: '' }], variants: [{ price: '20.00' }] }),
        importedProduct({ sourceKey: 'scarf', title: 'Silk scarf', images: [{ url: 'https://cdn.example.com/scarf.png', alt: '' }], variants: [{ price: '40.00' }] }),
      ],
      'shopify',
      { dryRun: false },
    );
    // The background fetch kept the mug's picture; the scarf's failed.
    const store = new PictureStore(world.db);
    store.queueCatalog();
    const kept = `${'a'.repeat(64)}.png`;
    store.markReady('https://cdn.example.com/mug.png', kept);
    store.markFailed('https://cdn.example.com/scarf.png', 'the website answered HTTP 404');
    await runShow();
    expect(plan().pins.map((p) => [p.product.title, p.picture])).toEqual([
      ['Stoneware mug', { mediaId: kept, url: 'https://cdn.example.com/mug.png' }],
      ['Silk scarf', { mediaId: null, url: 'https://cdn.example.com/scarf.png' }],
      ['Stoneware mug', { mediaId: kept, url: 'https://cdn.example.com/mug.png' }],
    ]);
    // The host gives the scarf a picture of its own: that one, whatever its address.
    const own = `${'b'.repeat(64)}.jpg`;
    store.setProductPicture(world.scarf, own);
    expect(plan().pins[1]?.picture).toEqual({ mediaId: own, url: 'https://cdn.example.com/scarf.png' });
  });
});

describe('REPLAY_QUERIES', () => {
  it('find the chat through an index, not by reading every message', () => {
    expect(freshQueryPlanSteps(REPLAY_QUERIES.chatOfShow, 1, T0, T0)[0]).toMatch(/^SEARCH chat_messages USING INDEX chat_messages_by_show \(show_id=\? AND ts>\? AND ts<\?\)/);
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { openDatabase, type StudioDatabase } from '../db/open-database.js';
import { freshQueryPlanSteps } from '../../../tests/support/query-plan.js';
import { recordingTimeline, TIMELINE_QUERIES } from './recording-timeline.js';
import { RecordingStore } from './recording-store.js';

/** A real studio database with one show, three products and a recording from T0 to T0 + 60 s. */
const T0 = 1_750_000_000_000;
function world(): { db: StudioDatabase; recordingId: number } {
  const db = openDatabase(path.join(tempDir(), 'studio.sqlite'));
  db.prepare("INSERT INTO shows (id, name, created_at) VALUES (1, 'Spring drop', ?)").run(T0 - 3_600_000);
  const product = db.prepare("INSERT INTO products (id, source_format, source_key, title, created_at, updated_at) VALUES (?, 'shopify', ?, ?, 0, 0)");
  product.run(1, 'tote', 'Canvas tote');
  product.run(2, 'scarf', 'Silk scarf');
  product.run(3, 'mug', 'Stoneware mug');
  const store = new RecordingStore(db);
  const recording = store.create({ showId: 1, showName: 'Spring drop', mimeType: 'video/webm;codecs=h264,opus', startedAt: T0, live: true });
  return { db, recordingId: recording.id };
}

const card = (productId: number, title: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ productId: String(productId), title, price: '25.00', currency: 'USD', ...extra });

function pin(db: StudioDatabase, productId: number, title: string, from: number, to: number | null, extra: Record<string, unknown> = {}): number {
  const { lastInsertRowid } = db
    .prepare('INSERT INTO pins (show_id, product_id, card, pinned_at, unpinned_at) VALUES (1, ?, ?, ?, ?)')
    .run(productId, card(productId, title, extra), from, to);
  return Number(lastInsertRowid);
}

describe('recordingTimeline (a real SQLite file)', () => {
  it('gives pins, deals and claims as offsets into the file, clamped to its length', () => {
    const { db, recordingId } = world();
    // Pinned before the recording started, taken down 5 s in.
    pin(db, 1, 'Canvas tote', T0 - 30_000, T0 + 5_000);
    // 12.5 s to 40 s, with a flash deal from 20 s that was ended early at 30 s.
    const scarf = pin(db, 2, 'Silk scarf', T0 + 12_500, T0 + 40_000, { variantTitle: 'Blue' });
    db.prepare(
      "INSERT INTO deals (pin_id, show_id, product_id, title, price, regular_price, currency, started_at, ends_at, ended_at) VALUES (?, 1, 2, 'Silk scarf', '19.00', '25.00', 'USD', ?, ?, ?)",
    ).run(scarf, T0 + 20_000, T0 + 80_000, T0 + 30_000);
    // Up from 50 s and still up when the recording ended.
    pin(db, 3, 'Stoneware mug', T0 + 50_000, null);
    // Before and after the recording: not in it.
    pin(db, 1, 'Canvas tote', T0 - 90_000, T0 - 60_000);
    const claim = db.prepare(
      "INSERT INTO claims (show_id, viewer_id, viewer_name, text, product_id, product_title, variant_title, price_paid, currency, status, claimed_at, updated_at) VALUES (1, 'v1', 'Ana', 'sold', ?, ?, ?, ?, 'USD', ?, ?, ?)",
    );
    claim.run(2, 'Silk scarf', 'Blue', '19.00', 'confirmed', T0 + 21_000, T0 + 21_000);
    claim.run(2, 'Silk scarf', null, '25.00', 'waitlisted', T0 + 70_000, T0 + 70_000); // after the file's end
    db.prepare("UPDATE recordings SET status = 'ready', ended_at = ?, duration_ms = 60000 WHERE id = ?").run(T0 + 61_000, recordingId);

    const timeline = recordingTimeline(db, recordingId)!;
    expect(timeline).toMatchObject({ recordingId, startedAt: T0, lengthMs: 60_000 });
    expect(timeline.pins.map((p) => [p.title, p.variantTitle, p.productId, p.atMs, p.endMs])).toEqual([
      ['Canvas tote', null, 1, 0, 5_000],
      ['Silk scarf', 'Blue', 2, 12_500, 40_000],
      ['Stoneware mug', null, 3, 50_000, null],
    ]);
    expect(timeline.pins[1]!.card).toMatchObject({ productId: '2', title: 'Silk scarf', price: '25.00', currency: 'USD', variantTitle: 'Blue' });
    expect(timeline.deals).toEqual([
      {
        dealId: expect.any(Number),
        pinId: scarf,
        productId: 2,
        title: 'Silk scarf',
        price: '19.00',
        regularPrice: '25.00',
        currency: 'USD',
        atMs: 20_000,
        endsAtMs: 80_000,
        endMs: 30_000,
      },
    ]);
    expect(timeline.claims.map((c) => [c.productTitle, c.variantTitle, c.viewerName, c.status, c.pricePaid, c.atMs])).toEqual([
      ['Silk scarf', 'Blue', 'Ana', 'confirmed', '19.00', 21_000],
    ]);
    expect(timeline.chapters).toEqual([
      { productId: 1, title: 'Canvas tote', variantTitle: null, atMs: 0, endMs: 5_000 },
      { productId: 2, title: 'Silk scarf', variantTitle: 'Blue', atMs: 12_500, endMs: 40_000 },
      { productId: 3, title: 'Stoneware mug', variantTitle: null, atMs: 50_000, endMs: null },
    ]);
  });

  it('uses the end time until the file is measured, and now while it still records', () => {
    const { db, recordingId } = world();
    pin(db, 2, 'Silk scarf', T0 + 10_000, null);
    expect(recordingTimeline(db, recordingId, { now: T0 + 15_000 })!.lengthMs).toBe(15_000);
    expect(recordingTimeline(db, recordingId, { now: T0 + 15_000 })!.chapters).toEqual([
      { productId: 2, title: 'Silk scarf', variantTitle: null, atMs: 10_000, endMs: null },
    ]);
    db.prepare('UPDATE recordings SET ended_at = ? WHERE id = ?').run(T0 + 8_000, recordingId);
    // The pin came after the file ended (a crash cut it short): no chapter.
    expect(recordingTimeline(db, recordingId)!).toMatchObject({ lengthMs: 8_000, pins: [], chapters: [] });
  });

  it('keeps a chapter for a card that can no longer be read, and leaves out a pin taken down as the recording started', () => {
    const { db, recordingId } = world();
    pin(db, 3, 'Stoneware mug', T0 - 10_000, T0);
    db.prepare('INSERT INTO pins (show_id, product_id, card, pinned_at, unpinned_at) VALUES (1, 1, ?, ?, NULL)').run(
      JSON.stringify({ title: 'Old card', futureField: true }),
      T0 + 1_000,
    );
    db.prepare('UPDATE recordings SET duration_ms = 30000 WHERE id = ?').run(recordingId);
    const timeline = recordingTimeline(db, recordingId)!;
    expect(timeline.pins).toHaveLength(1);
    expect(timeline.pins[0]).toMatchObject({ card: null, title: 'Old card', atMs: 1_000, endMs: null });
    expect(recordingTimeline(db, 999)).toBeNull();
  });

  it('shows one card at a time: a pin still up when the next came ends there', () => {
    const { db, recordingId } = world();
    // A damaged history: the tote was never taken down, the scarf came at 10 s.
    pin(db, 1, 'Canvas tote', T0 + 2_000, null);
    pin(db, 2, 'Silk scarf', T0 + 10_000, T0 + 20_000);
    db.prepare('UPDATE recordings SET duration_ms = 30000 WHERE id = ?').run(recordingId);
    expect(recordingTimeline(db, recordingId)!.chapters.map((c) => [c.title, c.atMs, c.endMs])).toEqual([
      ['Canvas tote', 2_000, 10_000],
      ['Silk scarf', 10_000, 20_000],
    ]);
  });
});

describe('TIMELINE_QUERIES', () => {
  it('find the pins through an index, not by reading every pin', () => {
    expect(freshQueryPlanSteps(TIMELINE_QUERIES.pins, T0, T0)[0]).toMatch(/^SEARCH pins USING INDEX pins_by_time \(pinned_at<\?\)/);
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { openDatabase } from '../db/open-database.js';
import { PIN_QUERIES, PinStore } from './pin-store.js';
import { queryPlan } from '../../../tests/support/query-plan.js';

const card = (title: string) => ({
  productId: title,
  title,
  variantTitle: null,
  price: '10.00',
  compareAtPrice: null,
  currency: 'USD',
  imageUrl: null,
  stock: null,
  deal: null,
  buyUrl: null,
});

function store() {
  const file = path.join(tempDir(), 'studio.sqlite');
  const db = openDatabase(file);
  const product = Number(
    db.prepare("INSERT INTO products (source_format, source_key, title, created_at, updated_at) VALUES ('csv', 'k', 'Mug', 1, 1)").run()
      .lastInsertRowid,
  );
  return { db, file, product, pins: new PinStore(db) };
}

describe('PinStore', () => {
  it('one current pin: a new pin ends the previous one at the same instant', () => {
    const { pins, product } = store();
    const first = pins.pin({ showId: null, productId: product, variantId: null, rundownItemId: null, card: card('A') }, 1000);
    const second = pins.pin({ showId: null, productId: product, variantId: null, rundownItemId: null, card: card('B') }, 2000);
    expect(pins.current()).toEqual(second);
    expect(pins.history(null, 10)).toEqual([second, { ...first, unpinnedAt: 2000 }]);
    expect(pins.unpin(3000)).toBe(true);
    expect(pins.unpin(4000)).toBe(false);
    expect(pins.current()).toBeNull();
    expect(pins.history(null, 1)[0]!.unpinnedAt).toBe(3000);
  });

  it('never records an end before the start when the clock steps back', () => {
    const { pins, product } = store();
    pins.pin({ showId: null, productId: product, variantId: null, rundownItemId: null, card: card('A') }, 5000);
    pins.unpin(4000);
    expect(pins.history(null, 1)[0]).toMatchObject({ pinnedAt: 5000, unpinnedAt: 5000 });
  });

  it('shows a card it can no longer read as a placeholder instead of breaking the history', () => {
    const { pins, db, product } = store();
    pins.pin({ showId: null, productId: product, variantId: null, rundownItemId: null, card: card('A') }, 1);
    db.prepare(`UPDATE pins SET card = '{"title": 5}'`).run();
    expect(pins.current()!.card.title).toBe('Unreadable product card');
  });

  it('finds the pin that was showing at a time, ends excluded', () => {
    const { pins, product } = store();
    expect(pins.at(1500)).toBeNull();
    const a = pins.pin({ showId: null, productId: product, variantId: null, rundownItemId: null, card: card('A') }, 1000);
    const b = pins.pin({ showId: null, productId: product, variantId: null, rundownItemId: null, card: card('B') }, 2000);
    pins.unpin(3000);
    const c = pins.pin({ showId: null, productId: product, variantId: null, rundownItemId: null, card: card('C') }, 4000);
    expect(pins.at(999)).toBeNull();
    expect(pins.at(1000)?.id).toBe(a.id);
    expect(pins.at(1999)?.id).toBe(a.id);
    expect(pins.at(2000)?.id).toBe(b.id); // the new pin, not the one that ended at that instant
    expect(pins.at(2999)?.id).toBe(b.id);
    expect(pins.at(3000)).toBeNull(); // the gap after an unpin
    expect(pins.at(3999)).toBeNull();
    expect(pins.at(4000)?.id).toBe(c.id);
    expect(pins.at(9_000_000)?.id).toBe(c.id); // still pinned
  });

  it('replaces the card of a pin in place', () => {
    const { pins, product } = store();
    const a = pins.pin({ showId: null, productId: product, variantId: null, rundownItemId: null, card: card('A') }, 1000);
    expect(pins.updateCard(a.id, { ...card('A'), stock: 2 })).toBe(true);
    expect(pins.current()?.card.stock).toBe(2);
    expect(pins.updateCard(a.id + 100, card('A'))).toBe(false);
  });

  it('reads the current pin and the history through indexes, without sorting', () => {
    const { db } = store();
    const plan = (sql: string, ...params: unknown[]) => queryPlan(db, sql, ...params);
    expect(plan(PIN_QUERIES.current)).toMatch(/USING INDEX pins_current/);
    expect(plan(PIN_QUERIES.historyOfShow, 1, 10)).toMatch(/SEARCH pins USING INDEX pins_by_show \(show_id=\?\)/);
    expect(plan(PIN_QUERIES.historyAll, 10)).toMatch(/SCAN pins USING INDEX pins_by_time/);
    expect(plan(PIN_QUERIES.at, 5, 5)).toMatch(/SEARCH pins USING INDEX pins_by_time \(pinned_at<\?\)/);
    const plans = [plan(PIN_QUERIES.current), plan(PIN_QUERIES.historyOfShow, 1, 10), plan(PIN_QUERIES.historyAll, 10), plan(PIN_QUERIES.at, 5, 5)];
    for (const p of plans) expect(p).not.toMatch(/TEMP B-TREE|SCAN pins$/m);
  });
});

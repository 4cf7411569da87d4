import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importedProduct, tshirt } from '../../../tests/harness/imported-products.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { CatalogStore } from '../catalog/catalog-store.js';
import { openDatabase } from '../db/open-database.js';
import { RundownStore, type NewRundownItem } from './rundown-store.js';

const segment = (title: string, plannedSeconds: number | null = 60): NewRundownItem => ({
  kind: 'segment',
  segmentType: 'intro',
  title,
  notes: '',
  plannedSeconds,
});

function studio(file = path.join(tempDir(), 'studio.sqlite')) {
  const db = openDatabase(file);
  const clock = { now: 1_000_000 };
  const catalog = new CatalogStore(db);
  const rundown = new RundownStore(db, () => clock.now);
  const [tee, mug] = catalog
    .applyImport([tshirt(), importedProduct({ sourceKey: 'mug', title: 'Mug', variants: [{ sku: 'MUG-1', price: '9.50', stock: 3 }] })], 'shopify', {
      dryRun: false,
    })
    .planned.map((p) => catalog.getProduct(p.productId!));
  return { db, file, clock, catalog, rundown, tee: tee!, mug: mug! };
}

const titles = (rundown: RundownStore, showId: number) => rundown.getRundown(showId).items.map((i) => [i.position, i.title]);

describe('RundownStore shows', () => {
  it('creates, renames, lists (scheduled first, by time) and deletes shows', () => {
    const { rundown } = studio();
    const later = rundown.createShow('Sunday', 2_000);
    const unscheduled = rundown.createShow('Someday', null);
    const sooner = rundown.createShow('Friday', 1_000);
    expect(rundown.listShows().map((s) => s.name)).toEqual(['Friday', 'Sunday', 'Someday']);
    expect(rundown.updateShow(unscheduled.id, { name: 'Monday', scheduledStart: 3_000 })).toMatchObject({ name: 'Monday', scheduledStart: 3_000 });
    expect(rundown.updateShow(sooner.id, { scheduledStart: null })).toMatchObject({ name: 'Friday', scheduledStart: null });
    expect(rundown.deleteShow(later.id)).toBe(true);
    expect(rundown.deleteShow(later.id)).toBe(false);
    expect(rundown.listShows().map((s) => s.name)).toEqual(['Monday', 'Friday']);
    expect(() => rundown.getRundown(later.id)).toThrow(/no longer exists/);
  });

  it('keeps the practice flag: created, changed, kept by a rename, kept by a duplicate, back off', () => {
    const { file, rundown } = studio();
    const real = rundown.createShow('Friday drop', null);
    const rehearsal = rundown.createShow('Rehearsal', null, true);
    expect(real.practice).toBe(false);
    expect(rehearsal.practice).toBe(true);
    expect(rundown.updateShow(rehearsal.id, { name: 'Dress rehearsal' })).toMatchObject({ name: 'Dress rehearsal', practice: true });
    expect(rundown.duplicateShow(rehearsal.id, 'Rehearsal 2').practice).toBe(true);
    expect(rundown.updateShow(real.id, { practice: true }).practice).toBe(true);
    expect(rundown.updateShow(real.id, { practice: false }).practice).toBe(false);
    // In the file: a reopened studio reads the same flags.
    const again = new RundownStore(openDatabase(file));
    expect(again.listShows().map((s) => [s.name, s.practice])).toEqual([
      ['Friday drop', false],
      ['Dress rehearsal', true],
      ['Rehearsal 2', true],
    ]);
  });

  it('counts items and planned seconds per show', () => {
    const { rundown, tee } = studio();
    const show = rundown.createShow('Drop', null);
    rundown.addItems(show.id, [segment('Intro', 90), { kind: 'product', productId: tee.id, variantId: null }, segment('Q&A', null)]);
    expect(rundown.getShow(show.id)).toMatchObject({ itemCount: 3, plannedSeconds: 90 });
  });

  it('duplicates a show as a template: the items, not the cursor or timings', () => {
    const { rundown, clock, tee } = studio();
    const show = rundown.createShow('Template', 5_000);
    rundown.addItems(show.id, [segment('Intro'), { kind: 'product', productId: tee.id, variantId: tee.variants[1]!.id }]);
    rundown.advance(show.id, 'next');
    clock.now += 30_000;
    rundown.advance(show.id, 'next');
    const copy = rundown.duplicateShow(show.id, 'Next week');
    expect(copy).toMatchObject({ name: 'Next week', scheduledStart: null, itemCount: 2 });
    const state = rundown.getRundown(copy.id);
    expect(state.items.map((i) => [i.position, i.title, i.product?.sku ?? null, i.actualSeconds])).toEqual([
      [0, 'Intro', null, 0],
      [1, 'Classic T-Shirt', 'TS-BLK-M', 0],
    ]);
    expect(state.cursor).toEqual({ currentItemId: null, currentSince: null, showStartedAt: null });
    expect(rundown.getRundown(show.id).items[0]!.actualSeconds).toBe(30);
  });

  it('remembers the active show and forgets it when the show is deleted', () => {
    const { rundown } = studio();
    expect(rundown.activeShowId()).toBeNull();
    const show = rundown.createShow('Live', null);
    rundown.setActiveShow(show.id);
    expect(rundown.activeShowId()).toBe(show.id);
    expect(() => rundown.setActiveShow(999)).toThrow(/no longer exists/);
    rundown.deleteShow(show.id);
    expect(rundown.activeShowId()).toBeNull();
  });
});

describe('RundownStore items', () => {
  it('adds at the end or before a position, keeping positions 0..n-1', () => {
    const { rundown } = studio();
    const { id } = rundown.createShow('Show', null);
    rundown.addItems(id, [segment('A'), segment('D')]);
    rundown.addItems(id, [segment('B'), segment('C')], 1);
    rundown.addItems(id, [segment('Z')], 99);
    rundown.addItems(id, [segment('Start')], 0);
    expect(titles(rundown, id)).toEqual([
      [0, 'Start'],
      [1, 'A'],
      [2, 'B'],
      [3, 'C'],
      [4, 'D'],
      [5, 'Z'],
    ]);
  });

  it('shows product items with live catalog data: a variant, or the product summed up', () => {
    const { rundown, tee, mug } = studio();
    const { id } = rundown.createShow('Show', null);
    rundown.addItems(id, [
      { kind: 'product', productId: tee.id, variantId: tee.variants[2]!.id },
      { kind: 'product', productId: tee.id, variantId: null },
      { kind: 'product', productId: mug.id, variantId: null },
    ]);
    const [variant, whole, single] = rundown.getRundown(id).items.map((i) => i.product);
    expect(variant).toEqual({
      productId: tee.id,
      variantId: tee.variants[2]!.id,
      title: 'Classic T-Shirt',
      variantTitle: 'L / Black',
      sku: 'TS-BLK-L',
      price: '21.50',
      compareAtPrice: '25.00',
      currency: 'USD',
      stock: 12,
      imageUrl: 'https://cdn.example/tee-front.jpg',
      buyUrl: null,
      variantsCovered: 1,
    });
    // The whole T-shirt: one item for its three variants (viewers claim theirs in chat).
    expect(whole).toMatchObject({ variantId: null, variantTitle: '', sku: null, price: '19.99', stock: 17, variantsCovered: 3 });
    expect(single).toMatchObject({ variantId: null, sku: 'MUG-1', price: '9.50', stock: 3, variantsCovered: 1 });
  });

  it('refuses products and variants that are not in the catalog, saving none of the batch', () => {
    const { rundown, tee, mug } = studio();
    const { id } = rundown.createShow('Show', null);
    expect(() => rundown.addItems(id, [segment('ok'), { kind: 'product', productId: 999, variantId: null }])).toThrow(
      /no longer in the catalog/,
    );
    expect(() => rundown.addItems(id, [{ kind: 'product', productId: mug.id, variantId: tee.variants[0]!.id }])).toThrow(
      /That variant of "Mug"/,
    );
    expect(rundown.getRundown(id).items).toEqual([]);
  });

  it('follows the catalog: new prices show at once, a dropped variant falls back to its product', () => {
    const { rundown, catalog, tee } = studio();
    const { id } = rundown.createShow('Show', null);
    rundown.addItems(id, [{ kind: 'product', productId: tee.id, variantId: tee.variants[0]!.id }]);
    const base = tshirt();
    catalog.applyImport([tshirt({ variants: [{ ...base.variants[0]!, price: '15.00' }, base.variants[2]!] })], 'shopify', { dryRun: false });
    expect(rundown.getRundown(id).items[0]!.product).toMatchObject({ variantId: tee.variants[0]!.id, price: '15.00' });
    catalog.applyImport([tshirt({ variants: [base.variants[2]!] })], 'shopify', { dryRun: false });
    expect(rundown.getRundown(id).items[0]!.product).toMatchObject({ variantId: null, sku: 'TS-BLK-L' });
  });

  it('keeps the title of a product that left the catalog', () => {
    const { rundown, db, mug } = studio();
    const { id } = rundown.createShow('Show', null);
    rundown.addItems(id, [{ kind: 'product', productId: mug.id, variantId: null }]);
    db.prepare('DELETE FROM products WHERE id = ?').run(mug.id);
    expect(rundown.getRundown(id).items[0]).toMatchObject({ kind: 'product', title: 'Mug', product: null });
  });

  it('updates notes and plans; a product item keeps the catalog title', () => {
    const { rundown, tee } = studio();
    const { id } = rundown.createShow('Show', null);
    rundown.addItems(id, [segment('Intro', 60), { kind: 'product', productId: tee.id, variantId: null }]);
    const [intro, product] = rundown.getRundown(id).items;
    rundown.updateItem(intro!.id, { title: 'Welcome', notes: 'Wave', plannedSeconds: null });
    rundown.updateItem(product!.id, { notes: 'Show the stitching', plannedSeconds: 120, title: 'Classic T-Shirt' });
    expect(() => rundown.updateItem(product!.id, { title: 'Cheap shirt' })).toThrow(/title from the catalog/);
    expect(rundown.getRundown(id).items.map((i) => [i.title, i.notes, i.plannedSeconds])).toEqual([
      ['Welcome', 'Wave', null],
      ['Classic T-Shirt', 'Show the stitching', 120],
    ]);
    expect(() => rundown.updateItem(999, { notes: 'x' })).toThrow(/no longer exists/);
  });

  it('moves items anywhere, positions staying dense', () => {
    const { rundown } = studio();
    const { id } = rundown.createShow('Show', null);
    rundown.addItems(id, ['A', 'B', 'C', 'D'].map((t) => segment(t)));
    const ids = () => rundown.getRundown(id).items.map((i) => i.title).join('');
    const item = (title: string) => rundown.getRundown(id).items.find((i) => i.title === title)!.id;
    rundown.moveItem(item('A'), 2);
    expect(ids()).toBe('BCAD');
    rundown.moveItem(item('D'), 0);
    expect(ids()).toBe('DBCA');
    rundown.moveItem(item('B'), 50);
    expect(ids()).toBe('DCAB');
    expect(rundown.getRundown(id).items.map((i) => i.position)).toEqual([0, 1, 2, 3]);
  });

  it('removes items, closing the gap; removing the current item leaves nothing current', () => {
    const { rundown, clock } = studio();
    const { id } = rundown.createShow('Show', null);
    rundown.addItems(id, ['A', 'B', 'C'].map((t) => segment(t)));
    const [a, b] = rundown.getRundown(id).items;
    rundown.setCursor(id, b!.id);
    clock.now += 5_000;
    rundown.removeItem(a!.id);
    expect(titles(rundown, id)).toEqual([
      [0, 'B'],
      [1, 'C'],
    ]);
    rundown.removeItem(b!.id);
    const state = rundown.getRundown(id);
    expect(state.cursor).toMatchObject({ currentItemId: null, currentSince: null, showStartedAt: 1_000_000 });
    expect(state.items.map((i) => [i.position, i.title])).toEqual([[0, 'C']]);
  });
});

describe('RundownStore live cursor', () => {
  it('advances through the show, timing every item, and stops at both ends', () => {
    const { rundown, clock } = studio();
    const { id } = rundown.createShow('Show', null);
    rundown.addItems(id, ['A', 'B', 'C'].map((t) => segment(t)));
    const [a, b, c] = rundown.getRundown(id).items.map((i) => i.id);
    expect(rundown.getRundown(id)).toMatchObject({ cursor: { currentItemId: null }, nextItemId: a });
    rundown.advance(id, 'previous');
    expect(rundown.getRundown(id).cursor.currentItemId).toBeNull();

    rundown.advance(id, 'next');
    expect(rundown.getRundown(id)).toMatchObject({
      cursor: { currentItemId: a, currentSince: 1_000_000, showStartedAt: 1_000_000 },
      nextItemId: b,
    });
    clock.now += 61_400;
    rundown.advance(id, 'next');
    clock.now += 10_000;
    rundown.advance(id, 'previous');
    clock.now += 5_000;
    rundown.advance(id, 'next');
    rundown.advance(id, 'next');
    clock.now += 1_000;
    rundown.advance(id, 'next');
    const state = rundown.getRundown(id);
    expect(state.cursor).toEqual({ currentItemId: c, currentSince: 1_076_400, showStartedAt: 1_000_000 });
    expect(state.nextItemId).toBeNull();
    // Finished visits only: A was current 61.4 s + 5 s, B 10 s; C is still running.
    expect(state.items.map((i) => i.actualSeconds)).toEqual([66, 10, 0]);
  });

  it('choosing the current item again keeps its timer; null goes back to not started', () => {
    const { rundown, clock } = studio();
    const { id } = rundown.createShow('Show', null);
    rundown.addItems(id, [segment('A')]);
    const a = rundown.getRundown(id).items[0]!.id;
    rundown.setCursor(id, a);
    clock.now += 1_000;
    rundown.setCursor(id, a);
    expect(rundown.getRundown(id).cursor.currentSince).toBe(1_000_000);
    clock.now += 1_000;
    rundown.setCursor(id, null);
    expect(rundown.getRundown(id)).toMatchObject({
      cursor: { currentItemId: null, currentSince: null, showStartedAt: null },
      nextItemId: a,
      items: [expect.objectContaining({ actualSeconds: 2 })],
    });
  });

  it('refuses an item of another show', () => {
    const { rundown } = studio();
    const one = rundown.createShow('One', null);
    const two = rundown.createShow('Two', null);
    rundown.addItems(two.id, [segment('Elsewhere')]);
    expect(() => rundown.setCursor(one.id, rundown.getRundown(two.id).items[0]!.id)).toThrow(/another show/);
  });

  it('survives closing and reopening the database file', () => {
    const first = studio();
    const { id } = first.rundown.createShow('Show', null);
    first.rundown.addItems(id, ['A', 'B'].map((t) => segment(t)));
    first.rundown.setActiveShow(id);
    first.rundown.advance(id, 'next');
    first.clock.now += 42_000;
    first.rundown.advance(id, 'next');
    const before = first.rundown.getRundown(id);
    first.db.close();

    const db = openDatabase(first.file);
    const reopened = new RundownStore(db, () => 2_000_000);
    expect(reopened.activeShowId()).toBe(id);
    const after = reopened.getRundown(id);
    expect(after.cursor).toEqual(before.cursor);
    expect(after.cursor.currentItemId).toBe(before.items[1]!.id);
    expect(after.items.map((i) => i.actualSeconds)).toEqual([42, 0]);
    db.close();
  });
});

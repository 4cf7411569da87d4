import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importedProduct } from '../../../tests/harness/imported-products.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { CatalogStore } from '../catalog/catalog-store.js';
import { StudioEventBus } from '../events/event-bus.js';
import { openDatabase } from '../db/open-database.js';
import { RundownService } from './rundown-service.js';
import { RundownStore } from './rundown-store.js';

function service() {
  const events = new StudioEventBus();
  const seen: { channel: string; payload: unknown }[] = [];
  events.subscribe((channel, payload) => seen.push({ channel, payload }));
  const rundown = new RundownService(new RundownStore(openDatabase(path.join(tempDir(), 'studio.sqlite'))), events);
  const take = () => seen.splice(0).map((e) => e.channel.replace('studio:event:', ''));
  return { rundown, seen, take };
}

const intro = { kind: 'segment', segmentType: 'intro', title: 'Intro', notes: '', plannedSeconds: 30 } as const;

describe('RundownService events', () => {
  it('announces show list changes, and rundown changes only for the active show', () => {
    const { rundown, seen, take } = service();
    const live = rundown.createShow('Live', null);
    const other = rundown.createShow('Other', null);
    expect(take()).toEqual(['shows-changed', 'shows-changed']);

    rundown.addItems(other.id, [intro]);
    expect(take()).toEqual(['shows-changed']);

    const state = rundown.setActiveShow(live.id);
    expect(seen[0]).toEqual({ channel: 'studio:event:rundown-changed', payload: state });
    take();

    rundown.addItems(live.id, [intro, intro]);
    expect(take()).toEqual(['shows-changed', 'rundown-changed']);
    const items = rundown.getRundown(live.id).items;
    rundown.moveItem(items[1]!.id, 0);
    rundown.advance(live.id, 'next');
    rundown.updateItem(items[0]!.id, { notes: 'smile' });
    expect(take()).toEqual(['rundown-changed', 'rundown-changed', 'rundown-changed']);
    rundown.updateItem(items[0]!.id, { plannedSeconds: 45 });
    expect(take()).toEqual(['shows-changed', 'rundown-changed']);

    rundown.advance(other.id, 'next');
    expect(take()).toEqual([]);
  });

  it('sends a null rundown when the active show is deleted', () => {
    const { rundown, seen, take } = service();
    const show = rundown.createShow('Live', null);
    rundown.setActiveShow(show.id);
    take();
    expect(rundown.deleteShow(show.id)).toBe(true);
    expect(seen).toEqual([
      { channel: 'studio:event:shows-changed', payload: [] },
      { channel: 'studio:event:rundown-changed', payload: null },
    ]);
    expect(rundown.getActiveRundown()).toBeNull();
  });

  it('re-sends the active rundown when the catalog changed', () => {
    const { rundown, take } = service();
    rundown.catalogChanged();
    expect(take()).toEqual([]);
    rundown.setActiveShow(rundown.createShow('Live', null).id);
    take();
    rundown.catalogChanged();
    expect(take()).toEqual(['rundown-changed']);
  });
});

describe('product rows show the units left in their show', () => {
  it('asks the stock port for each product row of the show read (the catalog stock when there is none)', () => {
    const db = openDatabase(path.join(tempDir(), 'studio.sqlite'));
    new CatalogStore(db).applyImport(
      [importedProduct({ sourceKey: 'tee', title: 'Tee', optionNames: ['Size'], variants: [{ sku: 'T-S', optionValues: ['S'], price: '10.00', stock: 4 }, { sku: 'T-M', optionValues: ['M'], price: '10.00', stock: 6 }] })],
      'shopify',
      { dryRun: false },
    );
    const productId = db.prepare<[], number>('SELECT id FROM products').pluck().get()!;
    const variantId = db.prepare<[], number>("SELECT id FROM variants WHERE sku = 'T-M'").pluck().get()!;
    const asked: unknown[] = [];
    const left = (showId: number, product: number, variant: number | null, catalogStock: number | null) => {
      asked.push([showId, product, variant, catalogStock]);
      return variant === null ? 7 : 2;
    };
    const events = new StudioEventBus();
    const sent: unknown[] = [];
    events.subscribe((channel, payload) => channel === 'studio:event:rundown-changed' && sent.push(payload));
    const store = new RundownStore(db);
    const rundown = new RundownService(store, events, { stockLeft: left });
    const show = rundown.createShow('Drop', null);
    rundown.setActiveShow(show.id);
    const state = rundown.addItems(show.id, [{ kind: 'product', productId, variantId: null }, { kind: 'product', productId, variantId }, intro]);
    expect(state.items.map((i) => i.product?.stock ?? 'segment')).toEqual([7, 2, 'segment']);
    expect(asked).toContainEqual([show.id, productId, null, 10]);
    expect(asked).toContainEqual([show.id, productId, variantId, 6]);
    // Claims changed: the active rundown goes out again with the new numbers.
    sent.length = 0;
    rundown.stockChanged();
    expect(sent).toHaveLength(1);
    // Without a port: the catalog's stock, as before the selling services existed.
    expect(new RundownService(store, events).getRundown(show.id).items.map((i) => i.product?.stock ?? 'segment')).toEqual([10, 6, 'segment']);
  });
});

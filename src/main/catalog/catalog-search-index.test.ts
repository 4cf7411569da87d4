import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importedProduct } from '../../../tests/harness/imported-products.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { openDatabase } from '../db/open-database.js';
import { CatalogSearchIndex } from './catalog-search-index.js';
import { CatalogStore } from './catalog-store.js';

const catalogOf = (count: number, title = (i: number) => `Lamp ${i}`) =>
  Array.from({ length: count }, (_, i) =>
    importedProduct({ sourceKey: `lamp-${i}`, title: title(i), variants: [{ sku: `LMP-${i}-A` }, { sku: `LMP-${i}-B` }] }),
  );

function setup() {
  const db = openDatabase(path.join(tempDir(), 'studio.sqlite'));
  let clock = 1;
  const store = new CatalogStore(db, { now: () => clock++ });
  const indexed = () => db.prepare('SELECT rowid FROM catalog_search ORDER BY rowid').pluck().all();
  const variantIds = () => db.prepare('SELECT id FROM variants ORDER BY id').pluck().all();
  const hits = (query: string) => store.search({ query, offset: 0, limit: 500 }).total;
  return { db, store, indexed, variantIds, hits };
}

describe('catalog search index upkeep', () => {
  it('a few renamed products are re-indexed one by one', () => {
    const { store, indexed, variantIds, hits } = setup();
    store.applyImport(catalogOf(40), 'csv', { dryRun: false });
    store.applyImport(catalogOf(40, (i) => (i < 3 ? `Desk Light ${i}` : `Lamp ${i}`)), 'csv', { dryRun: false });
    expect(hits('desk')).toBe(6);
    expect(hits('lamp')).toBe(74);
    expect(indexed()).toEqual(variantIds());
  });

  it('when most products are renamed the index is rebuilt, with the same result', () => {
    const { store, indexed, variantIds, hits } = setup();
    store.applyImport(catalogOf(40), 'csv', { dryRun: false });
    store.applyImport(catalogOf(40, (i) => `Desk Light ${i}`), 'csv', { dryRun: false });
    expect(hits('desk')).toBe(80);
    expect(hits('lamp')).toBe(0);
    expect(hits('lmp-7')).toBe(2);
    expect(indexed()).toEqual(variantIds());
  });

  it('an unchanged re-import writes nothing: the product keeps its updated time', () => {
    const { store, db } = setup();
    const id = store.applyImport(catalogOf(1), 'csv', { dryRun: false }).planned[0]!.productId!;
    const before = store.getProduct(id);
    const changes = db.prepare('SELECT total_changes()').pluck();
    const writesBefore = changes.get() as number;
    store.applyImport(catalogOf(1), 'csv', { dryRun: false });
    expect(changes.get()).toBe(writesBefore);
    expect(store.getProduct(id)).toEqual(before);
    // A changed stock level is a change: written, and the time moves.
    const restocked = catalogOf(1);
    restocked[0]!.variants[0]!.stock = 9;
    store.applyImport(restocked, 'csv', { dryRun: false });
    expect(store.getProduct(id).updatedAt).toBeGreaterThan(before.updatedAt);
    expect(store.getProduct(id).variants[0]!.stock).toBe(9);
  });

  it('variants leaving the catalog leave the index, whichever way they go', () => {
    const { store, db, indexed, variantIds } = setup();
    store.applyImport(catalogOf(5), 'csv', { dryRun: false });
    const fewer = catalogOf(5);
    fewer[1]!.variants.pop();
    store.applyImport(fewer, 'csv', { dryRun: false });
    db.prepare("DELETE FROM products WHERE source_key = 'lamp-4'").run();
    expect(indexed()).toEqual(variantIds());
    expect(variantIds()).toHaveLength(7);
  });

  it('a full rebuild indexes exactly the variants there are, across batches', () => {
    const { store, db, indexed, variantIds, hits } = setup();
    store.applyImport(catalogOf(2_600), 'csv', { dryRun: false });
    db.prepare("INSERT INTO catalog_search (catalog_search) VALUES ('delete-all')").run();
    expect(hits('lamp')).toBe(0);
    new CatalogSearchIndex(db).rebuild();
    expect(indexed()).toEqual(variantIds());
    expect(store.search({ query: 'lamp', offset: 0, limit: 1, exactTotal: true }).total).toBe(5_200);
  });
});

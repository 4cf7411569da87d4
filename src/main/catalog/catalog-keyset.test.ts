import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importedProduct } from '../../../tests/harness/imported-products.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import type { CatalogPage } from '../../shared/domain/catalog.js';
import { openDatabase } from '../db/open-database.js';
import { CatalogStore, RANKED_MATCHES_LIMIT, SEARCH_COUNT_LIMIT } from './catalog-store.js';

/**
 * `count` lamps, three variants each. Many share a title, in different case
 * ("LAMP 7", "lamp 7"), so pages end inside runs of equal sort keys.
 */
function catalogOf(count: number) {
  const store = new CatalogStore(openDatabase(path.join(tempDir(), 'studio.sqlite')));
  const products = Array.from({ length: count }, (_, i) =>
    importedProduct({
      sourceKey: `lamp-${i}`,
      title: i % 2 === 0 ? `Lamp ${i % 7}` : `LAMP ${i % 7}`,
      optionNames: ['Size'],
      variants: [
        { sku: `LMP-${i}-S`, optionValues: ['S'] },
        { sku: `LMP-${i}-M`, optionValues: ['M'] },
        { sku: `LMP-${i}-L`, optionValues: ['L'] },
      ],
    }),
  );
  store.applyImport(products, 'csv', { dryRun: false });
  return store;
}

const ids = (page: CatalogPage) => page.rows.map((r) => r.variantId);

/** Every row, a page at a time, each page asked for after the previous page's last row. */
function walkForward(store: CatalogStore, query: string, limit: number): CatalogPage[] {
  const pages = [store.search({ query, offset: 0, limit })];
  while (pages[pages.length - 1]!.rows.length === limit) {
    pages.push(store.search({ query, offset: 0, limit, after: pages[pages.length - 1]!.last! }));
  }
  return pages;
}

describe('CatalogStore.search by keyset', () => {
  const store = catalogOf(40); // 120 variants, titles "Lamp 0".."Lamp 6" in two cases

  it.each(['', 'lamp', 'lamp 3', 'lmp'])('pages after the last row give every row once, as offset pages do (query %j)', (query) => {
    const all = store.search({ query, offset: 0, limit: 500 });
    const pages = walkForward(store, query, 7);
    expect(pages.flatMap(ids)).toEqual(ids(all));
    expect(new Set(pages.flatMap(ids)).size).toBe(all.total);
    // Each keyset page is the offset page at the same place.
    pages.forEach((page, i) => expect(ids(page)).toEqual(ids(store.search({ query, offset: i * 7, limit: 7 }))));
    // The last page is short (or empty when the rows fill whole pages), and nothing comes after it.
    expect(pages[pages.length - 1]!.rows.length).toBeLessThan(7);
    const lastFull = pages.filter((p) => p.rows.length > 0).pop()!;
    expect(store.search({ query, offset: 0, limit: 7, after: lastFull.last! }).rows).toEqual([]);
  });

  it.each(['', 'lamp 3'])('pages before the first row give the previous page, back to the start (query %j)', (query) => {
    const pages = walkForward(store, query, 5).filter((p) => p.rows.length > 0);
    for (let i = pages.length - 1; i > 0; i--) {
      const previous = store.search({ query, offset: 0, limit: 5, before: pages[i]!.first! });
      expect(ids(previous)).toEqual(ids(pages[i - 1]!));
      expect(previous.offset).toBeNull();
    }
    expect(store.search({ query, offset: 0, limit: 5, before: pages[0]!.first! }).rows).toEqual([]);
  });

  it('lists by title without case, then product, then variant position: ties across pages broken by id', () => {
    const rows = walkForward(store, '', 4).flatMap((p) => p.rows);
    const keys = rows.map((r) => [r.title.toLowerCase(), r.productId, r.variantTitle] as const);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    expect(keys.map((k) => [k[0], k[1]])).toEqual(sorted.map((k) => [k[0], k[1]]));
    // Within a product, variants keep their position: S, M, L.
    expect(keys.slice(0, 3).map((k) => k[2])).toEqual(['S', 'M', 'L']);
    // "Lamp 0" and "LAMP 0" are one run of equal titles, ordered by product id.
    const lamp0 = rows.filter((r) => r.title.toLowerCase() === 'lamp 0').map((r) => r.productId);
    expect(new Set(rows.slice(0, lamp0.length).map((r) => r.title))).toEqual(new Set(['Lamp 0', 'LAMP 0']));
    expect(lamp0).toEqual([...lamp0].sort((a, b) => a - b));
  });

  it('a page gives the keys of its first and last rows, in the order its results come in', () => {
    const list = store.search({ query: '', offset: 3, limit: 2 });
    expect(list.first).toEqual({ order: 'title', title: list.rows[0]!.title, productId: list.rows[0]!.productId, position: 0 });
    expect(list.last).toMatchObject({ order: 'title', productId: list.rows[1]!.productId });
    const ranked = store.search({ query: 'lamp 3', offset: 0, limit: 2 });
    expect(ranked.first).toEqual({ order: 'rank', variantId: ranked.rows[0]!.variantId });
    expect(store.search({ query: 'nothing-like-this', offset: 0, limit: 2 })).toMatchObject({ rows: [], first: null, last: null });
  });

  it('a cursor from the list finds nothing once a query is typed, and the other way round', () => {
    const list = store.search({ query: '', offset: 0, limit: 3 });
    expect(store.search({ query: 'lamp', offset: 0, limit: 3, after: list.last! }).rows).toEqual([]);
    const found = store.search({ query: 'lamp', offset: 0, limit: 3 });
    expect(store.search({ query: '', offset: 0, limit: 3, after: found.last! }).rows).toEqual([]);
  });
});

describe('CatalogStore.search: a broad search, counted up to a limit and in catalog order', () => {
  const lamps = Math.ceil((SEARCH_COUNT_LIMIT + 100) / 3); // more variants than the limit
  const store = catalogOf(lamps);

  it('counts a broad search only up to the limit and says the total is not exact', () => {
    expect(SEARCH_COUNT_LIMIT).toBe(RANKED_MATCHES_LIMIT);
    expect(store.search({ query: 'lamp', offset: 0, limit: 10 })).toMatchObject({ total: SEARCH_COUNT_LIMIT, totalIsExact: false });
    expect(store.search({ query: 'lamp', offset: 0, limit: 10, exactTotal: true })).toMatchObject({
      total: lamps * 3,
      totalIsExact: true,
    });
    // A narrow search, and the whole list, are counted exactly.
    expect(store.search({ query: 'lmp-12-s', offset: 0, limit: 10 })).toMatchObject({ total: 1, totalIsExact: true });
    expect(store.search({ query: '', offset: 0, limit: 10 })).toMatchObject({ total: lamps * 3, totalIsExact: true });
  });

  it('pages past the counted limit by keyset, in catalog order, to the last row', () => {
    const pages = walkForward(store, 'lamp', 250);
    const seen = pages.flatMap(ids);
    expect(seen).toHaveLength(lamps * 3);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(pages[1]!.first).toEqual({ order: 'catalog', variantId: seen[250] });
    // Back from the end, a page at a time.
    const last = pages.filter((p) => p.rows.length > 0).pop()!;
    const before = store.search({ query: 'lamp', offset: 0, limit: 250, before: last.first! });
    expect(ids(before)).toEqual(seen.slice(seen.indexOf(last.rows[0]!.variantId) - 250, seen.indexOf(last.rows[0]!.variantId)));
  });
});

describe('CatalogStore.search: a ranked page by keyset', () => {
  it('comes in rank order like the offset page, ties by the order FTS5 ranks them', () => {
    const store = new CatalogStore(openDatabase(path.join(tempDir(), 'studio.sqlite')));
    store.applyImport(
      [
        importedProduct({ sourceKey: 'tag', title: 'Zip Hoodie', tags: ['shirt'], variants: [{ sku: 'Z-1' }, { sku: 'Z-2' }] }),
        importedProduct({ sourceKey: 'tee', title: 'Shirt', variants: [{ sku: 'S-1' }, { sku: 'S-2' }, { sku: 'S-3' }] }),
      ],
      'csv',
      { dryRun: false },
    );
    const first = store.search({ query: 'shirt', offset: 0, limit: 2 });
    const second = store.search({ query: 'shirt', offset: 0, limit: 2, after: first.last! });
    const third = store.search({ query: 'shirt', offset: 0, limit: 2, after: second.last! });
    // Title matches before the tag matches, across the page boundaries.
    expect([...first.rows, ...second.rows, ...third.rows].map((r) => r.sku)).toEqual(['S-1', 'S-2', 'S-3', 'Z-1', 'Z-2']);
    expect(ids(store.search({ query: 'shirt', offset: 0, limit: 2, before: third.first! }))).toEqual(ids(second));
    // A cursor for a row that no longer matches finds nothing (the table reloads on a catalog change).
    expect(store.search({ query: 'hoodie', offset: 0, limit: 2, after: first.last! }).rows).toEqual([]);
  });
});

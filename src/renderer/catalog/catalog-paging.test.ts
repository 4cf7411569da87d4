import { describe, expect, it } from 'vitest';
import type { CatalogCursor } from '../../shared/domain/catalog.js';
import { pageRequest, resultCount, rowCountOf } from './catalog-paging.js';

const key = (variantId: number): CatalogCursor => ({ order: 'catalog', variantId });
const page = (length: number, first: number, last: number) => ({ rows: { length }, first: key(first), last: key(last) });

describe('pageRequest', () => {
  it('asks for the first page by offset 0', () => {
    expect(pageRequest(0, () => page(10, 1, 10), 10)).toEqual({ offset: 0 });
  });

  it('asks for the next page after the last row of the page before it, when that page was full', () => {
    const loaded = new Map([[3, page(10, 31, 40)]]);
    expect(pageRequest(4, (p) => loaded.get(p), 10)).toEqual({ after: key(40) });
  });

  it('scrolling up: asks for the page before the first row of the page after it', () => {
    const loaded = new Map([[5, page(10, 51, 60)]]);
    expect(pageRequest(4, (p) => loaded.get(p), 10)).toEqual({ before: key(51) });
  });

  it('falls back to an offset for a jump (no neighbour loaded), or after a short page', () => {
    expect(pageRequest(9, () => undefined, 10)).toEqual({ offset: 90 });
    const loaded = new Map([[3, page(4, 31, 34)]]);
    expect(pageRequest(4, (p) => loaded.get(p), 10)).toEqual({ offset: 40 });
  });
});

describe('rowCountOf', () => {
  it('is the total when it is exact', () => {
    expect(rowCountOf(1_234, true, [[0, { rows: { length: 200 } }]], 200)).toBe(1_234);
  });

  it('for a bounded total, grows a page past the last full page found, and stops at a short page', () => {
    const full = { rows: { length: 200 } };
    expect(rowCountOf(2_000, false, [[0, full]], 200)).toBe(2_000);
    expect(rowCountOf(2_000, false, [[0, full], [9, full]], 200)).toBe(2_200);
    expect(rowCountOf(2_000, false, [[9, full], [10, full], [11, full]], 200)).toBe(2_600);
    expect(rowCountOf(2_000, false, [[9, full], [10, { rows: { length: 37 } }]], 200)).toBe(2_037);
  });
});

describe('resultCount', () => {
  it('reads as a host would say it', () => {
    expect(resultCount(1, true)).toBe('1 result');
    expect(resultCount(1_234, true)).toBe(`${(1_234).toLocaleString()} results`);
    expect(resultCount(2_000, false)).toBe(`${(2_000).toLocaleString()}+ results`);
  });
});

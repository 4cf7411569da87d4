/**
 * How the catalog table pages through results (pure, so it is tested on its
 * own): which request loads a page, how many rows the table has room for
 * when a broad search was counted only so far, and how the count reads.
 */
import type { CatalogCursor } from '../../shared/domain/catalog.js';

interface LoadedPage {
  readonly rows: { readonly length: number };
  readonly first: CatalogCursor | null;
  readonly last: CatalogCursor | null;
}

/** Where a page starts: after the page before it, before the page after it (keyset), or by offset for a jump. */
export function pageRequest(
  page: number,
  neighbour: (page: number) => LoadedPage | undefined,
  pageSize: number,
): { offset: number } | { after: CatalogCursor } | { before: CatalogCursor } {
  if (page === 0) return { offset: 0 };
  const previous = neighbour(page - 1);
  if (previous?.last && previous.rows.length === pageSize) return { after: previous.last };
  const next = neighbour(page + 1);
  if (next?.first) return { before: next.first };
  return { offset: page * pageSize };
}

/**
 * How many rows the table has room for. An exact total is that; a bounded
 * one ("2,000+") grows as the host scrolls: up to the last page found, and a
 * page more while that page was full, until a short page shows the end.
 */
export function rowCountOf(
  total: number,
  totalIsExact: boolean,
  loaded: Iterable<readonly [number, { readonly rows: { readonly length: number } }]>,
  pageSize: number,
): number {
  if (totalIsExact) return total;
  let extent = 0;
  for (const [page, { rows }] of loaded) {
    const end = page * pageSize + rows.length;
    if (rows.length < pageSize) return end; // the end of the results
    extent = Math.max(extent, end);
  }
  return extent >= total ? extent + pageSize : total;
}

/** "1 result", "1,234 results", or for a search counted only so far "2,000+ results". */
export function resultCount(total: number, exact: boolean): string {
  if (!exact) return `${total.toLocaleString()}+ results`;
  return `${total.toLocaleString()} ${total === 1 ? 'result' : 'results'}`;
}

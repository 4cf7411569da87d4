import { useCallback, useEffect, useRef, useState } from 'react';
import type { CatalogCursor, CatalogRow } from '../../shared/domain/catalog.js';
import { isConnectionError, RELOAD_AFTER_CONNECTION_ERROR_MS } from '../api/connection-errors.js';
import { useStudio, useStudioEvent } from '../api/studio-context.js';
import { pageRequest, rowCountOf } from './catalog-paging.js';

export const CATALOG_PAGE_SIZE = 200;

export interface CatalogPages {
  /** Rows matching the query; null until the first page has arrived. A lower bound when not `totalIsExact`. */
  readonly total: number | null;
  /** False for a broad search counted only up to a limit: the total reads "2,000+". */
  readonly totalIsExact: boolean;
  /** Rows the table has room for: the total, or for a bounded one as far as the pages found so far (and a page more). */
  readonly rowCount: number;
  /** The query the rows on screen belong to (lags the typed one until its first page arrives). */
  readonly shownQuery: string | null;
  readonly error: string | null;
  /** The row, if its page is loaded; undefined shows a placeholder. */
  rowAt(index: number): CatalogRow | undefined;
  /** Loads the pages covering rows first..last (the visible range). */
  ensureRange(first: number, last: number): void;
}

interface Page {
  readonly generation: number;
  readonly rows: readonly CatalogRow[];
  /** Sort keys of its first and last rows: the neighbouring pages are asked for by keyset from them. */
  readonly first: CatalogCursor | null;
  readonly last: CatalogCursor | null;
}

/**
 * The search results, a page of rows at a time, for a virtualized table over
 * up to 100,000 variants. Each query (and each catalog change) starts a new
 * generation: answers from an older generation are dropped, so a slow
 * response for "sh" can never overwrite the results for "shirt". The rows
 * on screen stay until the new ones arrive, so typing never flashes empty.
 */
export function useCatalogPages(query: string): CatalogPages {
  const studio = useStudio();
  const generation = useRef(0);
  const pages = useRef(new Map<number, Page>());
  const inFlight = useRef(new Set<string>());
  const lastRange = useRef<[number, number]>([0, 0]);
  const shownQuery = useRef<string | null>(null);
  /** Set after a connection error: one reload once the studio can answer again. */
  const retryTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refreshRef = useRef<() => void>(() => undefined);
  const [snapshot, setSnapshot] = useState<{
    total: number | null;
    totalIsExact: boolean;
    rowCount: number;
    shownQuery: string | null;
    error: string | null;
  }>({ total: null, totalIsExact: true, rowCount: 0, shownQuery: null, error: null });
  const [, setVersion] = useState(0);
  const queryRef = useRef(query);
  queryRef.current = query;

  const loadPage = useCallback(
    (page: number) => {
      const gen = generation.current;
      const key = `${gen}:${page}`;
      if (inFlight.current.has(key)) return;
      inFlight.current.add(key);
      const forQuery = queryRef.current;
      const from = pageRequest(
        page,
        (p) => {
          const loaded = pages.current.get(p);
          return loaded?.generation === gen ? loaded : undefined;
        },
        CATALOG_PAGE_SIZE,
      );
      void studio.searchCatalog({ query: forQuery, limit: CATALOG_PAGE_SIZE, ...from }).then((result) => {
        inFlight.current.delete(key);
        if (gen !== generation.current) return; // stale: the query or the catalog changed since
        if (!result.ok) {
          if (isConnectionError(result.error)) {
            // The banner explains; try again once the link is back.
            if (result.error.code === 'unavailable') {
              retryTimer.current ??= setTimeout(() => {
                retryTimer.current = null;
                refreshRef.current();
              }, RELOAD_AFTER_CONNECTION_ERROR_MS);
            }
          } else {
            setSnapshot((s) => ({ ...s, error: result.error.message }));
          }
          return;
        }
        // First answer for a new query: the old query's rows are dropped now, not before.
        if (shownQuery.current !== forQuery) pages.current.clear();
        shownQuery.current = forQuery;
        const { rows, first, last, total, totalIsExact } = result.value;
        pages.current.set(page, { generation: gen, rows, first, last });
        const current = [...pages.current].filter(([, p]) => p.generation === gen);
        const rowCount = rowCountOf(total, totalIsExact, current, CATALOG_PAGE_SIZE);
        setSnapshot({ total, totalIsExact, rowCount, shownQuery: forQuery, error: null });
        setVersion((v) => v + 1);
      });
    },
    [studio],
  );

  const ensureRange = useCallback(
    (first: number, last: number) => {
      lastRange.current = [first, last];
      const firstPage = Math.floor(Math.max(0, first) / CATALOG_PAGE_SIZE);
      const lastPage = Math.floor(Math.max(0, last) / CATALOG_PAGE_SIZE);
      for (let p = firstPage; p <= lastPage; p++) {
        if (pages.current.get(p)?.generation !== generation.current) loadPage(p);
      }
    },
    [loadPage],
  );

  const refresh = useCallback(() => {
    generation.current += 1;
    loadPage(0); // carries the new total
    const [first, last] = lastRange.current;
    ensureRange(first, last);
  }, [loadPage, ensureRange]);

  refreshRef.current = refresh;
  useEffect(
    () => () => {
      if (retryTimer.current) clearTimeout(retryTimer.current);
    },
    [],
  );

  useEffect(() => {
    lastRange.current = [0, 0];
    refresh();
  }, [query, refresh]);

  useStudioEvent('catalogChanged', () => refresh());

  const rowAt = useCallback((index: number) => {
    const page = pages.current.get(Math.floor(index / CATALOG_PAGE_SIZE));
    return page?.rows[index % CATALOG_PAGE_SIZE];
  }, []);

  return { ...snapshot, rowAt, ensureRange };
}

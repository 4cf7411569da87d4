import { useCallback, useEffect, useRef, useState } from 'react';
import type { CatalogRow, ProductDetail } from '../../shared/domain/catalog.js';
import { useStudio } from '../api/studio-context.js';
import { AddToRundownPopover } from '../catalog/AddToRundownPopover.js';
import { PicturesStatus } from '../catalog/PicturesStatus.js';
import { resultCount } from '../catalog/catalog-paging.js';
import { CatalogTable } from '../catalog/CatalogTable.js';
import { ImportDialog } from '../catalog/ImportDialog.js';
import { ProductDetailDrawer } from '../catalog/ProductDetailDrawer.js';
import { useCatalogPages } from '../catalog/use-catalog-pages.js';
import { needsVariantChoice, type ProductPick } from '../catalog/variant-choice.js';
import { useRundown } from '../rundown/rundown-context.js';
import { isModalOpen, isTypingTarget } from '../ui/Modal.js';
import { EmptyState } from '../ui/EmptyState.js';
import { Panel } from './Panel.js';

const SEARCH_DEBOUNCE_MS = 120;

type Notice = { readonly kind: 'ok' | 'error'; readonly text: string };

/** Where the variant popover opens for the keyboard's row: its "+ Rundown" button when on screen, else the grid. */
function anchorOf(index: number, grid: HTMLElement | null): DOMRect {
  return (document.querySelector(`#catalog-row-${index} .catalog-add`) ?? grid ?? document.body).getBoundingClientRect();
}

const rowLabel = (row: CatalogRow) => (row.variantTitle ? `${row.title} — ${row.variantTitle}` : row.title);

/** "+ Rundown" on a product with variants: which ones (see AddToRundownPopover). */
interface VariantQuestion {
  readonly product: ProductDetail;
  readonly clickedVariantId: number;
  readonly anchor: DOMRect;
}

/**
 * Find any product while live: search as you type, arrows and Enter, A adds
 * to the rundown (a product with more than one variant asks which: all of
 * them as one item, or some, one item each).
 */
export function CatalogPanel() {
  const studio = useStudio();
  const rundown = useRundown();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const pages = useCatalogPages(query);
  // The selection belongs to one result list: new results start at the top.
  const [selection, setSelection] = useState<{ query: string | null; index: number }>({ query: '', index: 0 });
  const selected = selection.query === pages.shownQuery ? selection.index : 0;
  const setSelected = (index: number) => setSelection({ query: pages.shownQuery, index });
  /** Enter or A pressed before the results for the typed text arrived: done once they do. */
  const [queued, setQueued] = useState<'open' | 'add' | null>(null);
  const stale = pages.shownQuery !== text.trim();
  const [detail, setDetail] = useState<{ productId: number; variantId: number | null } | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [question, setQuestion] = useState<VariantQuestion | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  // "Added …" fades after a few seconds; errors stay until the next action.
  useEffect(() => {
    if (notice?.kind !== 'ok') return;
    const timer = setTimeout(() => setNotice(null), 4000);
    return () => clearTimeout(timer);
  }, [notice]);

  // "/" jumps to the search box from anywhere, unless the host is typing somewhere.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target) || isModalOpen()) return;
      event.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const { addItems } = rundown;
  const addPicks = useCallback(
    async (picks: readonly ProductPick[], label: string) => {
      const result = await addItems(picks.map((p) => ({ kind: 'product', productId: p.productId, variantId: p.variantId })));
      setNotice(
        result.ok ? { kind: 'ok', text: `Added ${label} to ${result.value.show.name}.` } : { kind: 'error', text: result.error.message },
      );
    },
    [addItems],
  );
  const addToRundown = useCallback(
    (productId: number, variantId: number | null, label: string) => addPicks([{ productId, variantId }], label),
    [addPicks],
  );
  /** A row's "+ Rundown" (or A): a product with one variant goes in at once; with more, the host picks. */
  const addRow = useCallback(
    async (row: CatalogRow, anchor: DOMRect) => {
      const result = await studio.getProduct({ productId: row.productId });
      if (!result.ok) return setNotice({ kind: 'error', text: result.error.message });
      if (!needsVariantChoice(result.value)) return addToRundown(row.productId, row.variantId, rowLabel(row));
      setQuestion({ product: result.value, clickedVariantId: row.variantId, anchor });
    },
    [studio, addToRundown],
  );
  const openRow = (row: CatalogRow) => setDetail({ productId: row.productId, variantId: row.variantId });

  const runKeyAction = (action: 'open' | 'add') => {
    const row = pages.rowAt(selected);
    if (stale || !row) return setQueued(action);
    if (action === 'open') openRow(row);
    else void addRow(row, anchorOf(selected, gridRef.current));
  };
  useEffect(() => {
    if (!queued || stale) return;
    setQueued(null);
    const row = pages.rowAt(selected);
    if (!row) return;
    if (queued === 'open') setDetail({ productId: row.productId, variantId: row.variantId });
    else void addRow(row, anchorOf(selected, gridRef.current));
  }, [queued, stale, pages, selected, addRow]);
  const closeQuestion = () => {
    setQuestion(null);
    gridRef.current?.focus({ preventScroll: true });
  };

  const total = pages.total;
  const catalogEmpty = total === 0 && pages.shownQuery === '';

  return (
    <Panel
      id="catalog"
      title="Catalog"
      actions={
        <button type="button" className="button button-small" onClick={() => setImportOpen(true)}>
          Import…
        </button>
      }
    >
      <div className="catalog">
        <div className="catalog-toolbar">
          <input
            ref={searchRef}
            type="search"
            className="search-input"
            aria-label="Search products"
            placeholder="Search title, SKU, vendor, tag…  ( / )"
            value={text}
            spellCheck={false}
            autoComplete="off"
            aria-controls="catalog-grid"
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' || e.key === 'Enter') {
                e.preventDefault();
                setQuery(text.trim()); // no need to wait for the debounce
                gridRef.current?.focus();
              } else if (e.key === 'Escape' && text) {
                e.preventDefault();
                setText('');
              }
            }}
          />
          <span className="result-count" role="status" aria-live="polite">
            {total === null ? '' : resultCount(total, pages.totalIsExact)}
          </span>
        </div>
        {notice && (
          <p className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
            {notice.text}
          </p>
        )}
        <PicturesStatus />
        {pages.error && (
          <p className="banner banner-error" role="alert">
            {pages.error}
          </p>
        )}
        {catalogEmpty ? (
          <div className="catalog-empty">
            <EmptyState title="No products yet">
              Import your product list — a Shopify or WooCommerce export, a Google Merchant feed or any CSV — then search it by
              title, SKU or tag while you are live.
            </EmptyState>
            <button type="button" className="button button-primary" onClick={() => setImportOpen(true)}>
              Import products
            </button>
          </div>
        ) : total === 0 ? (
          <p className="catalog-no-match">No products match “{pages.shownQuery}”.</p>
        ) : (
          <CatalogTable
            pages={pages}
            selected={selected}
            onSelect={setSelected}
            onOpen={openRow}
            onAdd={(row, anchor) => void addRow(row, anchor)}
            onKeyAction={runKeyAction}
            stale={stale}
            gridRef={gridRef}
          />
        )}
        <p className="keys-hint" aria-hidden="true">
          <kbd>/</kbd> search · <kbd>↑</kbd>
          <kbd>↓</kbd> select · <kbd>Enter</kbd> details · <kbd>A</kbd> add to rundown · drag a row onto the rundown
        </p>
      </div>
      {detail && (
        <ProductDetailDrawer
          productId={detail.productId}
          variantId={detail.variantId}
          onClose={() => setDetail(null)}
          onAdd={(productId, variantId, label) => void addToRundown(productId, variantId, label)}
        />
      )}
      {importOpen && <ImportDialog onClose={() => setImportOpen(false)} />}
      {question && (
        <AddToRundownPopover
          product={question.product}
          clickedVariantId={question.clickedVariantId}
          anchor={question.anchor}
          onClose={closeQuestion}
          onAdd={(picks, label) => {
            closeQuestion();
            void addPicks(picks, label);
          }}
        />
      )}
    </Panel>
  );
}

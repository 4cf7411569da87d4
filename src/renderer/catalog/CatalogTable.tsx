import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { CatalogRow } from '../../shared/domain/catalog.js';
import { PinButton } from '../live/PinButton.js';
import { formatMoney, formatStock, isMarkedDown } from '../ui/format.js';
import { ProductThumb } from '../ui/ProductThumb.js';
import type { CatalogPages } from './use-catalog-pages.js';

const ROW_HEIGHT = 40;
const HEADER_HEIGHT = 30;

/** Drag data for dropping a catalog row on the rundown. */
export const CATALOG_DRAG_TYPE = 'application/x-studio-catalog-row';

export interface CatalogTableProps {
  readonly pages: CatalogPages;
  readonly selected: number;
  readonly onSelect: (index: number) => void;
  /** Mouse: the row the host clicked. */
  readonly onOpen: (row: CatalogRow) => void;
  /** "+ Rundown": `anchor` is the button, for the variant popover to open by. */
  readonly onAdd: (row: CatalogRow, anchor: DOMRect) => void;
  /** Keyboard: Enter / A on the selected row (the panel resolves it, as results may still be arriving). */
  readonly onKeyAction: (action: 'open' | 'add') => void;
  /** The rows on screen are for an older query; the new ones are on their way. */
  readonly stale: boolean;
  /** For "/" and the search box's ArrowDown. */
  readonly gridRef: React.RefObject<HTMLDivElement | null>;
}

/**
 * The catalog as a keyboard-driven grid: only the rows in view are in the
 * DOM (smooth at 100,000 variants), and their pages are fetched as they
 * scroll into view. The grid is one tab stop; arrows move the selection,
 * Enter opens the product, A adds the selected row to the rundown. Every
 * column and each row's actions (Pin, + Rundown, details) fit the panel
 * from a 1280-pixel-wide window up: the variant and its SKU share a column.
 */
export function CatalogTable({ pages, selected, onSelect, onOpen, onAdd, onKeyAction, stale, gridRef }: CatalogTableProps) {
  const count = pages.total === null ? 0 : pages.rowCount;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => gridRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const visible = virtualizer.getVirtualItems();
  const first = visible[0]?.index ?? 0;
  const last = visible[visible.length - 1]?.index ?? 0;
  const { ensureRange } = pages;
  useEffect(() => {
    if (count > 0) ensureRange(first, last);
  }, [first, last, count, ensureRange]);

  const lastScrolledTo = useRef(-1);
  // A new result list starts at the top.
  useEffect(() => {
    lastScrolledTo.current = -1;
    virtualizer.scrollToOffset(0);
  }, [pages.shownQuery, virtualizer]);

  useEffect(() => {
    if (selected >= 0 && selected < count && lastScrolledTo.current !== selected) {
      lastScrolledTo.current = selected;
      virtualizer.scrollToIndex(selected, { align: 'auto' });
    }
  }, [selected, count, virtualizer]);

  const pageStep = Math.max(1, Math.floor(((gridRef.current?.clientHeight ?? 400) - HEADER_HEIGHT) / ROW_HEIGHT) - 1);

  const selectByPointer = (index: number) => {
    onSelect(index);
    gridRef.current?.focus({ preventScroll: true });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (count === 0 || event.target !== event.currentTarget) return;
    const move = (to: number) => {
      event.preventDefault();
      onSelect(Math.min(count - 1, Math.max(0, to)));
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(selected + 1);
      case 'ArrowUp':
        return move(selected - 1);
      case 'PageDown':
        return move(selected + pageStep);
      case 'PageUp':
        return move(selected - pageStep);
      case 'Home':
        return move(0);
      case 'End':
        return move(count - 1);
      case 'Enter':
        event.preventDefault();
        onKeyAction('open');
        return;
      case 'a':
      case 'A':
        if (!event.ctrlKey && !event.metaKey && !event.altKey) {
          event.preventDefault();
          onKeyAction('add');
        }
        return;
    }
  };

  return (
    <div
      ref={gridRef}
      id="catalog-grid"
      className={`catalog-grid${stale ? ' is-stale' : ''}`}
      aria-busy={stale}
      role="grid"
      aria-label="Products"
      aria-rowcount={count + 1}
      aria-colcount={6}
      aria-activedescendant={count > 0 && selected >= 0 ? `catalog-row-${selected}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="catalog-head">
        <div role="row" aria-rowindex={1} className="catalog-row catalog-row-head">
          <span role="columnheader" className="cell-thumb">
            <span className="visually-hidden">Image</span>
          </span>
          <span role="columnheader">Product</span>
          <span role="columnheader" className="cell-head-stack">
            <span>Variant</span>
            <span className="cell-head-sub">
              <span className="visually-hidden"> · </span>SKU
            </span>
          </span>
          <span role="columnheader" className="cell-num">
            Price
          </span>
          <span role="columnheader" className="cell-num">
            Stock
          </span>
          <span role="columnheader" className="cell-action">
            <span className="visually-hidden">Actions</span>
          </span>
        </div>
      </div>
      <div role="rowgroup" className="catalog-body" style={{ height: virtualizer.getTotalSize() - HEADER_HEIGHT }}>
        {visible.map((v) => {
          const row = pages.rowAt(v.index);
          const style = { transform: `translateY(${v.start - HEADER_HEIGHT}px)`, height: ROW_HEIGHT };
          if (!row) {
            return (
              <div key={v.key} role="row" aria-rowindex={v.index + 2} className="catalog-row catalog-row-loading" style={style}>
                <span role="gridcell" className="cell-loading">
                  Loading…
                </span>
              </div>
            );
          }
          return (
            <CatalogRowView
              key={v.key}
              index={v.index}
              row={row}
              style={style}
              selected={v.index === selected}
              onSelect={selectByPointer}
              onOpen={onOpen}
              onAdd={onAdd}
            />
          );
        })}
      </div>
    </div>
  );
}

interface RowViewProps {
  readonly index: number;
  readonly row: CatalogRow;
  readonly style: React.CSSProperties;
  readonly selected: boolean;
  readonly onSelect: (index: number) => void;
  readonly onOpen: (row: CatalogRow) => void;
  readonly onAdd: (row: CatalogRow, anchor: DOMRect) => void;
}

const rowTitle = (row: CatalogRow) => (row.variantTitle ? `${row.title} — ${row.variantTitle}` : row.title);

function CatalogRowView({ index, row, style, selected, onSelect, onOpen, onAdd }: RowViewProps) {
  const soldOut = row.stock !== null && row.stock <= 0;
  return (
    <div
      id={`catalog-row-${index}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`catalog-row${selected ? ' is-selected' : ''}${row.status !== 'active' ? ' is-inactive' : ''}`}
      style={style}
      draggable
      onDragStart={(e) => {
        e.dataTransfer.setData(CATALOG_DRAG_TYPE, JSON.stringify({ productId: row.productId, variantId: row.variantId }));
        e.dataTransfer.setData('text/plain', row.sku ?? row.title);
        e.dataTransfer.effectAllowed = 'copy';
      }}
      onClick={() => onSelect(index)}
      onDoubleClick={() => onOpen(row)}
    >
      <span role="gridcell" className="cell-thumb">
        <ProductThumb url={row.imageUrl} />
      </span>
      <span role="gridcell" className="cell-title">
        <button type="button" tabIndex={-1} className="link-button" title={row.title} onClick={() => onOpen(row)}>
          {row.title}
        </button>
        <span className="cell-sub">
          {row.vendor}
          {row.status !== 'active' && <span className={`status-chip status-${row.status}`}>{row.status}</span>}
        </span>
      </span>
      <span role="gridcell" className="cell-variant">
        <span className="cell-text" title={row.variantTitle}>
          {row.variantTitle || <span className="muted">—</span>}
        </span>
        <span className="cell-sub cell-mono" title={row.sku ?? ''}>
          {row.sku ?? '—'}
        </span>
      </span>
      <span role="gridcell" className="cell-num">
        <span>{formatMoney(row.price, row.currency)}</span>
        {isMarkedDown(row.price, row.compareAtPrice) && <s className="compare-at">{formatMoney(row.compareAtPrice, row.currency)}</s>}
      </span>
      <span role="gridcell" className={`cell-num${soldOut ? ' sold-out' : ''}`}>
        {formatStock(row.stock)}
      </span>
      <span role="gridcell" className="cell-action">
        <PinButton productId={row.productId} variantId={row.variantId} label={rowTitle(row)} tabIndex={-1} />
        <button
          type="button"
          tabIndex={-1}
          className="button button-small catalog-add"
          title="Add to the rundown (A)"
          onClick={(e) => onAdd(row, e.currentTarget.getBoundingClientRect())}
        >
          + Rundown
        </button>
        <button
          type="button"
          tabIndex={-1}
          className="button button-small catalog-details"
          title="Product details (Enter)"
          aria-label={`Details of ${rowTitle(row)}`}
          onClick={() => onOpen(row)}
        >
          <span className="details-glyph" aria-hidden="true">
            i
          </span>
        </button>
      </span>
    </div>
  );
}

import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { RundownItem } from '../../shared/domain/rundown.js';
import { useStudio } from '../api/studio-context.js';
import { CATALOG_DRAG_TYPE } from '../catalog/CatalogTable.js';
import { useRundown } from './rundown-context.js';
import { RundownItemRow } from './RundownItemRow.js';
import type { RunRundownCall } from './ShowPicker.js';

const ITEM_DRAG_TYPE = 'application/x-studio-rundown-item';

/** Where a drop would land: before the item at this index (items.length: at the end). */
type DropTarget = number | null;

/**
 * The ordered items of the active show. One tab stop (roving tabindex):
 * ↑/↓ select, Alt+↑/↓ move the selected item, Delete removes it. Items
 * reorder by drag; catalog rows can be dropped in at any place.
 */
export function RundownList({ run }: { run: RunRundownCall }) {
  const studio = useStudio();
  const { rundown, currentItem, nextItem, addItems } = useRundown();
  const items = rundown?.items ?? [];
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<DropTarget>(null);
  const refs = useRef(new Map<number, HTMLLIElement>());
  /** Set when the keyboard moved or selected an item: focus follows it after the re-render. */
  const focusAfterRender = useRef<number | null>(null);

  const selected = items.find((i) => i.id === selectedId) ?? null;
  const tabStopId = selected?.id ?? currentItem?.id ?? items[0]?.id ?? null;

  useEffect(() => {
    const id = focusAfterRender.current;
    if (id === null) return;
    focusAfterRender.current = null;
    refs.current.get(id)?.focus();
  });

  const move = (item: RundownItem, toPosition: number) => {
    if (toPosition < 0 || toPosition >= items.length || toPosition === item.position) return;
    focusAfterRender.current = item.id;
    void run(studio.moveRundownItem({ itemId: item.id, toPosition }));
  };

  const remove = (item: RundownItem) => {
    const neighbour = items[item.position + 1] ?? items[item.position - 1] ?? null;
    setSelectedId(neighbour?.id ?? null);
    if (neighbour) focusAfterRender.current = neighbour.id;
    void run(studio.removeRundownItem({ itemId: item.id }));
  };

  const onItemKeyDown = (event: KeyboardEvent<HTMLLIElement>, item: RundownItem) => {
    if (event.target !== event.currentTarget) return; // typing in the notes or the time
    const index = items.indexOf(item);
    const select = (other: RundownItem | undefined) => {
      if (!other) return;
      event.preventDefault();
      setSelectedId(other.id);
      focusAfterRender.current = other.id;
    };
    if (event.altKey && event.key === 'ArrowUp') {
      event.preventDefault();
      move(item, item.position - 1);
    } else if (event.altKey && event.key === 'ArrowDown') {
      event.preventDefault();
      move(item, item.position + 1);
    } else if (event.key === 'ArrowUp') select(items[index - 1]);
    else if (event.key === 'ArrowDown') select(items[index + 1]);
    else if (event.key === 'Home') select(items[0]);
    else if (event.key === 'End') select(items[items.length - 1]);
    else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      remove(item);
    }
  };

  const acceptsDrag = (e: DragEvent) => e.dataTransfer.types.includes(ITEM_DRAG_TYPE) || e.dataTransfer.types.includes(CATALOG_DRAG_TYPE);

  const onDragOverItem = (e: DragEvent<HTMLLIElement>, index: number) => {
    if (!acceptsDrag(e)) return;
    e.preventDefault();
    e.stopPropagation();
    const box = e.currentTarget.getBoundingClientRect();
    const target = e.clientY < box.top + box.height / 2 ? index : index + 1;
    e.dataTransfer.dropEffect = e.dataTransfer.types.includes(ITEM_DRAG_TYPE) ? 'move' : 'copy';
    if (target !== dropAt) setDropAt(target);
  };

  const onDrop = (e: DragEvent) => {
    const before = dropAt ?? items.length;
    setDropAt(null);
    const moving = e.dataTransfer.getData(ITEM_DRAG_TYPE);
    const fromCatalog = e.dataTransfer.getData(CATALOG_DRAG_TYPE);
    if (!moving && !fromCatalog) return;
    e.preventDefault();
    if (moving) {
      const item = items.find((i) => i.id === Number(moving));
      // Dropping below itself: everything after it shifts up by one.
      if (item) move(item, before > item.position ? before - 1 : before);
    } else {
      const { productId, variantId } = JSON.parse(fromCatalog) as { productId: number; variantId: number | null };
      void addItems([{ kind: 'product', productId, variantId }], before).then((r) => !r.ok && run(Promise.resolve(r)));
    }
  };

  return (
    <ol
      className={`rundown-list${dropAt !== null ? ' is-drop-target' : ''}`}
      aria-label="Rundown items"
      onDragOver={(e) => {
        if (!acceptsDrag(e)) return;
        e.preventDefault();
        if (e.target === e.currentTarget && dropAt !== items.length) setDropAt(items.length);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDropAt(null);
      }}
      onDrop={onDrop}
    >
      {items.map((item, index) => (
        <RundownItemRow
          key={item.id}
          ref={(el) => {
            if (el) refs.current.set(item.id, el);
            else refs.current.delete(item.id);
          }}
          item={item}
          isFirst={index === 0}
          isLast={index === items.length - 1}
          isCurrent={item.id === currentItem?.id}
          isNext={item.id === nextItem?.id}
          selected={item.id === selected?.id}
          tabStop={item.id === tabStopId}
          dropBefore={dropAt === index}
          dropAfter={dropAt === items.length && index === items.length - 1}
          onSelect={() => setSelectedId(item.id)}
          onKeyDown={(e) => onItemKeyDown(e, item)}
          onDragStart={(e) => {
            e.dataTransfer.setData(ITEM_DRAG_TYPE, String(item.id));
            e.dataTransfer.effectAllowed = 'move';
          }}
          onDragOver={(e) => onDragOverItem(e, index)}
          onDragEnd={() => setDropAt(null)}
          onMove={(delta) => move(item, item.position + delta)}
          onRemove={() => remove(item)}
          onMakeCurrent={() => rundown && void run(studio.setRundownCursor({ showId: rundown.show.id, itemId: item.id }))}
          onUpdate={(patch) => run(studio.updateRundownItem({ itemId: item.id, ...patch }))}
        />
      ))}
    </ol>
  );
}

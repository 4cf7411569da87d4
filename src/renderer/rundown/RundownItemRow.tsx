import { useId, useState, type DragEvent, type KeyboardEvent, type Ref } from 'react';
import type { RundownItem } from '../../shared/domain/rundown.js';
import { PinButton } from '../live/PinButton.js';
import { hotkeyNumberOf } from './pin-hotkeys.js';
import { useRundown } from './rundown-context.js';
import { formatDuration, formatMoney, formatStock, parseDurationInput } from '../ui/format.js';
import { ProductThumb } from '../ui/ProductThumb.js';
import { SEGMENT_GLYPHS, SEGMENT_LABELS } from './segment-types.js';

export interface RundownItemRowProps {
  readonly ref: Ref<HTMLLIElement>;
  readonly item: RundownItem;
  readonly isFirst: boolean;
  readonly isLast: boolean;
  readonly isCurrent: boolean;
  readonly isNext: boolean;
  readonly selected: boolean;
  readonly tabStop: boolean;
  readonly dropBefore: boolean;
  readonly dropAfter: boolean;
  readonly onSelect: () => void;
  readonly onKeyDown: (e: KeyboardEvent<HTMLLIElement>) => void;
  readonly onDragStart: (e: DragEvent<HTMLLIElement>) => void;
  readonly onDragOver: (e: DragEvent<HTMLLIElement>) => void;
  readonly onDragEnd: () => void;
  readonly onMove: (delta: -1 | 1) => void;
  readonly onRemove: () => void;
  readonly onMakeCurrent: () => void;
  readonly onUpdate: (patch: { notes?: string; plannedSeconds?: number | null }) => Promise<boolean>;
}

/** One rundown item: compact when idle; selected, it opens its notes, planned time and actions. */
export function RundownItemRow(props: RundownItemRowProps) {
  const { ref, item, isCurrent, isNext, selected } = props;
  const p = item.product;
  const { rundown } = useRundown();
  const hotkey = rundown ? hotkeyNumberOf(rundown.items, item.id) : null;
  const segmentType = item.segmentType ?? 'custom';
  const classes = ['rundown-item', `kind-${item.kind}`];
  if (isCurrent) classes.push('is-current');
  if (isNext) classes.push('is-next');
  if (selected) classes.push('is-selected');
  if (props.dropBefore) classes.push('drop-before');
  if (props.dropAfter) classes.push('drop-after');

  return (
    <li
      ref={ref}
      className={classes.join(' ')}
      tabIndex={props.tabStop ? 0 : -1}
      aria-current={isCurrent ? 'step' : undefined}
      draggable
      onClick={props.onSelect}
      onFocus={(e) => e.target === e.currentTarget && props.onSelect()}
      onKeyDown={props.onKeyDown}
      onDragStart={(e) => {
        // Dragging selected text out of the notes is not a reorder.
        if (e.target !== e.currentTarget) return;
        props.onDragStart(e);
      }}
      onDragOver={props.onDragOver}
      onDragEnd={props.onDragEnd}
    >
      <div className="rundown-item-main">
        <span className="drag-handle" aria-hidden="true" title="Drag to reorder">
          ⋮⋮
        </span>
        {item.kind === 'product' ? (
          <ProductThumb url={p?.imageUrl ?? null} />
        ) : (
          <span className={`segment-badge segment-${segmentType}`} aria-hidden="true">
            {SEGMENT_GLYPHS[segmentType]}
          </span>
        )}
        <div className="rundown-item-text">
          <p className="rundown-item-title">
            <span className="clip" title={item.title}>
              {item.title}
            </span>
            {isCurrent && <span className="cursor-chip cursor-now">Now</span>}
            {isNext && <span className="cursor-chip cursor-next">Next</span>}
          </p>
          <p className="rundown-item-sub">
            {item.kind === 'product' ? (
              <ProductFacts item={item} />
            ) : (
              <>
                <span className={`segment-type segment-${segmentType}`}>{SEGMENT_LABELS[segmentType]}</span>
                {item.notes && <span>{item.notes}</span>}
              </>
            )}
          </p>
        </div>
        <span className="rundown-item-time" title="Planned time">
          {item.plannedSeconds !== null ? formatDuration(item.plannedSeconds) : ''}
        </span>
        {item.kind === 'product' && p && (
          <PinButton productId={p.productId} variantId={p.variantId} rundownItemId={item.id} hotkey={hotkey} label={item.title} />
        )}
      </div>
      {selected && <ItemEditor {...props} />}
      {!selected && item.kind === 'product' && item.notes && <p className="rundown-item-notes clip">{item.notes}</p>}
      {p === null && item.kind === 'product' && <p className="rundown-item-notes warn-text">This product is no longer in the catalog.</p>}
    </li>
  );
}

function ProductFacts({ item }: { item: RundownItem }) {
  const p = item.product;
  if (!p) return null;
  const soldOut = p.stock !== null && p.stock <= 0;
  return (
    <>
      {p.variantTitle && <span>{p.variantTitle}</span>}
      {p.variantId === null && p.variantsCovered > 1 && <span data-testid="item-variants">All {p.variantsCovered} variants</span>}
      {p.sku && <span className="cell-mono">{p.sku}</span>}
      <span>{formatMoney(p.price, p.currency)}</span>
      {/* Units left in this show (stock imported minus confirmed claims): the number the pinned card, the watch page and the Claims tab show. */}
      {p.stock !== null && (
        <span className={soldOut ? 'sold-out' : undefined} data-testid="rundown-stock">
          {soldOut ? 'Sold out' : `${formatStock(p.stock)} left`}
        </span>
      )}
    </>
  );
}

function ItemEditor({ item, isFirst, isLast, isCurrent, onMove, onRemove, onMakeCurrent, onUpdate }: RundownItemRowProps) {
  const notesId = useId();
  const timeId = useId();
  const [notes, setNotes] = useState(item.notes);
  const [time, setTime] = useState(item.plannedSeconds === null ? '' : formatDuration(item.plannedSeconds));
  const [timeError, setTimeError] = useState<string | null>(null);

  const saveNotes = () => {
    if (notes !== item.notes) void onUpdate({ notes });
  };
  const saveTime = () => {
    const seconds = parseDurationInput(time);
    if (seconds === undefined) {
      setTimeError('Type minutes, like 5 or 4:30.');
      return;
    }
    setTimeError(null);
    if (seconds !== item.plannedSeconds) void onUpdate({ plannedSeconds: seconds });
  };

  return (
    <div className="rundown-item-editor" onClick={(e) => e.stopPropagation()}>
      <label className="field" htmlFor={notesId}>
        <span>Notes</span>
      </label>
      <textarea
        id={notesId}
        className="textarea"
        rows={2}
        maxLength={2000}
        value={notes}
        placeholder="Talking points, discount code, what to show…"
        onChange={(e) => setNotes(e.target.value)}
        onBlur={saveNotes}
      />
      <div className="rundown-item-toolbar">
        <label className="field field-inline" htmlFor={timeId}>
          <span>Planned</span>
          <input
            id={timeId}
            className="input input-time"
            value={time}
            placeholder="m:ss"
            aria-invalid={timeError !== null}
            aria-describedby={timeError ? `${timeId}-error` : undefined}
            onChange={(e) => setTime(e.target.value)}
            onBlur={saveTime}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                saveTime();
              }
            }}
          />
        </label>
        <span className="toolbar-spacer" />
        <button type="button" className="button button-small" disabled={isCurrent} onClick={onMakeCurrent}>
          Make current
        </button>
        <button type="button" className="button button-small button-icon" aria-label="Move up" title="Move up (Alt+↑)" disabled={isFirst} onClick={() => onMove(-1)}>
          ↑
        </button>
        <button type="button" className="button button-small button-icon" aria-label="Move down" title="Move down (Alt+↓)" disabled={isLast} onClick={() => onMove(1)}>
          ↓
        </button>
        <button type="button" className="button button-small button-icon" aria-label="Remove" title="Remove from the rundown (Delete)" onClick={onRemove}>
          ✕
        </button>
      </div>
      {timeError && (
        <p id={`${timeId}-error`} className="field-error" role="alert">
          {timeError}
        </p>
      )}
    </div>
  );
}

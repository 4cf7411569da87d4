import { useEffect, useId, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import type { ProductDetail } from '../../shared/domain/catalog.js';
import { formatStock } from '../ui/format.js';
import { addButtonLabel, addedLabel, picksFor, toggleVariant, type ProductPick, type VariantChoice } from './variant-choice.js';

export interface AddToRundownPopoverProps {
  readonly product: ProductDetail;
  /** The row the host pressed "+ Rundown" on: ticked first when they choose "only some". */
  readonly clickedVariantId: number | null;
  /** Where it opens: the button (or row) it came from, in viewport pixels. */
  readonly anchor: DOMRect;
  readonly onAdd: (picks: ProductPick[], label: string) => void;
  readonly onClose: () => void;
}

const GAP = 4;
const HIDDEN_UNTIL_PLACED: CSSProperties = { visibility: 'hidden' };

/**
 * "+ Rundown" on a product with more than one variant: a small popover
 * (a non-modal <dialog>, so the studio's single-key shortcuts stay quiet
 * while it is open) offering the whole product as one item — the default,
 * what Enter adds — or only the variants the host ticks, one item each.
 * Esc, Cancel or a click outside closes it.
 */
export function AddToRundownPopover({ product, clickedVariantId, anchor, onAdd, onClose }: AddToRundownPopoverProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const submit = useRef<HTMLButtonElement>(null);
  const focused = useRef(false);
  const titleId = useId();
  const [choice, setChoice] = useState<VariantChoice>({ kind: 'all' });
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const outside = (event: PointerEvent) => {
      if (!dialog.contains(event.target as Node)) onCloseRef.current();
    };
    document.addEventListener('pointerdown', outside, true);
    return () => {
      document.removeEventListener('pointerdown', outside, true);
      dialog.close();
      focused.current = false;
    };
  }, []);

  // Right-aligned under the button, or above it when the room is below it is short; never off screen.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.show();
    dialog.style.maxHeight = '';
    const height = dialog.offsetHeight;
    const width = dialog.offsetWidth;
    const below = window.innerHeight - anchor.bottom - GAP;
    const top = below >= height || below >= anchor.top ? anchor.bottom + GAP : Math.max(GAP, anchor.top - GAP - height);
    const left = Math.min(Math.max(GAP, anchor.right - width), window.innerWidth - width - GAP);
    Object.assign(dialog.style, { top: `${top}px`, left: `${left}px`, maxHeight: `${window.innerHeight - top - GAP}px`, visibility: 'visible' });
    // Ready for Enter in the same frame it appears (a quick host presses it right after the click); once placed, as hidden things take no focus.
    if (!focused.current) submit.current?.focus();
    focused.current = true;
  }, [anchor, choice.kind]);

  const picks = picksFor(product, choice);
  const add = () => {
    if (picks.length > 0) onAdd(picks, addedLabel(product, choice));
  };
  const n = product.variants.length;

  return (
    <dialog
      ref={ref}
      className="popover add-rundown-popover"
      aria-labelledby={titleId}
      style={HIDDEN_UNTIL_PLACED}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCloseRef.current();
        } else if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement)) {
          // Enter on a radio or a tick box adds too (a button's Enter is its own click).
          event.preventDefault();
          add();
        }
      }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          add();
        }}
      >
        <h3 className="popover-title" id={titleId}>
          Add “{product.title}” to the rundown
        </h3>
        <fieldset className="variant-choice">
          <legend className="visually-hidden">Which variants</legend>
          <label className="choice">
            <input type="radio" name="variants" checked={choice.kind === 'all'} onChange={() => setChoice({ kind: 'all' })} />
            <span>
              <span className="choice-title">All {n} variants, one item</span>
              <span className="choice-help">Pin it once; viewers claim their size or colour in chat (“sold M”).</span>
            </span>
          </label>
          <label className="choice">
            <input
              type="radio"
              name="variants"
              checked={choice.kind === 'some'}
              onChange={() => setChoice({ kind: 'some', variantIds: clickedVariantId === null ? [] : [clickedVariantId] })}
            />
            <span>
              <span className="choice-title">Only some, one item each</span>
              <span className="choice-help">Each variant gets its own card, price and stock.</span>
            </span>
          </label>
          {choice.kind === 'some' && (
            <ul className="variant-picks" aria-label="Variants">
              {product.variants.map((v) => (
                <li key={v.id}>
                  <label>
                    <input type="checkbox" checked={choice.variantIds.includes(v.id)} onChange={() => setChoice((c) => toggleVariant(c, v.id))} />
                    <span className="variant-pick-title">{v.title || 'Default'}</span>
                    <span className="variant-pick-facts">
                      {v.sku ?? ''} {v.stock !== null && `· ${formatStock(v.stock)}`}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
        <div className="popover-actions">
          <button type="button" className="button button-small" onClick={() => onCloseRef.current()}>
            Cancel
          </button>
          <button ref={submit} type="submit" className="button button-small button-primary" disabled={picks.length === 0}>
            {addButtonLabel(product, choice)}
          </button>
        </div>
      </form>
    </dialog>
  );
}

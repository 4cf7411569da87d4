import type { MouseEvent } from 'react';
import './pin.css';
import { isPinned, useLiveCommands, usePin } from './live-context.js';

export interface PinButtonProps {
  readonly productId: number;
  readonly variantId: number | null;
  readonly rundownItemId?: number | null;
  /** The number key (1–9) that pins this from anywhere in the studio (a rundown item's), shown on the button. */
  readonly hotkey?: number | null;
  /** The product as the host knows it, for the accessible name ("Pin Linen dress"). */
  readonly label: string;
  readonly size?: 'small' | 'normal';
  /** -1 inside a grid that is one tab stop (the catalog). */
  readonly tabIndex?: number;
}

/**
 * One click puts the product on every viewer's screen; on the pinned product
 * it reads Unpin. No confirmation: pinning the wrong product is fixed by the
 * next click, and a live host has no time for dialogs.
 */
export function PinButton({ productId, variantId, rundownItemId = null, hotkey = null, label, size = 'small', tabIndex }: PinButtonProps) {
  const pin = usePin();
  const { pinProduct, unpinProduct } = useLiveCommands();
  const pinned = isPinned(pin, productId, variantId);
  const onClick = (event: MouseEvent) => {
    // Rows select themselves on click; pinning must not also move the selection.
    event.stopPropagation();
    if (pinned) void unpinProduct();
    else void pinProduct({ productId, variantId, rundownItemId });
  };
  return (
    <button
      type="button"
      tabIndex={tabIndex}
      className={`button pin-button${size === 'small' ? ' button-small' : ''}${pinned ? ' is-pinned' : ''}`}
      aria-pressed={pinned}
      aria-label={`${pinned ? 'Unpin' : 'Pin'} ${label}`}
      title={pinned ? 'Take it off viewers’ screens' : 'Show it on every viewer’s screen now'}
      onClick={onClick}
    >
      <span className="pin-glyph" aria-hidden="true" />
      {pinned ? 'Unpin' : 'Pin'}
      {hotkey !== null && !pinned && (
        <kbd className="pin-key" data-testid="pin-key" title={`Press ${hotkey} to pin`}>
          {hotkey}
        </kbd>
      )}
    </button>
  );
}

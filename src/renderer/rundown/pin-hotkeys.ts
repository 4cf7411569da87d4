import type { RundownItem } from '../../shared/domain/rundown.js';

/**
 * The selling keys, as plain data so they can be tested without a DOM:
 * P pins the current rundown item, N moves to the next item and pins it,
 * U unpins, 1–9 pin the first nine products of the rundown.
 */
export type PinHotkey = { readonly kind: 'pin-current' } | { readonly kind: 'next' } | { readonly kind: 'unpin' } | { readonly kind: 'pin-number'; readonly number: number };

export interface KeyLike {
  readonly key: string;
  readonly repeat: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

/**
 * The selling action of a key press, or null. A held key does not repeat
 * (one press, one pin: a repeating P would re-send the card many times a
 * second), and any modifier leaves the key to the browser (Ctrl+P prints).
 */
export function pinHotkeyOf(event: KeyLike): PinHotkey | null {
  if (event.repeat || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'p') return { kind: 'pin-current' };
  if (key === 'n') return { kind: 'next' };
  if (key === 'u') return { kind: 'unpin' };
  if (/^[1-9]$/.test(key)) return { kind: 'pin-number', number: Number(key) };
  return null;
}

/**
 * The product items of a rundown in order: number 1 is the first product.
 * Segments are skipped because they cannot be pinned, so 1–9 reach nine
 * products even in a rundown that opens with an intro.
 */
export function numberedProducts(items: readonly RundownItem[]): readonly RundownItem[] {
  return items.filter((item) => item.kind === 'product');
}

/** The hotkey number (1–9) of a rundown item, or null when it has none. */
export function hotkeyNumberOf(items: readonly RundownItem[], itemId: number): number | null {
  const at = numberedProducts(items).findIndex((item) => item.id === itemId);
  return at >= 0 && at < 9 ? at + 1 : null;
}

export interface RundownPin {
  readonly productId: number;
  readonly variantId: number | null;
  readonly rundownItemId: number;
}

export type PinTargetOf = { readonly ok: true; readonly pin: RundownPin; readonly title: string } | { readonly ok: false; readonly notice: string };

/** What pinning a rundown item sends, or the notice that explains why it cannot be pinned. */
export function pinTargetOf(item: RundownItem | null | undefined, what: string): PinTargetOf {
  if (!item) return { ok: false, notice: what };
  if (item.kind === 'segment') return { ok: false, notice: `“${item.title}” is a segment: there is no product to pin.` };
  if (!item.product) return { ok: false, notice: `“${item.title}” is no longer in the catalog, so it cannot be pinned.` };
  return { ok: true, pin: { productId: item.product.productId, variantId: item.product.variantId, rundownItemId: item.id }, title: item.title };
}

// @vitest-environment happy-dom
/**
 * The End show question: an alert dialog whose focus starts on End show (so
 * Enter ends the show), that Esc (the dialog's cancel) closes without
 * ending, and that a key held down since before it opened cannot answer.
 */
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EndShowDialog } from './ShowControls.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.replaceChildren();
});

function open() {
  const onCancel = vi.fn();
  const onConfirm = vi.fn();
  const host = document.body.appendChild(document.createElement('div'));
  root = createRoot(host);
  act(() => root!.render(createElement(EndShowDialog, { onCancel, onConfirm })));
  const dialog = document.querySelector('dialog')!;
  const button = (name: string) => [...dialog.querySelectorAll('button')].find((b) => b.textContent === name)!;
  return { dialog, button, onCancel, onConfirm };
}

const enter = (repeat: boolean) => new KeyboardEvent('keydown', { key: 'Enter', repeat, bubbles: true, cancelable: true });

describe('End show asks first', () => {
  it('is an alert dialog named by its question, with the focus on End show', () => {
    const { dialog, button } = open();
    expect(dialog.open).toBe(true);
    expect(dialog.getAttribute('role')).toBe('alertdialog');
    expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent).toBe('End the show for everyone?');
    expect(document.activeElement).toBe(button('End show'));
    expect(dialog.textContent).toContain('stops publishing');
    expect(dialog.textContent).toContain('stops claims');
  });

  it('Esc (the dialog’s cancel) and "Keep the show on" answer no; End show answers yes', () => {
    const { dialog, button, onCancel, onConfirm } = open();
    act(() => void dialog.dispatchEvent(new Event('cancel', { cancelable: true })));
    expect(onCancel).toHaveBeenCalledTimes(1);
    act(() => button('Keep the show on').click());
    expect(onCancel).toHaveBeenCalledTimes(2);
    expect(onConfirm).not.toHaveBeenCalled();
    act(() => button('End show').click());
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it('a held-down Enter (a repeat) does nothing; a fresh Enter is left to the button', () => {
    const { button } = open();
    const held = enter(true);
    button('End show').dispatchEvent(held);
    expect(held.defaultPrevented).toBe(true);
    const pressed = enter(false);
    button('End show').dispatchEvent(pressed);
    expect(pressed.defaultPrevented).toBe(false);
  });
});

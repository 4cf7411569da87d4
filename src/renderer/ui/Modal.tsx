import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface ModalProps {
  readonly title: ReactNode;
  /** Escape, the close button and (for drawers) a click outside. */
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly footer?: ReactNode;
  readonly variant?: 'dialog' | 'drawer';
  /** Extra class on the <dialog>. */
  readonly className?: string;
  /**
   * `alertdialog` for a question that interrupts (End show?): screen readers
   * read it out at once. Focus starts on the element marked `data-autofocus`
   * (the answer Enter should give), else the browser's first focusable one.
   */
  readonly role?: 'dialog' | 'alertdialog';
}

/**
 * A native modal <dialog>: the browser traps focus, makes the rest of the
 * page inert and restores focus on close. The parent owns whether it is
 * shown (mount to open, unmount to close).
 */
export function Modal({ title, onClose, children, footer, variant = 'dialog', className, role }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => dialog.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className={`modal modal-${variant}${className ? ` ${className}` : ''}`}
      aria-labelledby={titleId}
      role={role}
      onKeyDown={(event) => {
        // A key held down since before the dialog opened (Enter on the button that opened it) must not answer it.
        if (event.key === 'Enter' && event.repeat) event.preventDefault();
      }}
      onCancel={(event) => {
        event.preventDefault();
        onCloseRef.current();
      }}
      onMouseDown={(event) => {
        // A click on the backdrop lands on the <dialog> itself.
        if (variant === 'drawer' && event.target === event.currentTarget) onCloseRef.current();
      }}
    >
      <header className="modal-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="button button-ghost button-icon" aria-label="Close" onClick={() => onCloseRef.current()}>
          ✕
        </button>
      </header>
      <div className="modal-body">{children}</div>
      {footer && <footer className="modal-footer">{footer}</footer>}
    </dialog>
  );
}

/** True while a modal dialog is open: global shortcuts stay quiet then. */
export function isModalOpen(): boolean {
  return document.querySelector('dialog[open]') !== null;
}

/** True when a key press is meant as typing (so single-letter shortcuts must not fire). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

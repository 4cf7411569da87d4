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
}

/**
 * A native modal <dialog>: the browser traps focus, makes the rest of the
 * page inert and restores focus on close. The parent owns whether it is
 * shown (mount to open, unmount to close).
 */
export function Modal({ title, onClose, children, footer, variant = 'dialog', className }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    return () => dialog.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className={`modal modal-${variant}${className ? ` ${className}` : ''}`}
      aria-labelledby={titleId}
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

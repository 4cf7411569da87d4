/** Runs in the viewer's browser: small DOM helpers. Text goes in through textContent only, never HTML. */

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, testId?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (testId) node.dataset.testid = testId;
  return node;
}

/** Sets a node's text and shows it; null hides it. Unchanged text is left alone (no screen-reader repeat, no layout work). */
export function setText(node: HTMLElement, text: string | null): void {
  node.hidden = text === null;
  if (text !== null && node.textContent !== text) node.textContent = text;
}

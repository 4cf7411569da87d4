/** Small DOM builders for the replay page: every string goes in as text, never as HTML. */

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  return node;
}

export function text<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, content: string, testId?: string): HTMLElementTagNameMap[K] {
  const node = el(tag, className);
  node.textContent = content;
  if (testId) node.dataset.testid = testId;
  return node;
}

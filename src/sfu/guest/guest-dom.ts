/** Runs in the guest's browser: finding the page's parts. Text goes in through textContent only, never HTML. */

export function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`The guest page is missing #${id}.`);
  return node as T;
}

export { setText } from '../viewer/view-dom.js';

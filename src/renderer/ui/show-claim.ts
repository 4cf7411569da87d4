/**
 * "See the claim" from anywhere in the window (the auction's result): the
 * chat panel opens its Claims tab and scrolls to the row. A DOM event, so a
 * feature folder can ask without importing the panel that shows claims.
 */
const SHOW_CLAIM = 'lss:show-claim';

export function requestShowClaim(claimId: number): void {
  window.dispatchEvent(new CustomEvent<number>(SHOW_CLAIM, { detail: claimId }));
}

/** Calls `listener` with the claim id each time something asks to see a claim; returns the unsubscribe. */
export function onShowClaim(listener: (claimId: number) => void): () => void {
  const handler = (event: Event) => {
    const id = (event as CustomEvent<unknown>).detail;
    if (typeof id === 'number') listener(id);
  };
  window.addEventListener(SHOW_CLAIM, handler);
  return () => window.removeEventListener(SHOW_CLAIM, handler);
}

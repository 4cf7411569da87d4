import { useEffect } from 'react';
import { useLatest } from '../api/studio-context.js';
import { isModalOpen, isTypingTarget } from '../ui/Modal.js';
import { AUCTION_KEY } from './auction-view.js';

/**
 * H (AUCTION_KEY) for the whole window: opens the auction form on the pinned
 * product. Left alone while typing, with a dialog open, with a modifier, on
 * auto-repeat and when a panel already used the key.
 */
export function useAuctionKey(onPress: () => void, enabled = true): void {
  const latest = useLatest(onPress);
  useEffect(() => {
    if (!enabled) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
      if (event.key.toLowerCase() !== AUCTION_KEY || isTypingTarget(event.target) || isModalOpen()) return;
      event.preventDefault();
      latest.current();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [latest, enabled]);
}

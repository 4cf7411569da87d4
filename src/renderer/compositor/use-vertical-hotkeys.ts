import { useEffect, useRef } from 'react';
import { isModalOpen, isTypingTarget } from '../ui/Modal.js';
import { isQuietTarget } from './use-scene-hotkeys.js';

/**
 * The vertical output's keys, used when it is unlinked: Shift+F1–F8 put the
 * first eight vertical scenes into its preview, Shift+Space or Shift+Enter
 * takes it — the 16:9 keys with Shift, under the same rules (never while
 * typing, with a dialog open, or on a button). Linked, the 16:9 keys switch
 * both outputs and these do nothing.
 */
export function useVerticalHotkeys(enabled: boolean, pick: (index: number) => void, take: () => void): void {
  const latest = useRef({ enabled, pick, take });
  latest.current = { enabled, pick, take };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.shiftKey || event.ctrlKey || event.metaKey || event.altKey || isModalOpen() || !latest.current.enabled) return;
      const fkey = /^F([1-8])$/.exec(event.key);
      if (fkey) {
        event.preventDefault();
        latest.current.pick(Number(fkey[1]) - 1);
        return;
      }
      if (event.key !== ' ' && event.key !== 'Enter') return;
      if (event.repeat || isTypingTarget(event.target) || !isQuietTarget(event.target)) return;
      event.preventDefault();
      latest.current.take();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

import { useEffect, useRef } from 'react';
import { isModalOpen, isTypingTarget } from '../ui/Modal.js';

/**
 * F1–F8 put a scene into preview, Space or Enter takes preview to program
 * (OBS studio mode does the same: a scene key never changes what viewers
 * see by itself, so a mistyped key cannot cut the show). Space/Enter only
 * count when nothing has focus or the focus is on a quiet spot of the
 * Program panel — on a button, a rundown row or in chat they keep their own
 * meaning — and never while typing or with a dialog open.
 */
export function useSceneHotkeys(pick: (index: number) => void, take: () => void): void {
  const latest = useRef({ pick, take });
  latest.current = { pick, take };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // Shift + a scene key or Take is the vertical output's (use-vertical-hotkeys.ts).
      if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey || isModalOpen()) return;
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

/** Nothing focused, or a non-interactive spot of the Program panel: Space in the rundown or chat keeps its own meaning there. */
export function isQuietTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement) || target === document.body) return true;
  return target.closest('[data-panel="preview"]') !== null && target.closest('button, a, input, select, textarea, [tabindex]:not(canvas)') === null;
}

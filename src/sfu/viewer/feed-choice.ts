/**
 * Runs in the viewer's browser (pure: no DOM here). Which of the host's video
 * feeds fits this screen: the 9:16 `vertical` one on a portrait viewport when
 * the host sends it, else the 16:9 `main` one. The audio is always the main
 * feed's.
 */

export type VideoFeed = 'main' | 'vertical';

export interface ViewportSize {
  readonly width: number;
  readonly height: number;
}

/**
 * How far past square a viewport must go before the page changes feeds once
 * it has one: a phone's keyboard, an address bar sliding away or a window
 * dragged near square must not flip the video back and forth.
 */
export const ORIENTATION_HYSTERESIS = 1.15;

/** Portrait as the page first sees it: taller than wide. */
export function isPortrait(viewport: ViewportSize): boolean {
  return viewport.height > viewport.width;
}

/**
 * The feed to show. `current`: the feed shown now (null before the first):
 * to leave it, the viewport must be clearly of the other orientation
 * (ORIENTATION_HYSTERESIS past square).
 */
export function chooseVideoFeed(viewport: ViewportSize, hasVertical: boolean, current: VideoFeed | null): VideoFeed {
  if (!hasVertical || viewport.width <= 0 || viewport.height <= 0) return 'main';
  if (current === 'vertical') return viewport.width > viewport.height * ORIENTATION_HYSTERESIS ? 'main' : 'vertical';
  if (current === 'main') return viewport.height > viewport.width * ORIENTATION_HYSTERESIS ? 'vertical' : 'main';
  return isPortrait(viewport) ? 'vertical' : 'main';
}

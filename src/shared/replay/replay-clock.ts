/**
 * Where the replay is at a moment of the video: which pin is on screen,
 * which chapter plays, how much of the chat has been said. Pure and tested
 * in Node; the replay page asks these on every timeupdate and seek.
 */

/** The index of the pin on screen at `t` seconds (start ≤ t < end), or -1. `pins` sorted by start, not overlapping. */
export function pinIndexAt(pins: readonly { readonly start: number; readonly end: number }[], t: number): number {
  const i = lastAtOrBefore(pins, (p) => p.start, t);
  return i >= 0 && t < pins[i]!.end ? i : -1;
}

/** The chapter playing at `t`: the last one that started at or before it, or -1 before the first. */
export function chapterIndexAt(chapters: readonly { readonly start: number }[], t: number): number {
  return lastAtOrBefore(chapters, (c) => c.start, t);
}

/** How many chat lines were said by `t` (lines sorted by `at`). */
export function chatCountAt(lines: readonly { readonly at: number }[], t: number): number {
  return lastAtOrBefore(lines, (l) => l.at, t) + 1;
}

/** Binary search: the last index whose key is ≤ t, or -1. */
function lastAtOrBefore<T>(items: readonly T[], key: (item: T) => number, t: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid]!) <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** "0:07", "12:34", "1:02:09": a position in the video, whole seconds down. */
export function formatOffset(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(Number.isFinite(totalSeconds) ? totalSeconds : 0));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

import type { PixelRect } from './layout.js';

/**
 * Where each person goes in a `people-grid` layer (pure; tested in Node):
 * the host's main camera first, then every guest on air in slot order.
 * 1 person fills the rect; 2 sit side by side (stacked in a rect taller than
 * wide, as on the vertical output); 3 or 4 share a 2x2 grid, a third one
 * centred on the bottom row. Writes into `out` so the frame loop allocates
 * nothing.
 */

export interface MutableRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The host plus MAX_GUESTS_ON_AIR (protocol-guests.ts). */
export const MAX_PEOPLE = 4;

export function newTileRects(): MutableRect[] {
  return Array.from({ length: MAX_PEOPLE }, () => ({ x: 0, y: 0, w: 0, h: 0 }));
}

function set(r: MutableRect, x: number, y: number, w: number, h: number): void {
  r.x = x;
  r.y = y;
  r.w = w;
  r.h = h;
}

/**
 * Fills out[0..n) with the tiles of `count` people in `area` (pixels),
 * `gap` pixels apart; returns n (count capped at MAX_PEOPLE; 0 draws nothing).
 */
export function tilePeople(count: number, area: PixelRect, gap: number, out: MutableRect[]): number {
  const n = Math.max(0, Math.min(MAX_PEOPLE, Math.floor(count), out.length));
  const { x, y, w, h } = area;
  if (n === 1) set(out[0]!, x, y, w, h);
  else if (n === 2) {
    if (h > w) {
      const half = (h - gap) / 2;
      set(out[0]!, x, y, w, half);
      set(out[1]!, x, y + half + gap, w, half);
    } else {
      const half = (w - gap) / 2;
      set(out[0]!, x, y, half, h);
      set(out[1]!, x + half + gap, y, half, h);
    }
  } else if (n >= 3) {
    const cw = (w - gap) / 2;
    const ch = (h - gap) / 2;
    set(out[0]!, x, y, cw, ch);
    set(out[1]!, x + cw + gap, y, cw, ch);
    // Three: the third alone on the bottom row, centred (no empty quarter in a corner).
    if (n === 3) set(out[2]!, x + (w - cw) / 2, y + ch + gap, cw, ch);
    else {
      set(out[2]!, x, y + ch + gap, cw, ch);
      set(out[3]!, x + cw + gap, y + ch + gap, cw, ch);
    }
  }
  return n;
}

/** The gap between tiles: thin, and the same share of the frame at 720p and 1080p. */
export function tileGap(area: PixelRect): number {
  return Math.round(Math.min(area.w, area.h) * 0.008);
}

import type { Crop, Rect } from './scene-model.js';

/**
 * Pure geometry for the compositor and its editing handles (tested in
 * Node). Rects are in output pixels unless a name says fractions.
 */

export interface PixelRect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export const toPixels = (r: Rect, width: number, height: number): PixelRect => ({ x: r.x * width, y: r.y * height, w: r.w * width, h: r.h * height });

/** The part of a source (after crop) to draw, and where: cover crops the overflow, contain letterboxes. */
export function fitSource(
  sourceWidth: number,
  sourceHeight: number,
  crop: Crop,
  target: PixelRect,
  fit: 'cover' | 'contain',
): { source: PixelRect; dest: PixelRect } {
  let sx = sourceWidth * crop.left;
  let sy = sourceHeight * crop.top;
  let sw = Math.max(1, sourceWidth * (1 - crop.left - crop.right));
  let sh = Math.max(1, sourceHeight * (1 - crop.top - crop.bottom));
  const sourceAspect = sw / sh;
  const targetAspect = target.w / target.h;
  if (fit === 'cover') {
    if (sourceAspect > targetAspect) {
      const visible = sh * targetAspect;
      sx += (sw - visible) / 2;
      sw = visible;
    } else {
      const visible = sw / targetAspect;
      sy += (sh - visible) / 2;
      sh = visible;
    }
    return { source: { x: sx, y: sy, w: sw, h: sh }, dest: target };
  }
  const scale = Math.min(target.w / sw, target.h / sh);
  const w = sw * scale;
  const h = sh * scale;
  return { source: { x: sx, y: sy, w: sw, h: sh }, dest: { x: target.x + (target.w - w) / 2, y: target.y + (target.h - h) / 2, w, h } };
}

/** Where a pointer grabs a layer: its body (move) or one of the four corner handles (resize). */
export type Grip = 'move' | 'nw' | 'ne' | 'sw' | 'se';

/** Hit-tests a point (fractions) against a layer's rect (fractions); handle size is in fractions of the width. */
export function gripAt(rect: Rect, px: number, py: number, handle: number, aspect: number): Grip | null {
  const hx = handle;
  const hy = handle * aspect;
  const near = (a: number, b: number, tolerance: number) => Math.abs(a - b) <= tolerance;
  const left = near(px, rect.x, hx);
  const right = near(px, rect.x + rect.w, hx);
  const top = near(py, rect.y, hy);
  const bottom = near(py, rect.y + rect.h, hy);
  if (top && left) return 'nw';
  if (top && right) return 'ne';
  if (bottom && left) return 'sw';
  if (bottom && right) return 'se';
  if (px >= rect.x && px <= rect.x + rect.w && py >= rect.y && py <= rect.y + rect.h) return 'move';
  return null;
}

const MIN_SIZE = 0.04;

/** The rect after dragging a grip by (dx, dy) fractions; kept at least MIN_SIZE and mostly on screen. */
export function dragRect(start: Rect, grip: Grip, dx: number, dy: number): Rect {
  if (grip === 'move') {
    const x = Math.min(1 - MIN_SIZE, Math.max(MIN_SIZE - start.w, start.x + dx));
    const y = Math.min(1 - MIN_SIZE, Math.max(MIN_SIZE - start.h, start.y + dy));
    return { ...start, x, y };
  }
  let { x, y, w, h } = start;
  if (grip === 'nw' || grip === 'sw') {
    const nx = Math.min(x + w - MIN_SIZE, x + dx);
    w += x - nx;
    x = nx;
  } else {
    w = Math.max(MIN_SIZE, w + dx);
  }
  if (grip === 'nw' || grip === 'ne') {
    const ny = Math.min(y + h - MIN_SIZE, y + dy);
    h += y - ny;
    y = ny;
  } else {
    h = Math.max(MIN_SIZE, h + dy);
  }
  return { x, y, w, h };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** What the product card holds, for its layout (the title's lines are measured by the caller). */
export interface CardContent {
  /** The picture loaded and may be drawn (a website without CORS headers, or none at all: false). */
  readonly picture: boolean;
  readonly titleLines: number;
  readonly variant: boolean;
  /** A flash deal is running: its badge shows. */
  readonly deal: boolean;
  /** A stock badge or "Deal ended" along the bottom. */
  readonly footer: boolean;
}

export interface CardLayout {
  /** The card's own box (white): the whole rect with a picture, the bottom of it without. */
  readonly card: PixelRect;
  readonly imageBox: PixelRect | null;
  /** Top-left of the flash-deal badge: on the picture's corner, else above the title. */
  readonly badge: { readonly x: number; readonly y: number };
  /** Where the title starts. */
  readonly textTop: number;
  /** Sizes scale with the card's width: the same scene reads the same at 720p and 1080p. */
  readonly unit: number;
  readonly pad: number;
}

export const CARD_UNITS = { pad: 1.4, badge: 2.2, titleLine: 2, variant: 1.5, price: 2.6, footer: 2.6 } as const;

/**
 * Where the card's parts go in the layer's rect. With a picture the card
 * fills the rect, the picture on top; without one it is only as tall as its
 * text and sits at the bottom of the rect, so a missing picture never leaves
 * an empty square on the video.
 */
export function productCardLayout(r: PixelRect, content: CardContent): CardLayout {
  const unit = r.w / 24;
  const pad = unit * CARD_UNITS.pad;
  const inner = r.w - pad * 2;
  if (content.picture) {
    const imageBox = { x: r.x + pad, y: r.y + pad, w: inner, h: Math.min(inner, r.h * 0.55) };
    return { card: r, imageBox, badge: { x: imageBox.x + unit * 0.6, y: imageBox.y + unit * 0.6 }, textTop: imageBox.y + imageBox.h + unit * 1.6, unit, pad };
  }
  const dealRow = content.deal ? unit * (CARD_UNITS.badge + 1.2) : 0;
  const text =
    content.titleLines * unit * CARD_UNITS.titleLine +
    (content.variant ? unit * CARD_UNITS.variant : 0) +
    unit * 0.4 +
    unit * CARD_UNITS.price +
    (content.footer ? unit * CARD_UNITS.footer : 0);
  const h = Math.min(r.h, pad * 2 + dealRow + text);
  const card = { x: r.x, y: r.y + r.h - h, w: r.w, h };
  return { card, imageBox: null, badge: { x: card.x + pad, y: card.y + pad }, textTop: card.y + pad + dealRow, unit, pad };
}

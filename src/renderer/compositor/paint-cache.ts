import type { PixelRect } from './layout.js';

/**
 * Overlays painted once and reused while they look the same (runs in the
 * renderer). An overlay such as the product card is text, rounded boxes and
 * a soft shadow; drawn into the output canvas on every frame, Chromium's
 * software canvas had to rasterise all of it again for every captured frame:
 * with a product pinned and vertical output on, the canvases' capture fell
 * from 12–25 to 1–4 frames a second on a 2-core machine (the encoder then
 * had nothing to send). Here an overlay is painted into a canvas of its own
 * when its look changes (`key`) and each frame draws that bitmap.
 *
 * One painting per overlay and output canvas (the program, the vertical
 * output and the preview monitor draw the same overlay at different sizes):
 * the card, the host's lower third, title cards.
 */

/** What an overlay's look depends on besides its rect: a few primitives, compared one by one (no key string built per frame). */
export type Look = readonly (string | number | boolean | null)[];

interface Painting {
  readonly canvas: HTMLCanvasElement;
  readonly ctx: CanvasRenderingContext2D;
  look: (string | number | boolean | null)[];
  /** The rect and bleed it was painted for. */
  rx: number;
  ry: number;
  rw: number;
  rh: number;
  bleed: number;
  /** Where the painting's (0, 0) lands on the output. */
  x: number;
  y: number;
}

function sameLook(painting: Painting, look: Look): boolean {
  const stored = painting.look;
  if (stored.length !== look.length) return false;
  for (let i = 0; i < look.length; i++) if (stored[i] !== look[i]) return false;
  return true;
}

export class PaintCache {
  /** Per output canvas, one painting per overlay (`slot`: the card, a layer's id). */
  private readonly paintings = new WeakMap<CanvasRenderingContext2D, Map<string, Painting>>();

  /**
   * Draws the overlay for `rect` into `ctx`: from the stored painting of
   * `slot` when `look` (everything the overlay's look depends on, except the
   * rect) and the rect are unchanged, else paints it again with `paint`,
   * which draws in output coordinates. `bleed`: pixels around the rect the
   * painting may use (a shadow).
   */
  draw(ctx: CanvasRenderingContext2D, slot: string, rect: PixelRect, bleed: number, look: Look, paint: (target: CanvasRenderingContext2D) => void): void {
    let painting: Painting | null = this.paintings.get(ctx)?.get(slot) ?? null;
    if (!painting || painting.rx !== rect.x || painting.ry !== rect.y || painting.rw !== rect.w || painting.rh !== rect.h || painting.bleed !== bleed || !sameLook(painting, look)) {
      const left = Math.floor(rect.x - bleed);
      const top = Math.floor(rect.y - bleed);
      const width = Math.ceil(rect.x + rect.w + bleed) - left;
      const height = Math.ceil(rect.y + rect.h + bleed) - top;
      if (width <= 0 || height <= 0) return;
      painting ??= this.create(ctx, slot);
      if (!painting) {
        paint(ctx);
        return;
      }
      const target = painting.ctx;
      if (painting.canvas.width !== width || painting.canvas.height !== height) {
        painting.canvas.width = width;
        painting.canvas.height = height;
      } else {
        target.setTransform(1, 0, 0, 1, 0, 0);
        target.clearRect(0, 0, width, height);
      }
      target.setTransform(1, 0, 0, 1, -left, -top);
      target.save();
      paint(target);
      target.restore();
      painting.look = [...look];
      painting.rx = rect.x;
      painting.ry = rect.y;
      painting.rw = rect.w;
      painting.rh = rect.h;
      painting.bleed = bleed;
      painting.x = left;
      painting.y = top;
    }
    ctx.drawImage(painting.canvas, painting.x, painting.y);
  }

  private create(ctx: CanvasRenderingContext2D, slot: string): Painting | null {
    const canvas = document.createElement('canvas');
    const target = canvas.getContext('2d');
    if (!target) return null;
    const painting: Painting = { canvas, ctx: target, look: [], rx: Number.NaN, ry: 0, rw: 0, rh: 0, bleed: 0, x: 0, y: 0 };
    let slots = this.paintings.get(ctx);
    if (!slots) {
      slots = new Map();
      this.paintings.set(ctx, slots);
    }
    slots.set(slot, painting);
    return painting;
  }
}

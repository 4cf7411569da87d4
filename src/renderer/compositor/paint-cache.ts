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
 * One painting per output canvas (the program, the vertical output and the
 * preview monitor draw the same overlay at different sizes).
 */

interface Painting {
  readonly canvas: HTMLCanvasElement;
  readonly ctx: CanvasRenderingContext2D;
  key: string;
  /** Where the painting's (0, 0) lands on the output. */
  x: number;
  y: number;
}

export class PaintCache {
  private readonly paintings = new WeakMap<CanvasRenderingContext2D, Painting>();

  /**
   * Draws the overlay for `rect` into `ctx`: from the stored painting when
   * `key` (everything the overlay's look depends on, except the rect) and
   * the rect are unchanged, else paints it again with `paint`, which draws
   * in output coordinates. `bleed`: pixels around the rect the painting may
   * use (a shadow).
   */
  draw(ctx: CanvasRenderingContext2D, rect: PixelRect, bleed: number, key: string, paint: (target: CanvasRenderingContext2D) => void): void {
    const left = Math.floor(rect.x - bleed);
    const top = Math.floor(rect.y - bleed);
    const width = Math.ceil(rect.x + rect.w + bleed) - left;
    const height = Math.ceil(rect.y + rect.h + bleed) - top;
    if (width <= 0 || height <= 0) return;
    const fullKey = `${key}\u0000${rect.x},${rect.y},${rect.w},${rect.h},${bleed}`;
    let painting: Painting | null = this.paintings.get(ctx) ?? null;
    if (!painting || painting.key !== fullKey) {
      painting ??= this.create(ctx);
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
      painting.key = fullKey;
      painting.x = left;
      painting.y = top;
    }
    ctx.drawImage(painting.canvas, painting.x, painting.y);
  }

  private create(ctx: CanvasRenderingContext2D): Painting | null {
    const canvas = document.createElement('canvas');
    const target = canvas.getContext('2d');
    if (!target) return null;
    const painting: Painting = { canvas, ctx: target, key: '', x: 0, y: 0 };
    this.paintings.set(ctx, painting);
    return painting;
  }
}

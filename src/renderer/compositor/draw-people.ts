import { fitSource, type PixelRect } from './layout.js';
import { newTileRects, tileGap, tilePeople, type MutableRect } from './people-tiles.js';
import { NO_CROP, type Layer } from './scene-model.js';
import type { VideoFrames, VideoPicture } from './video-frames.js';

/**
 * Guests on the video (runs in the renderer): the `guest` {slot} and
 * `people-grid` layers. The compositor hands in the guests on air in slot
 * order (`setOnAir`) and calls the draw functions with the target rect in
 * pixels, so any canvas (the 16:9 program, the vertical output, the preview
 * monitor) reuses them. A guest's name is untrusted text and only ever drawn
 * as canvas text. Per frame nothing is allocated beyond what the canvas
 * calls themselves make: tiles and name widths are kept between frames.
 */

/** One guest on air as the compositor draws it. */
export interface GuestPicture {
  readonly guestId: string;
  readonly name: string;
  /** The received camera; null: not received (yet). */
  readonly video: MediaStreamTrack | null;
  /** The host hid the camera: the name on a calm tile instead. */
  readonly hidden: boolean;
}

/** A hidden (or not yet arrived) camera's tile: tests read it back to tell it from black. */
export const CALM_TILE_BACKGROUND = '#2b3442';
const STRIP_BACKGROUND = 'rgba(15,17,21,0.78)';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

interface Shown {
  readonly picture: GuestPicture;
  readonly element: HTMLVideoElement | null;
  /** The name's measured width at `fontPx` (measured again only when the size changes). */
  fontPx: number;
  nameWidth: number;
}

function playing(track: MediaStreamTrack): HTMLVideoElement {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  void video.play().catch(() => undefined);
  return video;
}

export class GuestPictures {
  /** On air, in slot order. */
  private shown: Shown[] = [];
  private readonly tiles = newTileRects();
  private readonly whole: MutableRect = { x: 0, y: 0, w: 0, h: 0 };

  /** `frames`: the compositor's, so a guest drawn on several outputs is converted once a frame. */
  constructor(private readonly frames: VideoFrames) {}

  /** The guests on air now, in slot order (slot n = index n). Video elements are kept for a guest whose track stays. */
  setOnAir(guests: readonly GuestPicture[]): void {
    const before = new Map(this.shown.map((s) => [s.picture.guestId, s]));
    this.shown = guests.map((picture) => {
      const old = before.get(picture.guestId);
      before.delete(picture.guestId);
      const keep = old && old.picture.video === picture.video ? old.element : null;
      if (old && !keep && old.element) old.element.srcObject = null;
      const element = keep ?? (picture.video ? playing(picture.video) : null);
      return { picture, element, fontPx: old?.picture.name === picture.name ? old.fontPx : 0, nameWidth: old?.nameWidth ?? 0 };
    });
    for (const gone of before.values()) if (gone.element) gone.element.srcObject = null;
  }

  /** How many guests are on air. */
  get count(): number {
    return this.shown.length;
  }

  dispose(): void {
    this.setOnAir([]);
  }

  /** A `guest` layer: the guest in that slot with the layer's crop and fit; nobody there draws nothing. */
  drawSlot(ctx: CanvasRenderingContext2D, slot: number, layer: Layer, rect: PixelRect): void {
    const shown = this.shown[slot];
    if (shown) this.drawGuest(ctx, shown, rect, layer);
  }

  /** A `people-grid` layer: the host's camera (when it has a frame) and every guest on air, tiled. */
  drawGrid(ctx: CanvasRenderingContext2D, host: VideoPicture | null, rect: PixelRect): void {
    const withHost = host ? 1 : 0;
    const n = tilePeople(withHost + this.shown.length, rect, tileGap(rect), this.tiles);
    for (let i = 0; i < n; i++) {
      const tile = this.tiles[i]!;
      if (withHost && i === 0) drawCover(ctx, host!, tile, null);
      else this.drawGuest(ctx, this.shown[i - withHost]!, tile, null);
    }
  }

  private drawGuest(ctx: CanvasRenderingContext2D, shown: Shown, rect: PixelRect, layer: Layer | null): void {
    const { picture, element } = shown;
    const frame = picture.hidden ? null : this.frames.pictureOf(element);
    if (!frame) {
      drawCalmTile(ctx, rect, picture.name, picture.hidden ? 'Camera off' : 'Connecting…');
      return;
    }
    drawCover(ctx, frame, rect, layer);
    this.drawNameStrip(ctx, shown, rect);
  }

  /** The guest's name in a small dark strip at the tile's bottom left. */
  private drawNameStrip(ctx: CanvasRenderingContext2D, shown: Shown, r: PixelRect): void {
    const fontPx = Math.round(Math.max(10, Math.min(r.h * 0.055, r.w * 0.045)));
    ctx.font = `600 ${fontPx}px ${FONT}`;
    if (shown.fontPx !== fontPx) {
      shown.fontPx = fontPx;
      shown.nameWidth = ctx.measureText(shown.picture.name).width;
    }
    const pad = fontPx * 0.6;
    const margin = fontPx * 0.7;
    const box = this.whole;
    box.w = Math.min(r.w - margin * 2, shown.nameWidth + pad * 2);
    box.h = fontPx * 1.7;
    box.x = r.x + margin;
    box.y = r.y + r.h - margin - box.h;
    if (box.w <= pad * 2) return;
    ctx.fillStyle = STRIP_BACKGROUND;
    ctx.beginPath();
    ctx.roundRect(box.x, box.y, box.w, box.h, fontPx * 0.3);
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    // maxWidth squeezes a name too long for a small tile instead of spilling out of its strip.
    ctx.fillText(shown.picture.name, box.x + pad, box.y + box.h / 2, box.w - pad * 2);
  }
}

/** A video's picture filling its rect (cover), with a layer's crop and fit when drawn for a `guest` layer. */
function drawCover(ctx: CanvasRenderingContext2D, frame: VideoPicture, rect: PixelRect, layer: Layer | null): void {
  const { source, dest } = fitSource(frame.width, frame.height, layer?.crop ?? NO_CROP, rect, layer?.fit ?? 'cover');
  ctx.drawImage(frame.source, source.x, source.y, source.w, source.h, dest.x, dest.y, dest.w, dest.h);
}

/** The guest's name centred on a calm tile, with why there is no picture. */
export function drawCalmTile(ctx: CanvasRenderingContext2D, r: PixelRect, name: string, note: string): void {
  ctx.fillStyle = CALM_TILE_BACKGROUND;
  ctx.fillRect(r.x, r.y, r.w, r.h);
  const fontPx = Math.max(10, Math.min(r.h * 0.1, r.w * 0.07));
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#ffffff';
  ctx.font = `600 ${fontPx}px ${FONT}`;
  ctx.fillText(name, r.x + r.w / 2, r.y + r.h / 2 - fontPx * 0.4, r.w * 0.9);
  ctx.fillStyle = '#aab3c2';
  ctx.font = `${fontPx * 0.5}px ${FONT}`;
  ctx.fillText(note, r.x + r.w / 2, r.y + r.h / 2 + fontPx * 0.7, r.w * 0.9);
}

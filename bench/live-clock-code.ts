/**
 * The wall-clock code drawn into benchmark video frames and read back on
 * the viewer (browser code, bundled into the benchmark pages; pure DOM).
 *
 * The top sixth of the frame holds two rows of 32 blocks: row one is the
 * time in 0.1 ms units (low 32 bits), white for 1; row two is its inverse,
 * so a frame smeared by the encoder or half-decoded is rejected instead of
 * read wrong. Blocks are 40 px wide at 1280 px and still 10 px in the
 * 320 px simulcast layer, far above what VP8 blurs.
 */

export const CODE_BITS = 32;
/** Rows one and two each take this share of the frame height. */
export const CODE_ROW_SHARE = 1 / 12;
/** Units per millisecond in the code. */
export const CODE_UNITS_PER_MS = 10;

/** The page's high-resolution clock as epoch milliseconds (comparable across pages of one machine after calibration). */
export const wallClockMs = (): number => performance.timeOrigin + performance.now();

export function drawClockCode(ctx: CanvasRenderingContext2D, width: number, height: number, timeMs: number): void {
  const value = Math.floor(timeMs * CODE_UNITS_PER_MS) >>> 0;
  const block = width / CODE_BITS;
  const row = height * CODE_ROW_SHARE;
  for (let bit = 0; bit < CODE_BITS; bit++) {
    const on = ((value >>> (CODE_BITS - 1 - bit)) & 1) === 1;
    ctx.fillStyle = on ? '#fff' : '#000';
    ctx.fillRect(bit * block, 0, Math.ceil(block), row);
    ctx.fillStyle = on ? '#000' : '#fff';
    ctx.fillRect(bit * block, row, Math.ceil(block), row);
  }
}

/** Sampling canvas: each block becomes 8x8 pixels; the centre pixel is read. */
const SAMPLE_BLOCK = 8;

export class ClockCodeReader {
  private readonly canvas = document.createElement('canvas');
  private readonly ctx: CanvasRenderingContext2D;

  constructor() {
    this.canvas.width = CODE_BITS * SAMPLE_BLOCK;
    this.canvas.height = 2 * SAMPLE_BLOCK;
    this.ctx = this.canvas.getContext('2d', { willReadFrequently: true })!;
  }

  /** The code's time (low 32 bits of 0.1 ms units), or null when the two rows disagree. */
  read(video: HTMLVideoElement): number | null {
    const { videoWidth: w, videoHeight: h } = video;
    if (w === 0 || h === 0) return null;
    this.ctx.drawImage(video, 0, 0, w, 2 * h * CODE_ROW_SHARE, 0, 0, this.canvas.width, this.canvas.height);
    const pixels = this.ctx.getImageData(0, 0, this.canvas.width, this.canvas.height).data;
    const luma = (x: number, y: number) => {
      const i = (y * this.canvas.width + x) * 4;
      return 0.299 * pixels[i]! + 0.587 * pixels[i + 1]! + 0.114 * pixels[i + 2]!;
    };
    let value = 0;
    for (let bit = 0; bit < CODE_BITS; bit++) {
      const x = bit * SAMPLE_BLOCK + SAMPLE_BLOCK / 2;
      const top = luma(x, SAMPLE_BLOCK / 2) > 128;
      const bottom = luma(x, SAMPLE_BLOCK + SAMPLE_BLOCK / 2) > 128;
      if (top === bottom) return null;
      value = ((value << 1) | (top ? 1 : 0)) >>> 0;
    }
    return value;
  }
}

/** Milliseconds from a code written at `code` to a moment `nowMs` (epoch ms), undoing the 32-bit wrap. */
export function msSinceCode(code: number, nowMs: number): number {
  const nowUnits = Math.floor(nowMs * CODE_UNITS_PER_MS) >>> 0;
  const delta = (nowUnits - code) >>> 0; // modulo 2^32
  return delta / CODE_UNITS_PER_MS;
}

/**
 * This page's high-resolution clock minus the system clock, in ms. Date.now()
 * is the same system clock in every page but only whole milliseconds; the
 * average of many readings (with the half-millisecond floor undone) finds
 * each page's offset to well under a millisecond.
 */
export function clockOffsetMs(samples = 5000): number {
  let sum = 0;
  for (let i = 0; i < samples; i++) sum += wallClockMs() - Date.now();
  return sum / samples - 0.5;
}

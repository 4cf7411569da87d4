/**
 * One converted picture per video per compositor tick (runs in the
 * renderer). Drawing a <video> into a canvas converts its current frame
 * (YUV to RGB) on the page's main thread, every time it is drawn. The
 * program, the vertical output and the preview monitor all draw the same
 * camera, so a studio with vertical output on converted each camera frame
 * two or three times: in Chromium's software canvas that was 61% of the host
 * page's main thread, and the encoder got 1–4 frames a second on a 2-core
 * machine. Here a video drawn by more than one output converts its frame
 * once a tick, into a canvas of the video's own size, and every output draws
 * that copy: a plain bitmap, only scaled.
 */

/** A drawable frame and its size in pixels. */
export interface VideoPicture {
  readonly source: CanvasImageSource;
  readonly width: number;
  readonly height: number;
}

interface Copy {
  /** Made on the first tick that draws the video more than once. */
  canvas: HTMLCanvasElement | null;
  ctx: CanvasRenderingContext2D | null;
  tick: number;
  /** Draws in this tick and in the two before (the preview monitor draws every second tick). */
  uses: number;
  usesBefore: number;
  usesTwoBefore: number;
  /** The copy holds this tick's frame. */
  fresh: boolean;
  /** The same objects every time (nothing allocated per frame). */
  readonly direct: { source: CanvasImageSource; width: number; height: number };
  readonly copied: { source: CanvasImageSource; width: number; height: number };
}

/** HAVE_CURRENT_DATA and a size: before its first frame a video draws nothing (or throws in some engines). */
export const hasFrame = (video: HTMLVideoElement | null | undefined): video is HTMLVideoElement => !!video && video.readyState >= 2 && video.videoWidth > 0;

export class VideoFrames {
  private tick = 0;
  /** Keyed by the element: a video that is let go takes its copy with it. */
  private readonly copies = new WeakMap<HTMLVideoElement, Copy>();

  /** A new frame starts: the next draw of each video takes its current frame again. */
  nextTick(): void {
    this.tick++;
  }

  /**
   * `video`'s picture for this tick; null before its first frame. A video
   * drawn once a tick (one output) is drawn straight, as a copy would only
   * add work; one drawn more than once in either of the two ticks before is
   * converted once into its copy and every output draws the copy. (Looking
   * back one tick only, a camera also on the preview monitor, drawn every
   * second tick, was drawn straight on exactly the ticks the preview drew
   * it too: two conversions on those ticks, 1368 ms of a 10 s profile.)
   */
  pictureOf(video: HTMLVideoElement | null | undefined): VideoPicture | null {
    if (!hasFrame(video)) return null;
    let copy = this.copies.get(video);
    if (!copy) {
      copy = { canvas: null, ctx: null, tick: this.tick, uses: 0, usesBefore: 0, usesTwoBefore: 0, fresh: false, direct: { source: video, width: 0, height: 0 }, copied: { source: video, width: 0, height: 0 } };
      this.copies.set(video, copy);
    }
    if (copy.tick !== this.tick) {
      const gap = this.tick - copy.tick;
      copy.usesTwoBefore = gap === 1 ? copy.usesBefore : gap === 2 ? copy.uses : 0;
      copy.usesBefore = gap === 1 ? copy.uses : 0;
      copy.uses = 0;
      copy.tick = this.tick;
      copy.fresh = false;
    }
    copy.uses++;
    const { videoWidth: width, videoHeight: height } = video;
    if (copy.usesBefore <= 1 && copy.usesTwoBefore <= 1 && copy.uses === 1) {
      copy.direct.width = width;
      copy.direct.height = height;
      return copy.direct;
    }
    if (!copy.fresh) {
      if (!copy.ctx) {
        copy.canvas = document.createElement('canvas');
        copy.ctx = copy.canvas.getContext('2d', { alpha: false });
        if (!copy.ctx) return copy.direct;
        copy.copied.source = copy.canvas;
      }
      if (copy.canvas!.width !== width || copy.canvas!.height !== height) {
        copy.canvas!.width = width;
        copy.canvas!.height = height;
      }
      copy.ctx.drawImage(video, 0, 0, width, height);
      copy.copied.width = width;
      copy.copied.height = height;
      copy.fresh = true;
    }
    return copy.copied;
  }
}

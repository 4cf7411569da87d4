/**
 * Benchmark probe (browser code, bundled by bench/pin-fanout.ts and
 * evaluated in the real watch page): watches the product card's place in
 * the viewer's video, every frame, and timestamps the first frame in which
 * the compositor's card (white, draw-overlays.ts's CARD_BACKGROUND) replaces
 * the camera picture there.
 *
 * The strip read is the card's left padding in "Camera + product card" (the
 * card's layer spans x 0.63–0.96, y 0.1–0.9; its padding is 1.4/24 of its
 * width), low down: a card without a picture (the demo catalog has none) is
 * only as tall as its text and sits at the bottom of the layer, from about
 * y 0.7 down. White top to bottom when the card is on air, the fake camera's
 * moving pattern otherwise. VP8 blurs the edges, so the strip keeps clear of
 * them and allows a little tolerance.
 */

export interface CardFrame {
  /** Epoch ms on this page's high-resolution clock: when the frame is shown (its expectedDisplayTime). */
  readonly shownAt: number;
  /** Epoch ms: the frame's last packet arrived (null when the browser does not say). */
  readonly receivedAt: number | null;
  readonly width: number;
}

declare global {
  interface Window {
    benchCardVideo: {
      /** Whether the latest frame shows the card (null before the first frame). */
      cardOnAir(): boolean | null;
      /** Starts waiting for the next frame that shows the card; `takeArrival` then returns it once. */
      arm(): void;
      takeArrival(): CardFrame | null;
      /** Frames read so far (a stalled video shows up as a count that stops). */
      framesRead(): number;
    };
  }
}

const STRIP = { x0: 0.636, x1: 0.645, y0: 0.74, y1: 0.86 } as const;
const SAMPLE_W = 2;
const SAMPLE_H = 12;
/**
 * Per channel, averaged over the strip: the encoder turns pure white into
 * 235–255, and at a low simulcast layer (a loaded machine sends 320 px) it
 * blurs the strip's edges into the text beside it. The camera's pattern is
 * green (red and blue near 0), so an average this high is only the card.
 */
const WHITE_MEAN = 200;

const video = document.querySelector('video')!;
const canvas = document.createElement('canvas');
canvas.width = SAMPLE_W;
canvas.height = SAMPLE_H;
const ctx = canvas.getContext('2d', { willReadFrequently: true })!;

let onAir: boolean | null = null;
let armed = false;
let arrival: CardFrame | null = null;
let frames = 0;

function stripIsWhite(): boolean {
  const { videoWidth: w, videoHeight: h } = video;
  ctx.drawImage(video, STRIP.x0 * w, STRIP.y0 * h, (STRIP.x1 - STRIP.x0) * w, (STRIP.y1 - STRIP.y0) * h, 0, 0, SAMPLE_W, SAMPLE_H);
  const pixels = ctx.getImageData(0, 0, SAMPLE_W, SAMPLE_H).data;
  let red = 0;
  let green = 0;
  let blue = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    red += pixels[i]!;
    green += pixels[i + 1]!;
    blue += pixels[i + 2]!;
  }
  const min = WHITE_MEAN * (pixels.length / 4);
  return red >= min && green >= min && blue >= min;
}

const onFrame = (now: number, meta: VideoFrameCallbackMetadata) => {
  if (video.videoWidth > 0) {
    frames++;
    onAir = stripIsWhite();
    if (armed && onAir) {
      armed = false;
      // expectedDisplayTime: when this frame reaches the glass, as in bench/live-viewer-probe.ts.
      arrival = {
        shownAt: performance.timeOrigin + (meta.expectedDisplayTime ?? now),
        receivedAt: meta.receiveTime === undefined ? null : performance.timeOrigin + meta.receiveTime,
        width: meta.width,
      };
    }
  }
  video.requestVideoFrameCallback(onFrame);
};
video.requestVideoFrameCallback(onFrame);

window.benchCardVideo = {
  cardOnAir: () => onAir,
  arm: () => {
    armed = true;
    arrival = null;
  },
  takeArrival: () => {
    const taken = arrival;
    arrival = null;
    return taken;
  },
  framesRead: () => frames,
};

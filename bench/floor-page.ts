/**
 * The compositor's bare floor (browser code, bundled and served by
 * bench/compositor.ts on its own origin: not part of the product). What any
 * compositor must do for the studio's "Camera + product card" at 1920x1080,
 * and nothing else: the same fake camera (asked for as the studio asks:
 * publish-media.ts's cameraConstraints), converted once a tick and drawn
 * over the whole canvas; a card
 * bitmap painted once and drawn every frame where the studio's card goes;
 * one line of text where the host's name goes; a 640x360 copy of the frame
 * into a canvas on the page every second tick (the preview monitor's size
 * and rate). As in the studio, the canvas is captured at 30 fps and the
 * capture shown in a <video> (the program monitor), the ticks come from a
 * worker's timer and a tick queued over a period is dropped (frame-clock.ts),
 * and each tick is timed with the compositor's own FrameWindow, so both
 * pages' figures are measured alike.
 */
import { cameraConstraints } from '../src/renderer/publish/publish-media.js';
import { FrameWindow, type FrameStats } from '../src/renderer/compositor/frame-stats.js';
import { isStaleTick } from '../src/renderer/compositor/frame-clock.js';

declare global {
  interface Window {
    benchFloor: {
      /** Resolves once the camera has a frame and ticks run. */
      ready: Promise<void>;
      resetFrameStats(): void;
      frameStats(): FrameStats;
      stop(): void;
    };
  }
}

const WIDTH = 1920;
const HEIGHT = 1080;
const FPS = 30;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

const canvas = document.createElement('canvas');
canvas.width = WIDTH;
canvas.height = HEIGHT;
const ctx = canvas.getContext('2d', { alpha: false })!;
const stream = canvas.captureStream(FPS);
const monitor = document.createElement('video');
monitor.muted = true;
monitor.autoplay = true;
monitor.style.width = '640px';
monitor.srcObject = stream;
const preview = document.createElement('canvas');
preview.width = 640;
preview.height = 360;
const previewCtx = preview.getContext('2d')!;
document.body.append(monitor, preview);

/** The card (the studio's rect: x 0.63, y 0.1, w 0.33, h 0.8), painted once with its shadow's bleed. */
function paintCard(): { bitmap: HTMLCanvasElement; x: number; y: number } {
  const r = { x: WIDTH * 0.63, y: HEIGHT * 0.1, w: WIDTH * 0.33, h: HEIGHT * 0.8 };
  const unit = r.w / 24;
  const bleed = Math.ceil(r.w / 12);
  const x = Math.floor(r.x - bleed);
  const y = Math.floor(r.y - bleed);
  const bitmap = document.createElement('canvas');
  bitmap.width = Math.ceil(r.x + r.w + bleed) - x;
  bitmap.height = Math.ceil(r.y + r.h + bleed) - y;
  const c = bitmap.getContext('2d')!;
  c.translate(-x, -y);
  c.save();
  c.shadowColor = 'rgba(0,0,0,0.35)';
  c.shadowBlur = unit;
  c.fillStyle = '#ffffff';
  c.beginPath();
  c.roundRect(r.x, r.y, r.w, r.h, unit * 0.8);
  c.fill();
  c.restore();
  c.textBaseline = 'top';
  c.fillStyle = '#14161b';
  c.font = `600 ${unit * 1.6}px ${FONT}`;
  c.fillText('Hand-thrown stoneware mug', r.x + unit, r.y + r.h * 0.6);
  c.fillStyle = '#ff4d6d';
  c.font = `700 ${unit * 2}px ${FONT}`;
  c.fillText('$24.00', r.x + unit, r.y + r.h * 0.7);
  return { bitmap, x, y };
}

const card = paintCard();
/** The camera's frame of this tick, converted at its own size. */
const camera = document.createElement('canvas');
const cameraCtx = camera.getContext('2d', { alpha: false })!;
const timings = new FrameWindow(1000 / FPS);
let video: HTMLVideoElement | null = null;
let tick = 0;

function renderFrame(): void {
  const started = performance.now();
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, WIDTH, HEIGHT);
  if (video) {
    // As the studio draws a camera (video-frames.ts): its frame converted at its own size, then that bitmap
    // scaled. Drawing the <video> itself converts and rasterizes at 1920x1080 inside the call, where drawing a
    // canvas is recorded and rasterized when the canvas is flushed, outside the timed tick: the two pages
    // would not be timing the same work.
    const { videoWidth: w, videoHeight: h } = video;
    if (camera.width !== w || camera.height !== h) {
      camera.width = w;
      camera.height = h;
    }
    cameraCtx.drawImage(video, 0, 0, w, h);
    ctx.drawImage(camera, 0, 0, w, h, 0, 0, WIDTH, HEIGHT);
  }
  ctx.drawImage(card.bitmap, card.x, card.y);
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#ffffff';
  ctx.font = `600 ${(HEIGHT * 0.12) / 4 * 1.5}px ${FONT}`;
  ctx.fillText('Ana from Field Goods', WIDTH * 0.04 + 35, HEIGHT * 0.8 + HEIGHT * 0.048);
  const programMs = performance.now() - started;
  if (++tick % 2 === 0) previewCtx.drawImage(canvas, 0, 0, 640, 360);
  timings.add(started, programMs, performance.now() - started);
}

const clockSource = `let t; self.onmessage = (e) => { clearInterval(t); t = e.data > 0 ? setInterval(() => self.postMessage(performance.timeOrigin + performance.now()), e.data) : undefined; };`;
const clock = new Worker(URL.createObjectURL(new Blob([clockSource], { type: 'text/javascript' })));
const period = Math.round(1000 / FPS);

const ready = (async () => {
  const camera = await navigator.mediaDevices.getUserMedia({ video: cameraConstraints(null) });
  const element = document.createElement('video');
  element.muted = true;
  element.playsInline = true;
  element.srcObject = camera;
  await element.play();
  while (element.readyState < 2 || element.videoWidth === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  video = element;
  clock.onmessage = (event: MessageEvent<number>) => {
    if (!isStaleTick(event.data, performance.timeOrigin + performance.now(), period)) renderFrame();
  };
  clock.postMessage(period);
})();

window.benchFloor = {
  ready,
  resetFrameStats: () => timings.reset(),
  frameStats: () => timings.stats(),
  stop: () => {
    clock.postMessage(0);
    clock.terminate();
    for (const track of [...stream.getTracks(), ...((video?.srcObject as MediaStream | null)?.getTracks() ?? [])]) track.stop();
  },
};

/**
 * Benchmark publisher (browser code, bundled by bench/live.ts): the studio's
 * real PublishClient sending a 1280x720 canvas whose every frame carries the
 * wall-clock time it was drawn, and with `?audio` in its address the
 * microphone too (bench/egress.ts). This is the seam the compositor uses too: a
 * canvas track instead of the camera.
 */
import type { PublishTicket } from '../src/shared/domain/live.js';
import { PublishClient } from '../src/renderer/publish/publish-client.js';
import type { PublishStatus } from '../src/renderer/publish/publish-status.js';
import { clockOffsetMs, drawClockCode, wallClockMs } from './live-clock-code.js';

declare global {
  interface Window {
    benchPublisher: {
      status(): PublishStatus;
      /** Canvas redraws per second over the last second. */
      drawRate(): number;
      clockOffsetMs(): number;
    };
  }
}

const WIDTH = 1280;
const HEIGHT = 720;
const ticket = JSON.parse(decodeURIComponent(location.hash.slice(1))) as PublishTicket;

const canvas = document.createElement('canvas');
canvas.width = WIDTH;
canvas.height = HEIGHT;
document.body.append(canvas);
const ctx = canvas.getContext('2d')!;

const draws: number[] = [];
function draw(): void {
  const now = wallClockMs();
  // Moving content below the code, so the encoder works about as hard as on a camera picture.
  const t = now / 1000;
  ctx.fillStyle = `hsl(${(t * 40) % 360} 45% 30%)`;
  ctx.fillRect(0, 0, WIDTH, HEIGHT);
  for (let i = 0; i < 12; i++) {
    ctx.fillStyle = `hsl(${(i * 30 + t * 90) % 360} 70% 55%)`;
    const x = (WIDTH / 2) * (1 + Math.sin(t * (0.7 + i * 0.13) + i));
    const y = HEIGHT / 3 + (HEIGHT / 3) * (1 + Math.cos(t * (0.9 + i * 0.11) + i)) * 0.9;
    ctx.beginPath();
    ctx.arc(x, y, 40 + i * 4, 0, Math.PI * 2);
    ctx.fill();
  }
  // The code goes on last, with the time taken as close to the frame's capture as the page can get.
  drawClockCode(ctx, WIDTH, HEIGHT, wallClockMs());
  draws.push(now);
  while (draws.length > 0 && draws[0]! < now - 1000) draws.shift();
  requestAnimationFrame(draw);
}
requestAnimationFrame(draw);

const track = canvas.captureStream(30).getVideoTracks()[0]!;
// `?audio`: the microphone too, as the studio publishes (Chromium's fake one, a beep, when launched with fake media).
const audio = new URLSearchParams(location.search).has('audio') ? (await navigator.mediaDevices.getUserMedia({ audio: true })).getAudioTracks()[0]! : null;
const client = new PublishClient({ fetchTicket: () => Promise.resolve(ticket) });
client.goLive({ video: track, audio });

window.benchPublisher = {
  status: () => client.getStatus(),
  drawRate: () => draws.length,
  clockOffsetMs: () => clockOffsetMs(),
};

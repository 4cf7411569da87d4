/**
 * Makes the captures in tests/fixtures/recordings/ (see its README) the way
 * the studio makes a recording: Chromium's MediaRecorder on a canvas stream
 * and an audio track, one chunk a second. Run it again only to replace them:
 *
 *   npx tsx scripts/make-recording-fixtures.ts
 *
 * The picture is red for the first two seconds and blue after, with a white
 * square moving across, so a test can tell which part of the capture a
 * decoded frame comes from. The sound is a 440 Hz tone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const out = path.resolve(import.meta.dirname, '../tests/fixtures/recordings');
const chromiumPath = process.env.CHROMIUM_PATH ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

const CAPTURES = [
  { file: 'capture-h264.webm', mimeType: 'video/webm;codecs=h264,opus' },
  { file: 'capture-vp8.webm', mimeType: 'video/webm;codecs=vp8,opus' },
] as const;

const browser = await chromium.launch({
  ...(chromiumPath ? { executablePath: chromiumPath } : {}),
  args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'],
});
try {
  fs.mkdirSync(out, { recursive: true });
  for (const capture of CAPTURES) {
    const page = await browser.newPage();
    // tsx keeps function names with a helper the page does not have.
    await page.evaluate('globalThis.__name = (f) => f');
    const chunks = await page.evaluate(async (mimeType) => {
      const canvas = document.createElement('canvas');
      canvas.width = 640;
      canvas.height = 360;
      const ctx = canvas.getContext('2d')!;
      const started = performance.now();
      const draw = () => {
        const t = performance.now() - started;
        ctx.fillStyle = t < 2000 ? '#d00000' : '#0000d0';
        ctx.fillRect(0, 0, 640, 360);
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(Math.round((t / 4000) * 560), 140, 80, 80);
      };
      draw();
      const timer = setInterval(draw, 1000 / 30);
      const audio = new AudioContext();
      const tone = audio.createOscillator();
      const destination = audio.createMediaStreamDestination();
      tone.connect(destination);
      tone.start();
      const stream = new MediaStream([canvas.captureStream(30).getVideoTracks()[0]!, destination.stream.getAudioTracks()[0]!]);
      const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: 1_000_000 });
      const pieces: Promise<number[]>[] = [];
      recorder.ondataavailable = (e) => pieces.push(e.data.arrayBuffer().then((b) => Array.from(new Uint8Array(b))));
      const stopped = new Promise((resolve) => (recorder.onstop = resolve));
      recorder.start(1000);
      await new Promise((resolve) => setTimeout(resolve, 4000));
      recorder.stop();
      await stopped;
      clearInterval(timer);
      return Promise.all(pieces);
    }, capture.mimeType);
    const buffers = chunks.map((c) => Buffer.from(c)).filter((b) => b.length > 0);
    fs.writeFileSync(path.join(out, capture.file), Buffer.concat(buffers));
    fs.writeFileSync(path.join(out, capture.file.replace(/\.webm$/, '.chunks.json')), JSON.stringify(buffers.map((b) => b.length)) + '\n');
    console.log(`${capture.file}: ${buffers.length} chunks, ${buffers.reduce((n, b) => n + b.length, 0)} bytes`);
    await page.close();
  }
} finally {
  await browser.close();
}

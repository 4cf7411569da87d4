/**
 * Vertical output benchmark (`npm run bench`, issue 18): what the second,
 * 9:16 output costs. In the real studio UI (`studio web`, demo catalog) in
 * Debian's headless Chromium, software rendering, fake camera:
 *
 * - the compositor's frame time (both outputs drawn in one tick: the
 *   compositor's frameStats count the vertical canvas with the program) with
 *   vertical output off and on, at 1280x720 + 720x1280 and at 1920x1080 +
 *   1080x1920, and the ratio;
 * - the publisher's upload while live on the built-in SFU (loopback): bytes/s
 *   sent over the window's peer connections (outbound-rtp bytes and header
 *   bytes from getStats) with both feeds, then with the vertical feed
 *   stopped alone (Stop vertical), and the ratio.
 */
import type { Browser, Page } from '@playwright/test';
import { startStudio } from '../e2e/studio-fixture.js';
import type { Compositor, FrameStats, Resolution } from '../src/renderer/compositor/compositor.js';
import type { VerticalOutput } from '../src/renderer/compositor/vertical-output.js';
import type { VerticalResolution } from '../src/shared/domain/settings.js';
import { launchBenchChromium } from './chromium-bench.js';
import { waitUntil } from './live-studio-setup.js';
import { figure, fmt, ratio, readings, row, type Reading } from './report-format.js';

type Hooks = { __lssCompositor: Compositor; __lssVertical?: VerticalOutput; __lssPeerConnections?: RTCPeerConnection[] };

export interface VerticalBenchmarkResult {
  readonly browser: string;
  readonly frames: readonly { readonly sizes: string; readonly one: FrameStats; readonly both: FrameStats }[];
  /** Upload and frames sent, 1280x720 + 720x1280, a product pinned. */
  readonly upload: { readonly one: Upload; readonly both: Upload };
}

const PAIRS: readonly (readonly [Resolution, VerticalResolution])[] = [
  ['1280x720', '720x1280'],
  ['1920x1080', '1080x1920'],
];

async function measureFrames(page: Page, windowMs: number): Promise<FrameStats> {
  await page.evaluate(() => (window as unknown as Hooks).__lssCompositor.resetFrameStats());
  await page.waitForTimeout(windowMs);
  return page.evaluate(() => (window as unknown as Hooks).__lssCompositor.frameStats());
}

async function setVertical(page: Page, enabled: boolean, resolution: VerticalResolution): Promise<void> {
  await page.evaluate((verticalOutput) => window.studio!.updateSettings({ verticalOutput }), { enabled, resolution });
  // On: the canvas draws (a few frames at the asked size); off: it is gone.
  await waitUntil(
    () =>
      page.evaluate(
        ({ on, height }) => {
          const v = (window as unknown as Hooks).__lssVertical;
          const drawing = v !== undefined && v.canvas.isConnected && v.canvas.height === height && v.framesDrawn > 10;
          return on ? drawing : !(v?.canvas.isConnected ?? false);
        },
        { on: enabled, height: Number(resolution.split('x')[1]) },
      ),
    `vertical output ${enabled ? 'on' : 'off'}`,
    15_000,
    100,
  );
}

interface SendCounters {
  readonly at: number;
  /** Payload and header bytes over every peer connection of the page. */
  readonly bytes: number;
  /** Frames encoded so far by each video sender's top simulcast layer (r2), by mid: the 16:9 feed first. */
  readonly topLayerFrames: readonly number[];
}

function sendCounters(page: Page): Promise<SendCounters> {
  return page.evaluate(async () => {
    let bytes = 0;
    const byMid = new Map<string, number>();
    for (const pc of (window as unknown as Hooks).__lssPeerConnections ?? []) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((s: { type: string; kind?: string; rid?: string; mid?: string; framesEncoded?: number; bytesSent?: number; headerBytesSent?: number }) => {
        if (s.type !== 'outbound-rtp') return;
        bytes += (s.bytesSent ?? 0) + (s.headerBytesSent ?? 0);
        if (s.kind === 'video' && s.rid === 'r2' && s.mid !== undefined) byMid.set(s.mid, s.framesEncoded ?? 0);
      });
    }
    const topLayerFrames = [...byMid.entries()].sort(([a], [b]) => Number(a) - Number(b)).map(([, frames]) => frames);
    return { at: performance.now(), bytes, topLayerFrames };
  });
}

interface Upload {
  readonly bytesPerSecond: number;
  /** Frames per second each feed's top layer sent (16:9 first, then 9:16 when it is on). */
  readonly topLayerFps: readonly number[];
}

async function measureUpload(page: Page, windowMs: number): Promise<Upload> {
  const start = await sendCounters(page);
  await page.waitForTimeout(windowMs);
  const end = await sendCounters(page);
  const seconds = (end.at - start.at) / 1000;
  return {
    bytesPerSecond: (end.bytes - start.bytes) / seconds,
    topLayerFps: end.topLayerFrames.map((frames, i) => (frames - (start.topLayerFrames[i] ?? frames)) / seconds),
  };
}

/** `windowMs`: how long frames and upload are measured each time; `settleMs`: the encoder's ramp-up before an upload window. */
/** `pairs`: how many of PAIRS to measure frame times at (the smoke run: the first only). */
export async function runVerticalBenchmark({ windowMs = 10_000, settleMs = 5_000, pairs = PAIRS.length } = {}): Promise<VerticalBenchmarkResult> {
  const { studio, stop } = await startStudio(['--sfu-port', '0'], { demo: true });
  let browser: Browser | null = null;
  try {
    browser = await launchBenchChromium({ fakeMedia: true });
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    // The page's peer connections, for their send stats (the publisher keeps its own private).
    await page.addInitScript(() => {
      const Native = window.RTCPeerConnection;
      const made: RTCPeerConnection[] = [];
      Object.assign(window, { __lssPeerConnections: made });
      window.RTCPeerConnection = class extends Native {
        constructor(config?: RTCConfiguration) {
          super(config);
          made.push(this);
        }
      };
    });
    await page.goto(`${studio.url}&lss-test-hooks`);
    await page.evaluate(() => window.studio!.updateSettings({ hostName: 'Ana from Field Goods' }));
    await page.getByRole('button', { name: 'Turn on camera and microphone' }).click();
    await page.getByTestId('check-camera').and(page.locator('[data-state="ok"]')).waitFor({ timeout: 15_000 });
    await page.getByRole('grid', { name: 'Products' }).getByRole('button', { name: /^Pin / }).first().click();
    await page.getByTestId('pinned-title').waitFor();
    await page.keyboard.press('F2');
    await page.getByRole('button', { name: 'Take', exact: true }).click();

    const frames: { sizes: string; one: FrameStats; both: FrameStats }[] = [];
    for (const [program, vertical] of PAIRS.slice(0, pairs)) {
      await page.evaluate((r) => (window as unknown as Hooks).__lssCompositor.setResolution(r), program);
      await setVertical(page, false, vertical);
      const one = await measureFrames(page, windowMs);
      await setVertical(page, true, vertical);
      const both = await measureFrames(page, windowMs);
      frames.push({ sizes: `${program} + ${vertical}`, one, both });
    }

    // Upload at 1280x720 + 720x1280: live with both feeds, then the vertical one stopped alone.
    await page.evaluate(() => (window as unknown as Hooks).__lssCompositor.setResolution('1280x720'));
    await setVertical(page, true, '720x1280');
    await page.getByRole('button', { name: 'Go live' }).click();
    await page.getByTestId('live-pill').and(page.locator('[data-phase="live"]')).waitFor({ timeout: 30_000 });
    await page.getByTestId('vertical-feed').and(page.locator('[data-state="live"]')).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(settleMs);
    const both = await measureUpload(page, windowMs);
    await page.getByRole('button', { name: 'Stop vertical' }).click();
    await page.getByTestId('vertical-feed').and(page.locator('[data-state="stopped"]')).waitFor({ timeout: 15_000 });
    await page.waitForTimeout(settleMs);
    const one = await measureUpload(page, windowMs);
    return { browser: `Chromium ${browser.version()}`, frames, upload: { one, both } };
  } finally {
    await browser?.close();
    await stop();
  }
}

const ms = (n: number, name: string) => figure(n, 'ms', `${n.toFixed(2)} ms`).as(name);
const stats = (s: FrameStats): Reading =>
  readings`frame p50 ${ms(s.p50, 'frame p50')}  p95 ${ms(s.p95, 'frame p95')}   ${figure(s.fps, 'fps', `${s.fps.toFixed(1)} fps`).as('frame rate')} (n=${s.frames})`;
const rate = (bytesPerSecond: number) => figure(bytesPerSecond, 'B/s', `${fmt(bytesPerSecond / 1000, 0)} kB/s (${fmt((bytesPerSecond * 8) / 1e6, 2)} Mbit/s)`);

export async function printVerticalBenchmark(options: { windowMs?: number; settleMs?: number; pairs?: number } = {}): Promise<void> {
  const r = await runVerticalBenchmark(options);
  console.log(`\nVertical output, both outputs vs one (camera + product card + lower third on each), ${r.browser} headless, software rendering:`);
  for (const { sizes, one, both } of r.frames) {
    console.log(row(`${sizes}: 16:9 only`, stats(one)));
    console.log(row(`${sizes}: both outputs`, stats(both)));
    console.log(row(`${sizes}: ratio both / one, p50`, ratio(both.p50 / one.p50)));
    console.log(row(`${sizes}: ratio both / one, p95`, ratio(both.p95 / one.p95)));
  }
  console.log(`\nPublisher upload, live on the built-in SFU (loopback), 1280x720 + 720x1280 (outbound-rtp bytes + header bytes, getStats):`);
  console.log(row('16:9 feed only (vertical stopped)', rate(r.upload.one.bytesPerSecond)));
  console.log(row('both feeds', rate(r.upload.both.bytesPerSecond)));
  console.log(row('ratio both / one, upload', ratio(r.upload.both.bytesPerSecond / r.upload.one.bytesPerSecond)));
  // What viewers get: the capture and the encoder must keep up with the compositor's 30 frames a second.
  const fps = (n: number | undefined, name: string) => figure(n ?? 0, 'frames/s', `${fmt(n ?? 0, 1)} frames/s`).as(name);
  console.log(row('top layer sent, 16:9 feed only', readings`${fps(r.upload.one.topLayerFps[0], '16:9 alone')}`));
  console.log(row('top layer sent, both feeds: 16:9, 9:16', readings`${fps(r.upload.both.topLayerFps[0], '16:9 with 9:16')}, ${fps(r.upload.both.topLayerFps[1], '9:16')}`));
}

// `tsx bench/vertical-output.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) await printVerticalBenchmark();

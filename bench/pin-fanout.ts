/**
 * Pin fan-out benchmark (`npm run bench`): from the host's key press in the
 * studio UI to each place the pin shows up, on loopback, through the real
 * parts — `studio web` (demo catalog) with its built-in mediasoup SFU, the
 * studio UI live with its compositor's output (fake camera, "Camera +
 * product card" on air), the real watch page, and a real headless OBS.
 *
 *  1. key press → the card in the watch page's DOM, and rendered (the frame after);
 *  2. key press → the first viewer video frame with the compositor's card on it;
 *  3. key press → OBS's title text source holding the new title.
 *
 * Each press pins the current rundown item ("P"); the rundown alternates two
 * products, so every press changes the card. Between presses (untimed) the
 * product is unpinned and the cursor moved: the video probe detects the card
 * arriving where the camera was, and the same pipeline carries a card
 * replacing another.
 *
 * Clocks: pages and Node each measure their offset to the system clock
 * (bench/chromium-bench.ts), so times from the studio page, the watch page
 * and Node are compared on one clock.
 *
 * Setup (show, going live, the watch page, OBS): bench/live-studio-setup.ts.
 *
 * Run alone: npx tsx bench/pin-fanout.ts [--presses 40] [--skip-obs]
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Browser, Page } from '@playwright/test';
import type { OBSWebSocket } from 'obs-websocket-js/json';
import { OBS_OVERLAY_INPUTS } from '../src/shared/domain/obs.js';
import { connectVerifier, inputText, obsMissingReason, startHeadlessObs } from '../tests/harness/headless-obs.js';
import { startStudio } from '../e2e/studio-fixture.js';
import type { Latency } from './catalog.js';
import { bundleBrowserScript, launchBenchChromium, pageClockOffset } from './chromium-bench.js';
import { connectStudioToObs, goLive, openViewer, prepareRundown, waitUntil } from './live-studio-setup.js';
import type { CardFrame } from './card-video-probe.js';
import { latency } from './live.js';
import type { CardSample } from './live-viewer-probe.js';
import { figure, fmt, lat, ratio as ratioOf, readings, row } from './report-format.js';
import type { PinRequestSample, StudioPinSample } from './studio-pin-probe.js';

export interface PinFanoutOptions {
  readonly presses: number;
  readonly obs: boolean;
  /** Time for simulcast to ramp up to the top layer before measuring (4 s unless given). */
  readonly rampUpMs?: number;
}

export interface PinFanoutResult {
  readonly browser: string;
  /** Key press → the renderer sends pinProduct, → gets its reply (main saved it and the SFU acknowledged). */
  readonly toRequest: Latency;
  readonly toReply: Latency;
  /** Key press → the studio UI's socket receives the pinChanged event with the new card (main sends it as it sends the card to the SFU). */
  readonly toPinEvent: Latency;
  /** Key press → the compositor has the new card, → the first outgoing frame drawn with it (the studio's share of the video path). */
  readonly toCompositor: Latency;
  readonly toOutputFrame: Latency;
  readonly toViewerDom: Latency;
  readonly toViewerCard: Latency;
  readonly toVideo: Latency;
  /** … → the last packet of that frame reached the viewer (the rest is the viewer's jitter buffer, decode and render). */
  readonly toVideoReceived: Latency;
  /** Null with `obsSkipped` saying why. */
  readonly toObs: Latency | null;
  readonly obsSkipped: string | null;
  readonly obsVersion: string | null;
  /** Video frames with the new card, by the width the viewer received. */
  readonly videoByWidth: Readonly<Record<string, number>>;
  /** Frames the viewer was shown per second while the presses ran. */
  readonly viewerFps: number;
  /** The studio's own stream-health tiles at the end ("30 fps", limited by "Nothing"). */
  readonly publisher: { readonly fps: string; readonly limitedBy: string; readonly bitrate: string };
  /** The machine's 1-minute load average before and after the presses (other work on a shared box moves every number). */
  readonly loadAverage: readonly [number, number];
}

const WARM_UP = 4;
const TARGET_TIMEOUT_MS = 5_000;
const OBS_POLL_MS = 2;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Node's high-resolution clock minus the system clock, like the pages' calibration. */
function nodeClockOffset(): number {
  let sum = 0;
  for (let i = 0; i < 5000; i++) sum += performance.timeOrigin + performance.now() - Date.now();
  return sum / 5000 - 0.5;
}

/** Presses P with nothing focused (as a host does while talking to the camera); returns when the key went down. */
async function press(studio: Page): Promise<number> {
  await studio.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await studio.keyboard.press('p');
  return waitUntil(() => studio.evaluate(() => window.benchStudio.takeKeyPress()), 'the key press in the studio page');
}

/** Unpinned everywhere and the rundown cursor on `item`: the starting point of one press (not timed). */
async function resetFor(studio: Page, viewer: Page, showId: number, item: { id: number; title: string }, obs: OBSWebSocket | null): Promise<void> {
  await studio.evaluate(
    async ({ showId, itemId }) => {
      const unpinned = await window.studio!.unpinProduct();
      const moved = await window.studio!.setRundownCursor({ showId, itemId });
      if (!unpinned.ok || !moved.ok) throw new Error('Could not reset the pin and the rundown.');
    },
    { showId, itemId: item.id },
  );
  await studio.waitForFunction(
    (title) => document.querySelector('[aria-label="Rundown items"] [aria-current="step"]')?.textContent?.includes(title) ?? false,
    item.title,
  );
  await viewer.waitForFunction(() => document.getElementById('product-card')?.hidden === true && window.benchCardVideo.cardOnAir() === false, null, {
    timeout: TARGET_TIMEOUT_MS,
  });
  if (obs) await waitUntil(async () => (await inputText(obs, OBS_OVERLAY_INPUTS.title)) === '', 'OBS to clear the title');
  await viewer.evaluate(() => window.benchViewer.takeCards());
  await studio.evaluate(() => window.benchStudio.reset());
}

/**
 * Reads OBS's title every couple of milliseconds until it starts with
 * `title`; resolves with the time of the reply that had it. Not back to back
 * (as bench/obs-pin.ts does): on two cores a spinning poller would slow the
 * browser paths measured at the same time.
 */
async function obsArrival(obs: OBSWebSocket, title: string, offset: number): Promise<number> {
  const deadline = Date.now() + TARGET_TIMEOUT_MS;
  for (;;) {
    const text = await inputText(obs, OBS_OVERLAY_INPUTS.title);
    if (text.startsWith(title)) return performance.timeOrigin + performance.now() - offset;
    if (Date.now() > deadline) throw new Error(`OBS never showed "${title}" (it holds "${text}").`);
    await sleep(OBS_POLL_MS);
  }
}

/** One press, every time in ms after the key press. */
interface PressSample {
  readonly request: number;
  readonly reply: number;
  readonly pinEvent: number;
  readonly compositor: number;
  readonly outputFrame: number;
  readonly viewerDom: number;
  readonly viewerCard: number;
  readonly video: number;
  readonly videoReceived: number | null;
  readonly videoWidth: number;
  readonly obs: number | null;
}

interface Bench {
  readonly studio: Page;
  readonly viewer: Page;
  readonly obs: OBSWebSocket | null;
  /** Each clock's offset to the system clock (ms). */
  readonly offsets: { readonly studio: number; readonly viewer: number; readonly node: number };
}

/** Presses P for `item` (already current and unpinned) and waits for it everywhere. */
async function measurePress({ studio, viewer, obs, offsets }: Bench, item: { title: string }): Promise<PressSample> {
  await viewer.evaluate(() => window.benchCardVideo.arm());
  const obsAt = obs ? obsArrival(obs, item.title, offsets.node) : null;
  obsAt?.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  const pressedAt = (await press(studio)) - offsets.studio;
  const card = await waitUntil<CardSample | undefined>(
    async () => (await viewer.evaluate(() => window.benchViewer.takeCards())).find((c) => c.title === item.title),
    `"${item.title}" on the viewer`,
  );
  const frame = await waitUntil<CardFrame>(() => viewer.evaluate(() => window.benchCardVideo.takeArrival()), `"${item.title}" in the viewer's video`);
  const drawn = await waitUntil<StudioPinSample | undefined>(
    async () => (await studio.evaluate(() => window.benchStudio.takeCards())).find((c) => c.title === item.title),
    `"${item.title}" in the studio's output`,
  );
  const request = await waitUntil<PinRequestSample | undefined>(
    async () => (await studio.evaluate(() => window.benchStudio.takeRequests())).at(-1),
    `the studio's pinProduct reply`,
  );
  const pinEventAt = await waitUntil(() => studio.evaluate((title) => window.benchStudio.takePinEvent(title), item.title), `pinChanged in the studio UI`);
  const obsArrived = obsAt ? await obsAt : null;
  const studioMs = (at: number) => at - offsets.studio - pressedAt;
  const viewerMs = (at: number) => at - offsets.viewer - pressedAt;
  return {
    request: studioMs(request!.sentAt),
    reply: studioMs(request!.repliedAt),
    pinEvent: studioMs(pinEventAt),
    compositor: studioMs(drawn!.overlayAt),
    outputFrame: studioMs(drawn!.drawnAt),
    viewerDom: viewerMs(card!.domAt),
    viewerCard: viewerMs(card!.renderedAt),
    video: viewerMs(frame.shownAt),
    videoReceived: frame.receivedAt === null ? null : viewerMs(frame.receivedAt),
    videoWidth: frame.width,
    obs: obsArrived === null ? null : obsArrived - pressedAt,
  };
}

export async function runPinFanoutBenchmark(options: PinFanoutOptions): Promise<PinFanoutResult> {
  const obsSkipped = options.obs ? obsMissingReason() : 'OBS skipped (--skip-obs).';
  const [viewerProbe, videoProbe, studioProbe] = await Promise.all(
    ['live-viewer-probe.ts', 'card-video-probe.ts', 'studio-pin-probe.ts'].map((entry) => bundleBrowserScript(entry, 'iife')),
  );
  const [{ studio: running, stop }, headlessObs] = await Promise.all([
    startStudio(['--sfu-port', '0'], { demo: true }),
    obsSkipped ? null : startHeadlessObs(),
  ]);
  let browser: Browser | null = null;
  let obs: OBSWebSocket | null = null;
  try {
    browser = await launchBenchChromium({ fakeMedia: true });
    const studioContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await studioContext.addInitScript({ content: studioProbe! });
    const studio = await studioContext.newPage();
    await studio.goto(`${running.url}&lss-test-hooks`);
    const { showId, items } = await prepareRundown(studio);
    await goLive(studio);
    const obsVersion = headlessObs ? await connectStudioToObs(studio, headlessObs) : null;
    if (headlessObs) obs = await connectVerifier(headlessObs);
    const viewer = await openViewer(browser, studio, [viewerProbe!, videoProbe!]);
    await studio.evaluate(() => window.benchStudio.attach());
    await viewer.evaluate(() => window.benchViewer.startCards());
    await sleep(options.rampUpMs ?? 4_000); // simulcast ramps up to the top layer; the first seconds are not a steady state

    const offsets = {
      studio: await pageClockOffset(studio),
      viewer: await viewer.evaluate(() => window.benchViewer.clockOffsetMs()),
      node: nodeClockOffset(),
    };
    const bench: Bench = { studio, viewer, obs, offsets };
    const samples: PressSample[] = [];
    let framesBefore = 0;
    let since = 0;
    let loadBefore = 0;
    for (let i = -WARM_UP; i < options.presses; i++) {
      if (i === 0) {
        framesBefore = await viewer.evaluate(() => window.benchCardVideo.framesRead());
        since = performance.now();
        loadBefore = os.loadavg()[0]!;
      }
      const item = items[(i + WARM_UP) % 2]!;
      await resetFor(studio, viewer, showId, item, obs);
      const sample = await measurePress(bench, item);
      if (i >= 0) samples.push(sample); // before 0, warm-up: code paths, caches, the encoder's first key frames
      await sleep(100 + Math.random() * 150); // a random phase against the frame clocks
    }
    const framesAfter = await viewer.evaluate(() => window.benchCardVideo.framesRead());
    const of = (key: Exclude<keyof PressSample, 'obs' | 'videoWidth' | 'videoReceived'>) => latency(samples.map((s) => s[key]));
    const videoByWidth: Record<string, number> = {};
    for (const s of samples) videoByWidth[s.videoWidth] = (videoByWidth[s.videoWidth] ?? 0) + 1;
    const tile = (key: string) => studio.locator(`[data-testid="health-${key}"] .health-value`).textContent().then((t) => t ?? '?');
    return {
      browser: `Chromium ${browser.version()} (headless)`,
      toRequest: of('request'),
      toReply: of('reply'),
      toPinEvent: of('pinEvent'),
      toCompositor: of('compositor'),
      toOutputFrame: of('outputFrame'),
      toViewerDom: of('viewerDom'),
      toViewerCard: of('viewerCard'),
      toVideo: of('video'),
      toVideoReceived: latency(samples.flatMap((s) => (s.videoReceived === null ? [] : [s.videoReceived]))),
      toObs: obs ? latency(samples.flatMap((s) => (s.obs === null ? [] : [s.obs]))) : null,
      obsSkipped,
      obsVersion,
      videoByWidth,
      viewerFps: (framesAfter - framesBefore) / ((performance.now() - since) / 1000),
      publisher: { fps: await tile('fps'), limitedBy: await tile('quality'), bitrate: await tile('bitrate') },
      loadAverage: [loadBefore, os.loadavg()[0]!],
    };
  } finally {
    await obs?.disconnect();
    await browser?.close();
    await stop();
    await headlessObs?.stop();
  }
}


/** Viewer card p95 must stay under this (issue 7). */
export const VIEWER_CARD_TARGET_MS = 100;

export async function printPinFanoutBenchmark(options: PinFanoutOptions): Promise<void> {
  console.log('\nPin fan-out: studio web + built-in SFU + studio UI live (compositor, fake camera) + watch page + headless OBS, loopback, one browser');
  const r = await runPinFanoutBenchmark(options);
  console.log(row('Browser', r.browser));
  const [loadStart, loadEnd] = r.loadAverage.map((load, i) => figure(load, 'load', fmt(load)).as(i === 0 ? '(at start)' : '(at end)'));
  console.log(row('Load average (1 min), start → end', readings`${loadStart} → ${loadEnd} on ${os.cpus().length} cores`));
  console.log(`\nP pressed in the studio UI (pins the current rundown item; two products alternating), ${r.toViewerCard.count} presses:`);
  console.log(row('→ card in the viewer DOM', lat(r.toViewerDom)));
  console.log(row('→ card rendered on the viewer', lat(r.toViewerCard)));
  console.log(row('→ card in the viewer’s video', lat(r.toVideo)));
  const widths = Object.entries(r.videoByWidth)
    .map(([width, count]) => `${width} px: ${count}`)
    .join(', ');
  const p = r.publisher;
  const viewerFps = figure(r.viewerFps, 'frames/s', fmt(r.viewerFps)).as('viewer frame rate');
  console.log(row('', readings`(publisher ${p.fps}, ${p.bitrate}, limited by ${p.limitedBy}; viewer shown ${viewerFps} frames/s; ${widths})`));
  if (r.toObs) console.log(row(`→ OBS ${r.obsVersion ?? ''} title text updated`, lat(r.toObs)));
  else console.log(row('→ OBS title text', r.obsSkipped ?? 'skipped'));
  const ratio = r.toViewerCard.p95 / VIEWER_CARD_TARGET_MS;
  console.log(row('viewer card p95 / target (100 ms)', readings`${ratioOf(ratio)}${ratio < 1 ? '  (within target)' : '  (OVER TARGET)'}`));
  console.log('On the way to the video (the viewer page’s card needs only the request; the rest is the studio UI’s own copy):');
  console.log(row('→ studio UI sends pinProduct', lat(r.toRequest)));
  console.log(row('→ studio UI gets pinChanged (socket)', lat(r.toPinEvent)));
  console.log(row('→ studio UI has the reply', lat(r.toReply)));
  console.log(row('→ compositor has the card', lat(r.toCompositor)));
  console.log(row('→ outgoing frame drawn with it', lat(r.toOutputFrame)));
  console.log(row('→ that frame received by the viewer', lat(r.toVideoReceived)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { presses: { type: 'string', default: '40' }, 'skip-obs': { type: 'boolean', default: false } } });
  await printPinFanoutBenchmark({ presses: Number(values.presses), obs: !values['skip-obs'] });
}

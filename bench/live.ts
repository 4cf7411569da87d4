/**
 * Live benchmark (`npm run bench`): glass-to-glass latency and pin-to-card
 * latency on loopback, through the real parts — `studio web` with its
 * built-in mediasoup SFU, the studio UI, the studio's PublishClient and the
 * real watch page, all in Debian's Chromium.
 *
 * Clocks: every page reads its high-resolution clock (timeOrigin + now) and
 * measures its offset to the shared system clock (bench/live-clock-code.ts),
 * so times taken in different pages are compared on one clock.
 */
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import type { PublishTicket } from '../src/shared/domain/live.js';
import { SHOPIFY_TEMPLATE_CSV } from '../tests/harness/catalog-fixtures.js';
import { startStudio } from '../e2e/studio-fixture.js';
import type { Latency } from './catalog.js';
import { bundleBrowserScript, launchBenchChromium, pageClockOffset, profilePage, servePublisherPage } from './chromium-bench.js';
import type { CardSample, FrameSample } from './live-viewer-probe.js';
import type { PinRequestSample } from './studio-pin-probe.js';

export interface LiveBenchmarkOptions {
  readonly pins: number;
  readonly frames: number;
  /** Time for simulcast to ramp up to the top layer before measuring (4 s unless given). */
  readonly rampUpMs?: number;
}

/**
 * Pin button clicked in the studio UI → card on the viewer, and where the
 * time went, each step on the system clock (each page's offset removed).
 */
export interface PinPath {
  /** Click → the viewer's frame with the new card. */
  readonly toCard: Latency;
  /** Click → the viewer's card DOM updated (before its frame). */
  readonly toDom: Latency;
  /** Click → the studio UI sends pinProduct (React's click handler and what it awaits first). */
  readonly clickToRequest: Latency;
  /** pinProduct sent → the SFU sends the pin push (control socket, main's pinProduct, main → SFU). Whole ms: the SFU stamps Date.now(). */
  readonly requestToSfu: Latency;
  /** SFU push sent → it reaches the watch page's socket (loopback and the viewer page's event loop). */
  readonly sfuToViewerSocket: Latency;
  /** Push on the viewer's socket → card in its DOM (parsing and the card's render code). */
  readonly socketToDom: Latency;
  /** Card in the DOM → the frame that shows it is done (style, layout, paint). */
  readonly domToFrame: Latency;
  /** pinProduct sent → its reply back in the studio UI (the whole round trip, for comparison). */
  readonly requestToReply: Latency;
}

export interface LiveBenchmarkResult {
  readonly browser: string;
  /** The watch page in another page of the studio's browser (one renderer process per page, one GPU process). */
  readonly pinSameBrowser: PinPath;
  /** The watch page in a browser of its own, as a real viewer's. */
  readonly pinOwnBrowser: PinPath;
  readonly glassToGlass: Latency;
  readonly receiveToDisplay: Latency;
  readonly unreadableFrames: number;
  /** Frames by the width the viewer received (the simulcast layer it got). */
  readonly framesByWidth: Readonly<Record<string, number>>;
  readonly publisher: { readonly drawRate: number; readonly bitrateKbps: number | null; readonly layers: number; readonly fps: number | null };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function latency(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? 0 };
}

async function importTemplate(studio: Page): Promise<void> {
  await studio.getByRole('region', { name: 'Catalog' }).getByRole('button', { name: 'Import…' }).click();
  const dialog = studio.getByRole('dialog', { name: 'Import products' });
  await dialog.getByLabel('Product file').setInputFiles(SHOPIFY_TEMPLATE_CSV);
  await dialog.getByRole('button', { name: /^Import \d+ products?$/ }).click();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await studio.getByRole('button', { name: /^Pin Example Beanie/ }).first().waitFor();
}

async function measureFrames(publisher: Page, viewer: Page, count: number) {
  const publisherMinusViewer = (await publisher.evaluate(() => window.benchPublisher.clockOffsetMs())) - (await viewer.evaluate(() => window.benchViewer.clockOffsetMs()));
  await viewer.evaluate((offset) => window.benchViewer.startFrames(offset), publisherMinusViewer);
  const samples: FrameSample[] = [];
  let unreadable = 0;
  const deadline = Date.now() + 120_000;
  while (samples.length < count && Date.now() < deadline) {
    await sleep(500);
    const taken = await viewer.evaluate(() => window.benchViewer.takeFrames());
    samples.push(...taken.samples);
    unreadable += taken.unreadable;
  }
  await viewer.evaluate(() => window.benchViewer.stopFrames());
  return { samples: samples.slice(0, count), unreadable };
}

/** Clicks the real Pin buttons in the studio UI, alternating two products, and waits for each card on the viewer. */
async function measurePins(studio: Page, viewer: Page, count: number): Promise<PinPath> {
  const studioOffset = await pageClockOffset(studio);
  const viewerOffset = await viewer.evaluate(() => window.benchViewer.clockOffsetMs());
  await viewer.evaluate(() => window.benchViewer.startCards());
  await studio.evaluate(() => window.benchStudio.reset());
  // Start with the product that is not on screen (its button reads Pin, the other's Unpin).
  const start = await studio.evaluate(() => (document.querySelector('button[aria-label^="Pin Example Beanie"]') ? 0 : 1));
  const steps = { toCard: [], toDom: [], clickToRequest: [], requestToSfu: [], sfuToViewerSocket: [], socketToDom: [], domToFrame: [], requestToReply: [] } as Record<keyof PinPath, number[]>;
  for (let i = 0; i < count; i++) {
    const title = (i + start) % 2 === 0 ? 'Example Beanie' : 'Example T-Shirt';
    const clickedAt = await studio.evaluate((t) => {
      const button = document.querySelector<HTMLButtonElement>(`button[aria-label^="Pin ${t}"]`);
      if (!button) throw new Error(`No Pin button for ${t}`);
      const at = performance.timeOrigin + performance.now();
      button.click();
      return at;
    }, title);
    let card: CardSample | undefined;
    const deadline = Date.now() + 5_000;
    while (!card && Date.now() < deadline) {
      await sleep(10);
      card = (await viewer.evaluate(() => window.benchViewer.takeCards())).find((c) => c.title === title);
    }
    if (!card) throw new Error(`Pin ${i} (${title}) never reached the viewer.`);
    let request: PinRequestSample | undefined;
    while (!request && Date.now() < deadline) {
      request = (await studio.evaluate(() => window.benchStudio.takeRequests())).at(-1);
      if (!request) await sleep(5);
    }
    if (!request) throw new Error(`Pin ${i} (${title}): the studio UI's pinProduct reply never came.`);
    if (card.socketAt === null || card.serverSentAt === null) throw new Error(`Pin ${i} (${title}): the watch page's socket did not see the pin push.`);
    // Everything on the system clock.
    const clicked = clickedAt - studioOffset;
    const sent = request.sentAt - studioOffset;
    const onSocket = card.socketAt - viewerOffset;
    const inDom = card.domAt - viewerOffset;
    const framed = card.renderedAt - viewerOffset;
    steps.toCard.push(framed - clicked);
    steps.toDom.push(inDom - clicked);
    steps.clickToRequest.push(sent - clicked);
    steps.requestToSfu.push(card.serverSentAt - sent);
    steps.sfuToViewerSocket.push(onSocket - card.serverSentAt);
    steps.socketToDom.push(inDom - onSocket);
    steps.domToFrame.push(framed - inDom);
    steps.requestToReply.push(request.repliedAt - request.sentAt);
    await sleep(100 + Math.random() * 150); // a random phase against the viewer's frames
  }
  return Object.fromEntries(Object.entries(steps).map(([key, samples]) => [key, latency(samples)])) as unknown as PinPath;
}

export async function runLiveBenchmark(options: LiveBenchmarkOptions): Promise<LiveBenchmarkResult> {
  const [publisherJs, probeJs, studioProbeJs] = await Promise.all([
    bundleBrowserScript('live-publisher-page.ts', 'esm'),
    bundleBrowserScript('live-viewer-probe.ts', 'iife'),
    bundleBrowserScript('studio-pin-probe.ts', 'iife'),
  ]);
  const site = await servePublisherPage(publisherJs);
  const { studio: running, stop } = await startStudio(['--sfu-port', '0']);
  let browser: Browser | null = null;
  let viewerBrowser: Browser | null = null;
  try {
    browser = await launchBenchChromium();
    const open = async (url: string, width: number, height: number, probe?: string, on = browser!) => {
      const context = await on.newContext({ viewport: { width, height } });
      if (probe) await context.addInitScript({ content: probe });
      const page = await context.newPage();
      await page.goto(url);
      return page;
    };
    // The test hooks expose the compositor, which the studio probe wraps (no benchmark code in the product).
    const studio = await open(`${running.url}&lss-test-hooks`, 1440, 900, studioProbeJs);
    await importTemplate(studio);
    await studio.evaluate(() => window.benchStudio.attach());
    const ticket = await studio.evaluate(async () => {
      const result = await window.studio!.getPublishTicket();
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    });
    const publisher = await open(`${site.origin}/#${encodeURIComponent(JSON.stringify(ticket satisfies PublishTicket))}`, 1300, 760);
    await publisher.waitForFunction(() => window.benchPublisher?.status().phase === 'live', null, { timeout: 30_000 });

    const openViewer = async (on: Browser) => {
      const viewer = await open(ticket.viewerUrls[0]!, 1300, 900, probeJs, on);
      await viewer.waitForFunction(() => performance.getEntriesByName('lss:first-frame').length > 0, null, { timeout: 30_000 });
      await sleep(options.rampUpMs ?? 4_000); // simulcast ramps up to the top layer; the first seconds are not a steady state
      return viewer;
    };
    const viewer = await openViewer(browser);
    const frames = await measureFrames(publisher, viewer, options.frames);
    const pinSameBrowser = await measurePins(studio, viewer, options.pins);
    // Then one viewer again, in a browser process of its own, as in real life.
    await viewer.context().close();
    viewerBrowser = await launchBenchChromium();
    const ownViewer = await openViewer(viewerBrowser);
    let pinOwnBrowser: PinPath | undefined;
    const profiles = process.env.LIVE_PROFILE;
    // LIVE_PROFILE=DIR: the watch page's main thread during the second round of pins, as a .cpuprofile (the figures then include the profiler's cost).
    if (profiles) await profilePage(ownViewer, path.join(profiles, 'watch-page-pins.cpuprofile'), async () => void (pinOwnBrowser = await measurePins(studio, ownViewer, options.pins)));
    else pinOwnBrowser = await measurePins(studio, ownViewer, options.pins);
    if (!pinOwnBrowser) throw new Error('The pins were not measured.');
    const health = await publisher.evaluate(() => window.benchPublisher.status().health);
    const drawRate = await publisher.evaluate(() => window.benchPublisher.drawRate());
    const framesByWidth: Record<string, number> = {};
    for (const f of frames.samples) framesByWidth[f.width] = (framesByWidth[f.width] ?? 0) + 1;
    return {
      browser: `Chromium ${browser.version()} (headless)`,
      pinSameBrowser,
      pinOwnBrowser,
      glassToGlass: latency(frames.samples.map((f) => f.glassToGlassMs)),
      receiveToDisplay: latency(frames.samples.flatMap((f) => (f.receiveToDisplayMs === null ? [] : [f.receiveToDisplayMs]))),
      unreadableFrames: frames.unreadable,
      framesByWidth,
      publisher: { drawRate, bitrateKbps: health?.bitrateKbps ?? null, layers: health?.videoLayers ?? 0, fps: health?.framesPerSecond ?? null },
    };
  } finally {
    await viewerBrowser?.close();
    await browser?.close();
    await stop();
    await site.close();
  }
}

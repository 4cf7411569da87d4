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
import type { Browser, Page } from '@playwright/test';
import type { PublishTicket } from '../src/shared/domain/live.js';
import { SHOPIFY_TEMPLATE_CSV } from '../tests/harness/catalog-fixtures.js';
import { startStudio } from '../e2e/studio-fixture.js';
import type { Latency } from './catalog.js';
import { bundleBrowserScript, launchBenchChromium, pageClockOffset, servePublisherPage } from './chromium-bench.js';
import type { CardSample, FrameSample } from './live-viewer-probe.js';

export interface LiveBenchmarkOptions {
  readonly pins: number;
  readonly frames: number;
  /** Time for simulcast to ramp up to the top layer before measuring (4 s unless given). */
  readonly rampUpMs?: number;
}

export interface LiveBenchmarkResult {
  readonly browser: string;
  /** Pin button clicked in the studio UI → the viewer's frame with the new card. */
  readonly pinToCard: Latency;
  /** … → the viewer's card DOM updated (before its frame). */
  readonly pinToDom: Latency;
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
async function measurePins(studio: Page, viewer: Page, count: number) {
  const studioOffset = await pageClockOffset(studio);
  const viewerOffset = await viewer.evaluate(() => window.benchViewer.clockOffsetMs());
  await viewer.evaluate(() => window.benchViewer.startCards());
  const toCard: number[] = [];
  const toDom: number[] = [];
  for (let i = 0; i < count; i++) {
    const title = i % 2 === 0 ? 'Example Beanie' : 'Example T-Shirt';
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
    const clicked = clickedAt - studioOffset;
    toCard.push(card.renderedAt - viewerOffset - clicked);
    toDom.push(card.domAt - viewerOffset - clicked);
    await sleep(100 + Math.random() * 150); // a random phase against the viewer's frames
  }
  return { toCard, toDom };
}

export async function runLiveBenchmark(options: LiveBenchmarkOptions): Promise<LiveBenchmarkResult> {
  const [publisherJs, probeJs] = await Promise.all([bundleBrowserScript('live-publisher-page.ts', 'esm'), bundleBrowserScript('live-viewer-probe.ts', 'iife')]);
  const site = await servePublisherPage(publisherJs);
  const { studio: running, stop } = await startStudio(['--sfu-port', '0']);
  let browser: Browser | null = null;
  try {
    browser = await launchBenchChromium();
    const open = async (url: string, width: number, height: number) => {
      const page = await (await browser!.newContext({ viewport: { width, height } })).newPage();
      await page.goto(url);
      return page;
    };
    const studio = await open(running.url, 1440, 900);
    await importTemplate(studio);
    const ticket = await studio.evaluate(async () => {
      const result = await window.studio!.getPublishTicket();
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    });
    const publisher = await open(`${site.origin}/#${encodeURIComponent(JSON.stringify(ticket satisfies PublishTicket))}`, 1300, 760);
    await publisher.waitForFunction(() => window.benchPublisher?.status().phase === 'live', null, { timeout: 30_000 });

    const viewer = await open(ticket.viewerUrls[0]!, 1300, 900);
    await viewer.waitForFunction(() => performance.getEntriesByName('lss:first-frame').length > 0, null, { timeout: 30_000 });
    await viewer.evaluate(probeJs);
    await sleep(options.rampUpMs ?? 4_000); // simulcast ramps up to the top layer; the first seconds are not a steady state

    const frames = await measureFrames(publisher, viewer, options.frames);
    const pins = await measurePins(studio, viewer, options.pins);
    const health = await publisher.evaluate(() => window.benchPublisher.status().health);
    const drawRate = await publisher.evaluate(() => window.benchPublisher.drawRate());
    const framesByWidth: Record<string, number> = {};
    for (const f of frames.samples) framesByWidth[f.width] = (framesByWidth[f.width] ?? 0) + 1;
    return {
      browser: `Chromium ${browser.version()} (headless)`,
      pinToCard: latency(pins.toCard),
      pinToDom: latency(pins.toDom),
      glassToGlass: latency(frames.samples.map((f) => f.glassToGlassMs)),
      receiveToDisplay: latency(frames.samples.flatMap((f) => (f.receiveToDisplayMs === null ? [] : [f.receiveToDisplayMs]))),
      unreadableFrames: frames.unreadable,
      framesByWidth,
      publisher: { drawRate, bitrateKbps: health?.bitrateKbps ?? null, layers: health?.videoLayers ?? 0, fps: health?.framesPerSecond ?? null },
    };
  } finally {
    await browser?.close();
    await stop();
    await site.close();
  }
}

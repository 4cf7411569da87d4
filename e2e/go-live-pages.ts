import path from 'node:path';
import { expect, type Browser, type Page } from '@playwright/test';
import { repoRoot, startStudio, type RunningStudio } from './studio-fixture.js';

/**
 * Pieces shared by the go-live end-to-end tests: the real studio (with its
 * built-in SFU on a free port), the studio UI driven like a host would, and
 * the real watch page measured from inside the viewer's browser.
 */

export const shopifyTemplate = path.resolve(repoRoot, 'tests/fixtures/catalogs/shopify-product-template.csv');

/** `studio web` with the built-in SFU on a free port (never the default 4781 a developer may be using). */
export function startLiveStudio(extraArgs: string[] = []): Promise<{ studio: RunningStudio; stop: () => Promise<void> }> {
  return startStudio(['--sfu-port', '0', ...extraArgs]);
}

export async function openStudio(browser: Browser, studio: RunningStudio): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto(studio.url);
  return page;
}

/** Imports the Shopify template through the import dialog (works whether or not a demo catalog is there). */
export async function importShopifyTemplate(page: Page): Promise<void> {
  const catalog = page.getByRole('region', { name: 'Catalog' });
  await catalog.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import products' });
  await dialog.getByLabel('Product file').setInputFiles(shopifyTemplate);
  await dialog.getByRole('button', { name: /^Import \d+ products?$/ }).click();
  await expect(dialog.getByRole('status').filter({ hasText: /^Imported/ })).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
}

/** Turns the camera and mic on and waits until the go-live checklist is all green. */
export async function getReadyToGoLive(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Turn on camera and microphone' }).click();
  for (const check of ['camera', 'microphone', 'server']) {
    await expect(page.getByTestId(`check-${check}`)).toHaveAttribute('data-state', 'ok', { timeout: 15_000 });
  }
}

export const livePill = (page: Page) => page.getByTestId('live-pill');

export async function viewerUrlOf(page: Page): Promise<string> {
  const status = await page.evaluate(() => window.studio!.getSfuStatus());
  if (!status.ok || !status.value.viewerUrls[0]) throw new Error(`No viewer URL: ${JSON.stringify(status)}`);
  return status.value.viewerUrls[0];
}

/** Opens the watch page as a phone would and waits for the first painted video frame. */
/** `clockOffsetMs`: the viewer's computer clock is this far off (Date.now and new Date() in the page). */
export async function openViewer(browser: Browser, url: string, waitForVideo = true, clockOffsetMs = 0): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  if (clockOffsetMs !== 0) {
    await page.addInitScript((offset: number) => {
      const RealDate = Date;
      const realNow = RealDate.now.bind(RealDate);
      class SkewedDate extends RealDate {
        constructor(...args: unknown[]) {
          if (args.length === 0) super(realNow() + offset);
          else super(...(args as [string]));
        }
        static override now(): number {
          return realNow() + offset;
        }
      }
      globalThis.Date = SkewedDate as DateConstructor;
    }, clockOffsetMs);
  }
  await page.goto(url);
  if (waitForVideo) await waitForPicture(page);
  return page;
}

export async function waitForPicture(viewer: Page): Promise<void> {
  await expect(viewer.locator('#watch')).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
  await viewer.waitForFunction(() => performance.getEntriesByName('lss:first-frame').length > 0, null, { timeout: 20_000 });
}

export interface PictureSample {
  /** Frames presented during the window (requestVideoFrameCallback). */
  readonly frames: number;
  /** How far the video's clock moved (s). */
  readonly advancedBy: number;
  readonly width: number;
  readonly height: number;
  readonly audioTracks: number;
  /** An audio track that is live and not muted: media is arriving for it. */
  readonly audioFlowing: boolean;
}

/** Watches the viewer's video element for `ms` and reports what arrived. */
export function samplePicture(viewer: Page, ms = 1000): Promise<PictureSample> {
  return viewer.evaluate(async (duration) => {
    const video = document.querySelector('video')!;
    let frames = 0;
    const onFrame = () => {
      frames++;
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
    const start = video.currentTime;
    await new Promise((r) => setTimeout(r, duration));
    const audio = (video.srcObject as MediaStream | null)?.getAudioTracks() ?? [];
    return {
      frames,
      advancedBy: video.currentTime - start,
      width: video.videoWidth,
      height: video.videoHeight,
      audioTracks: audio.length,
      audioFlowing: audio.some((t) => t.readyState === 'live' && !t.muted),
    };
  }, ms);
}

/** Frames the viewer's current <video> element has presented since this was first asked about it (-1: no video yet). */
function presentedFrames(viewer: Page): Promise<{ element: number; frames: number; time: number }> {
  return viewer.evaluate(() => {
    type Counted = HTMLVideoElement & { lssFrames?: { element: number; frames: number } };
    const video = document.querySelector('video') as Counted | null;
    if (!video) return { element: -1, frames: -1, time: 0 };
    if (!video.lssFrames) {
      const counter = { element: Math.random(), frames: 0 };
      video.lssFrames = counter;
      const onFrame = () => {
        counter.frames++;
        video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
    }
    return { ...video.lssFrames, time: video.currentTime };
  });
}

/**
 * Waits until the viewer's picture moves: 10 new frames presented and the
 * video's clock advanced, however long a loaded machine takes to get there
 * (right after an SFU restart a busy 2-core machine can deliver 3–4 frames a
 * second while the bandwidth estimate ramps up). A frozen or missing picture
 * never gets there and fails at the timeout. Frame rate is a benchmark figure.
 */
export async function expectPicturePlaying(viewer: Page, newFrames = 10): Promise<PictureSample> {
  let first = await presentedFrames(viewer);
  await expect
    .poll(
      async () => {
        const now = await presentedFrames(viewer);
        // A new <video> element (the page rebuilt its player) counts from its own start.
        if (now.element !== first.element) first = { ...now, frames: 0, time: 0 };
        return now.frames - first.frames >= newFrames && now.time > first.time;
      },
      { timeout: 30_000, message: `the viewer's video presents ${newFrames} new frames` },
    )
    .toBe(true);
  const sample = await samplePicture(viewer, 200);
  expect(sample.width).toBeGreaterThan(0);
  expect(sample.height).toBeGreaterThan(0);
  return sample;
}

/** Sends raw protocol frames from the viewer's page, as any script on the web could; returns the error codes of all but the join. */
export function rawViewerRequests(viewer: Page, signalUrl: string, show: string, requests: readonly object[]): Promise<(string | undefined)[]> {
  return viewer.evaluate(
    async ({ signalUrl, show, requests }) => {
      const ws = new WebSocket(signalUrl);
      const replies = new Map<number, { type: string; code?: string }>();
      ws.onmessage = (e) => {
        const frame = JSON.parse(String(e.data)) as { type: string; requestId?: number; code?: string };
        if (frame.requestId !== undefined) replies.set(frame.requestId, frame);
      };
      await new Promise((resolve, reject) => ((ws.onopen = resolve), (ws.onerror = reject)));
      ws.send(JSON.stringify({ type: 'join', requestId: 1, show, role: 'viewer' }));
      requests.forEach((r, i) => ws.send(JSON.stringify({ ...r, requestId: i + 2 })));
      const deadline = Date.now() + 5000;
      while (replies.size < requests.length + 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      ws.close();
      if (replies.get(1)?.type !== 'reply') throw new Error(`viewer join failed: ${JSON.stringify(replies.get(1))}`);
      return requests.map((_, i) => replies.get(i + 2)?.code);
    },
    { signalUrl, show, requests },
  );
}

/**
 * Compositor benchmark (`npm run bench`): frame time of the built-in
 * compositor (Canvas 2D) at 1280x720 and 1920x1080 with three layers — the
 * fake camera, the pinned product card and the host's lower third — in the
 * real studio UI (`studio web`, demo catalog) in Debian's headless
 * Chromium, software rendering. The page measures itself: each tick's draw
 * time (program alone, and program plus the preview monitor) and the rate
 * the frame clock really ran at.
 *
 * Recording on versus off: at 1280x720, right after the window with
 * recording off, the host's Record button (Stream panel) starts the real
 * recording — the window's MediaRecorder on the program picture and sound,
 * a chunk a second to main, which writes it to the disk — and the same
 * window is measured again; then Stop recording, and the MP4 is made.
 */
import type { Browser, Page } from '@playwright/test';
import { startStudio } from '../e2e/studio-fixture.js';
import type { Compositor, FrameStats, Resolution } from '../src/renderer/compositor/compositor.js';
import type { Recording } from '../src/shared/domain/recording.js';
import { launchBenchChromium } from './chromium-bench.js';
import { waitUntil } from './live-studio-setup.js';
import { figure, fmt, ratio, readings, record, row, type Reading } from './report-format.js';

export interface CompositorBenchmarkResult {
  readonly browser: string;
  readonly byResolution: Readonly<Record<Resolution, FrameStats>>;
  /** 1280x720 with recording off (the window above) and on. */
  readonly recording: {
    readonly off: FrameStats;
    readonly on: FrameStats;
    /** The saved recording: what the window recorded, its length and size. */
    readonly saved: Pick<Recording, 'mimeType' | 'durationMs' | 'bytes'>;
  };
}

type Result<T> = { ok: true; value: T } | { ok: false; error: { message: string } };
async function must<T>(page: Page, call: () => Promise<Result<T>>): Promise<T> {
  const result = await page.evaluate(call);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const measure = async (page: Page, windowMs: number): Promise<FrameStats> => {
  await page.evaluate(() => (window as unknown as { __lssCompositor: Compositor }).__lssCompositor.resetFrameStats());
  await page.waitForTimeout(windowMs);
  return page.evaluate(() => (window as unknown as { __lssCompositor: Compositor }).__lssCompositor.frameStats());
};

/** Record in the Stream panel; measures once main has the first chunk on its disk; Stop recording; waits for the MP4. */
async function measureWhileRecording(page: Page, windowMs: number): Promise<FrameStats & { saved: Recording }> {
  const stream = page.getByRole('region', { name: 'Stream' });
  await stream.getByRole('button', { name: 'Record', exact: true }).click();
  await waitUntil(async () => ((await must(page, () => window.studio!.getRecordingState())).current?.bytes ?? 0) > 0, 'the recording’s first chunk on the disk', 20_000, 100);
  const on = await measure(page, windowMs);
  await stream.getByRole('button', { name: 'Stop recording' }).click();
  const saved = await waitUntil(
    async () => {
      const [last] = await must(page, () => window.studio!.listRecordings());
      if (last?.status === 'failed') throw new Error(`The recording failed: ${last.error ?? 'no reason given'}`);
      return last?.status === 'ready' ? last : null;
    },
    'the recording to be saved',
    60_000,
    200,
  );
  return { ...on, saved };
}

/** `windowMs`: how long frames are measured at each resolution (10 s unless given). */
export async function runCompositorBenchmark({ windowMs = 10_000 } = {}): Promise<CompositorBenchmarkResult> {
  const { studio, stop } = await startStudio(['--sfu-port', '0'], { demo: true });
  let browser: Browser | null = null;
  try {
    browser = await launchBenchChromium({ fakeMedia: true });
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(`${studio.url}&lss-test-hooks`);
    await page.evaluate(() => window.studio!.updateSettings({ hostName: 'Ana from Field Goods' }));
    await page.getByRole('button', { name: 'Turn on camera and microphone' }).click();
    await page.getByTestId('check-camera').and(page.locator('[data-state="ok"]')).waitFor({ timeout: 15_000 });
    await page.getByRole('grid', { name: 'Products' }).getByRole('button', { name: /^Pin / }).first().click();
    await page.getByTestId('pinned-title').waitFor();
    // "Camera + product card" into preview (F2), then Take.
    await page.keyboard.press('F2');
    await page.getByRole('button', { name: 'Take' }).click();

    const byResolution = {} as Record<Resolution, FrameStats>;
    let recording: CompositorBenchmarkResult['recording'] | null = null;
    for (const resolution of ['1280x720', '1920x1080'] as const) {
      await page.evaluate((r) => (window as unknown as { __lssCompositor: Compositor }).__lssCompositor.setResolution(r), resolution);
      byResolution[resolution] = await measure(page, windowMs);
      if (resolution === '1280x720') {
        const { saved, ...on } = await measureWhileRecording(page, windowMs);
        recording = { off: byResolution[resolution], on, saved: { mimeType: saved.mimeType, durationMs: saved.durationMs, bytes: saved.bytes } };
      }
    }
    return { browser: `Chromium ${browser.version()}`, byResolution, recording: recording! };
  } finally {
    await browser?.close();
    await stop();
  }
}

const ms = (n: number, name: string) => figure(n, 'ms', `${n.toFixed(2)} ms`).as(name);

function frameStats(s: FrameStats): Reading {
  const fps = figure(s.fps, 'fps', `${s.fps.toFixed(1)} fps`).as('frame rate');
  return readings`program frame p50 ${ms(s.p50, 'program frame p50')}  p95 ${ms(s.p95, 'program frame p95')}   with preview monitor p50 ${ms(s.tickP50, 'with preview monitor p50')}  p95 ${ms(s.tickP95, 'with preview monitor p95')}   ${fps} (n=${s.frames})`;
}

export async function printCompositorBenchmark(options: { windowMs?: number } = {}): Promise<void> {
  const r = await runCompositorBenchmark(options);
  console.log(`\nCompositor, Canvas 2D, 3 layers (camera, product card, lower third), ${r.browser} headless, software rendering:`);
  for (const [resolution, s] of Object.entries(r.byResolution)) {
    const stats = frameStats(s);
    record(resolution, stats);
    console.log(`  ${resolution.padEnd(10)} ${stats}`);
  }
  const { off, on, saved } = r.recording;
  const length = saved.durationMs === null ? '?' : `${fmt(saved.durationMs / 1000)} s`;
  console.log(`\nRecording on vs off, 1280x720 (Record in the Stream panel: the window's MediaRecorder, ${saved.mimeType}; saved ${length}, ${fmt(saved.bytes / 2 ** 20)} MB MP4):`);
  console.log(row('recording off', frameStats(off)));
  console.log(row('recording on', frameStats(on)));
  console.log(row('ratio on / off, program frame p50', ratio(on.p50 / off.p50)));
  console.log(row('ratio on / off, program frame p95', ratio(on.p95 / off.p95)));
  console.log(row('ratio on / off, with preview p95', ratio(on.tickP95 / off.tickP95)));
  console.log(row('ratio on / off, frame rate', ratio(on.fps / off.fps)));
}

// `tsx bench/compositor.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) await printCompositorBenchmark();

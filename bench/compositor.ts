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
 *
 * Against the bare floor (issue 20): a page of its own (bench/floor-page.ts)
 * draws only what any compositor must for the same scene at 1920x1080 (the
 * same fake camera, a cached card bitmap, one text line, a 640x360 copy every
 * second tick). It and the studio (1920x1080, preview monitor on) take turns
 * in the same browser, `rounds` windows each, each page opened for its
 * window and closed after it, so each has the browser to itself. The ratio
 * studio p95 / floor p95 (whole ticks: with the preview) is what counts on
 * any machine; bench/floor-gate.ts compares it with this machine's recorded
 * ratio. COMPOSITOR_PROFILE=DIR adds one more window of each page, not
 * counted, under V8's profiler: studio.cpuprofile and floor.cpuprofile there.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { startStudio } from '../e2e/studio-fixture.js';
import path from 'node:path';
import type { Compositor, FrameStats, Resolution } from '../src/renderer/compositor/compositor.js';
import type { Recording } from '../src/shared/domain/recording.js';
import { bundleBrowserScript, launchBenchChromium, profilePage, servePublisherPage } from './chromium-bench.js';
import { machineLine } from './figures.js';
import { decide, describeVerdict, readRecords, withRecord, writeRecords, GATE_FILE } from './floor-gate.js';
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
  /** 1920x1080, preview monitor on: the studio's windows and the floor page's, taken in turns. */
  readonly floor: { readonly studio: readonly FrameStats[]; readonly floor: readonly FrameStats[] };
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

/**
 * The studio UI with the camera on, a product pinned and "Camera + product card" on air (F2, Take). `first`:
 * a new studio (the host's name is set, the pin pressed); later pages find both kept by the studio.
 */
async function openStudio(context: BrowserContext, url: string, first: boolean): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}&lss-test-hooks`);
  if (first) await page.evaluate(() => window.studio!.updateSettings({ hostName: 'Ana from Field Goods' }));
  // A later page turns the camera on by itself (the studio remembers it was on).
  const turnOn = page.getByRole('button', { name: 'Turn on camera and microphone' });
  const cameraOk = page.getByTestId('check-camera').and(page.locator('[data-state="ok"]'));
  await turnOn.or(cameraOk).first().waitFor({ timeout: 15_000 });
  if (await turnOn.isVisible()) await turnOn.click();
  await cameraOk.waitFor({ timeout: 15_000 });
  if (first) await page.getByRole('grid', { name: 'Products' }).getByRole('button', { name: /^Pin / }).first().click();
  await page.getByTestId('pinned-title').waitFor();
  // "Camera + product card" into preview (F2), then Take. A later page has it on air already (Take is then
  // disabled, and the preview shows the same scene: camera, card and lower third, as the first page's does).
  await page.keyboard.press('F2');
  const take = page.getByRole('button', { name: 'Take' });
  if (first || (await take.isEnabled())) await take.click();
  return page;
}

interface FloorHooks {
  benchFloor: { ready: Promise<void>; resetFrameStats(): void; frameStats(): FrameStats };
}

/** `take` after `settleMs`, under V8's profiler when `profile` names a file. */
async function measureSettled(page: Page, windowMs: number, take: (page: Page, windowMs: number) => Promise<FrameStats>, profile?: string): Promise<FrameStats> {
  await page.waitForTimeout(Math.min(2_000, windowMs));
  if (!profile) return take(page, windowMs);
  let stats: FrameStats | null = null;
  await profilePage(page, profile, async () => {
    stats = await take(page, windowMs);
  });
  return stats!;
}

const measureFloor = async (page: Page, windowMs: number): Promise<FrameStats> => {
  await page.evaluate(() => (window as unknown as FloorHooks).benchFloor.resetFrameStats());
  await page.waitForTimeout(windowMs);
  return page.evaluate(() => (window as unknown as FloorHooks).benchFloor.frameStats());
};

/**
 * `windowMs`: how long frames are measured at each resolution (10 s unless given); `rounds`: windows of the
 * studio and of the floor page each, in turns, at 1920x1080.
 */
export async function runCompositorBenchmark({ windowMs = 10_000, rounds = 3 } = {}): Promise<CompositorBenchmarkResult> {
  const { studio, stop } = await startStudio(['--sfu-port', '0'], { demo: true });
  const floorSite = await servePublisherPage(await bundleBrowserScript('floor-page.ts', 'esm'));
  const profileDir = process.env.COMPOSITOR_PROFILE;
  let browser: Browser | null = null;
  try {
    browser = await launchBenchChromium({ fakeMedia: true });
    const studioContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    let page = await openStudio(studioContext, studio.url, true);

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

    // The floor page and the studio at 1920x1080 take turns, each page alone in the browser: the other one is
    // closed (a frozen page, Page.setWebLifecycleState, was measured to keep drawing).
    await page.close();
    const floorContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const floor: { studio: FrameStats[]; floor: FrameStats[] } = { studio: [], floor: [] };
    const windows = rounds + (profileDir ? 1 : 0);
    for (let i = 0; i < windows; i++) {
      // With COMPOSITOR_PROFILE one more window each, under the profiler and not counted (sampling slows a page down).
      const profile = (name: string) => (i === rounds && profileDir ? path.join(profileDir, `${name}.cpuprofile`) : undefined);
      const floorPage = await floorContext.newPage();
      await floorPage.goto(floorSite.origin);
      await floorPage.waitForFunction(() => 'benchFloor' in window);
      await floorPage.evaluate(() => (window as unknown as FloorHooks).benchFloor.ready);
      const floorStats = await measureSettled(floorPage, windowMs, measureFloor, profile('floor'));
      await floorPage.close();
      page = await openStudio(studioContext, studio.url, false);
      await page.evaluate(() => (window as unknown as { __lssCompositor: Compositor }).__lssCompositor.setResolution('1920x1080'));
      const studioStats = await measureSettled(page, windowMs, measure, profile('studio'));
      await page.close();
      if (i < rounds) {
        floor.floor.push(floorStats);
        floor.studio.push(studioStats);
      }
    }
    return { browser: `Chromium ${browser.version()}`, byResolution, recording: recording!, floor };
  } finally {
    await browser?.close();
    await floorSite.close();
    await stop();
  }
}

const ms = (n: number, name: string) => figure(n, 'ms', `${n.toFixed(2)} ms`).as(name);

function frameStats(s: FrameStats): Reading {
  const fps = figure(s.fps, 'fps', `${s.fps.toFixed(1)} fps`).as('frame rate');
  return readings`program frame p50 ${ms(s.p50, 'program frame p50')}  p95 ${ms(s.p95, 'program frame p95')}   with preview monitor p50 ${ms(s.tickP50, 'with preview monitor p50')}  p95 ${ms(s.tickP95, 'with preview monitor p95')}   ${fps} (n=${s.frames})`;
}

/** The median of a few windows' figure (the middle one; of two, the mean). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Several windows as one: the median of each percentile and rate, late and missed frames summed. */
function pooled(windows: readonly FrameStats[]): FrameStats {
  const of = (pick: (s: FrameStats) => number) => median(windows.map(pick));
  const sum = (pick: (s: FrameStats) => number) => windows.reduce((n, s) => n + pick(s), 0);
  return { p50: of((s) => s.p50), p95: of((s) => s.p95), tickP50: of((s) => s.tickP50), tickP95: of((s) => s.tickP95), fps: of((s) => s.fps), frames: sum((s) => s.frames), late: sum((s) => s.late), missed: sum((s) => s.missed) };
}

function floorStats(s: FrameStats): Reading {
  const fps = figure(s.fps, 'fps', `${s.fps.toFixed(1)} fps`).as('frame rate');
  const late = figure(s.late, 'frames', String(s.late)).as('late');
  const missed = figure(s.missed, 'frames', String(s.missed)).as('missed');
  return readings`p50 ${ms(s.p50, 'p50')}  p95 ${ms(s.p95, 'p95')}   with preview p50 ${ms(s.tickP50, 'with preview p50')}  p95 ${ms(s.tickP95, 'with preview p95')}   late ${late}  missed ${missed}  ${fps} (n=${s.frames})`;
}

/**
 * `gate`: 'enforce' fails the benchmark when the studio/floor ratio is over 25 % worse than this machine's
 * recorded one; 'record' makes this run's ratio the recorded one; 'report' (smoke runs: tiny windows mean
 * nothing) compares and prints but never fails.
 */
export async function printCompositorBenchmark(options: { windowMs?: number; rounds?: number; gate?: 'enforce' | 'record' | 'report' } = {}): Promise<void> {
  const { gate = 'report', ...run } = options;
  const r = await runCompositorBenchmark(run);
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

  const studio = pooled(r.floor.studio);
  const floor = pooled(r.floor.floor);
  // The studio's whole tick (program + preview monitor) over the floor's frame drawing alone: the floor's
  // 640x360 copy of its own canvas forces that canvas's deferred drawing into the timed tick, which the
  // studio's preview (drawn from the camera, not from the program canvas) does not, so floor tick against
  // studio tick would flatter the studio. Both figures are printed; the gate compares this one.
  const floorRatio = studio.tickP95 / floor.p95;
  console.log(`\nStudio against the bare floor page (bench/floor-page.ts), 1920x1080, ${r.floor.studio.length} windows each in turns (medians; late: a tick over 33.3 ms, missed: a frame slot with no frame):`);
  console.log(row('studio, preview monitor on', floorStats(studio)));
  console.log(row('bare floor, 640x360 copy', floorStats(floor)));
  console.log(row('ratio studio / floor, p50 with preview', ratio(studio.tickP50 / floor.tickP50)));
  console.log(row('ratio studio / floor, p95 with preview (floor tick incl. its copy)', ratio(studio.tickP95 / floor.tickP95)));
  console.log(row('ratio studio tick / floor frame, p95 (gated; target ≤ 1.2)', ratio(floorRatio)));
  const records = readRecords();
  const verdict = decide(records, machineLine, floorRatio);
  console.log(`  gate (${path.basename(GATE_FILE)}, this machine): ${describeVerdict(verdict)}${gate === 'report' ? ' (smoke run: not enforced)' : ''}`);
  if (gate === 'record') {
    writeRecords(withRecord(records, machineLine, { ratio: floorRatio, studioP95: studio.tickP95, floorP95: floor.p95, recorded: new Date().toISOString() }));
    console.log(`  recorded ${floorRatio.toFixed(2)} for this machine in ${GATE_FILE}`);
  } else if (gate === 'enforce' && verdict.kind === 'regressed') {
    throw new Error(`studio/floor p95 ratio ${floorRatio.toFixed(2)} is over 25 % worse than recorded (${verdict.previous.toFixed(2)}) on this machine`);
  }
}

// `tsx bench/compositor.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) await printCompositorBenchmark();

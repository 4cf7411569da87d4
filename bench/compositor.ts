/**
 * Compositor benchmark (`npm run bench`): frame time of the built-in
 * compositor (Canvas 2D) at 1280x720 and 1920x1080 with three layers — the
 * fake camera, the pinned product card and the host's lower third — in the
 * real studio UI (`studio web`, demo catalog) in Debian's headless
 * Chromium, software rendering. The page measures itself: each tick's draw
 * time (program alone, and program plus the preview monitor) and the rate
 * the frame clock really ran at.
 */
import type { Browser } from '@playwright/test';
import { startStudio } from '../e2e/studio-fixture.js';
import type { Compositor, FrameStats, Resolution } from '../src/renderer/compositor/compositor.js';
import { launchBenchChromium } from './chromium-bench.js';
import { figure, readings, record } from './report-format.js';

export interface CompositorBenchmarkResult {
  readonly browser: string;
  readonly byResolution: Readonly<Record<Resolution, FrameStats>>;
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
    for (const resolution of ['1280x720', '1920x1080'] as const) {
      await page.evaluate((r) => {
        const compositor = (window as unknown as { __lssCompositor: Compositor }).__lssCompositor;
        compositor.setResolution(r);
        compositor.resetFrameStats();
      }, resolution);
      await page.waitForTimeout(windowMs);
      byResolution[resolution] = await page.evaluate(() => (window as unknown as { __lssCompositor: Compositor }).__lssCompositor.frameStats());
    }
    return { browser: `Chromium ${browser.version()}`, byResolution };
  } finally {
    await browser?.close();
    await stop();
  }
}

export async function printCompositorBenchmark(options: { windowMs?: number } = {}): Promise<void> {
  const r = await runCompositorBenchmark(options);
  const ms = (n: number, name: string) => figure(n, 'ms', `${n.toFixed(2)} ms`).as(name);
  console.log(`\nCompositor, Canvas 2D, 3 layers (camera, product card, lower third), ${r.browser} headless, software rendering:`);
  for (const [resolution, s] of Object.entries(r.byResolution)) {
    const fps = figure(s.fps, 'fps', `${s.fps.toFixed(1)} fps`).as('frame rate');
    const stats = readings`program frame p50 ${ms(s.p50, 'program frame p50')}  p95 ${ms(s.p95, 'program frame p95')}   with preview monitor p50 ${ms(s.tickP50, 'with preview monitor p50')}  p95 ${ms(s.tickP95, 'with preview monitor p95')}   ${fps} (n=${s.frames})`;
    record(resolution, stats);
    console.log(`  ${resolution.padEnd(10)} ${stats}`);
  }
}

// `tsx bench/compositor.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) await printCompositorBenchmark();

/**
 * Chat console benchmark (`npm run bench`): how smoothly the studio's chat
 * console keeps painting while chat pours in, in the real studio UI
 * (`studio web`) in Debian's headless Chromium. Messages are played into the
 * page's control socket as batched chat events (every 50 ms, as main sends
 * them), so the figure is the console's own cost, not the SFU's. The floor is
 * the same page's frame gaps with no chat at all, measured in the same run.
 */
import type { Page } from '@playwright/test';
import { startStudio } from '../e2e/studio-fixture.js';
import { captureControlSocket, consoleList, floodConsole } from '../e2e/chat-pages.js';
import { launchBenchChromium } from './chromium-bench.js';
import { figure, ratio, record, row } from './report-format.js';

/** Gaps between painted frames (ms) while the page does nothing for `ms`. */
function idleFrameGaps(page: Page, ms: number): Promise<{ p50: number; p95: number }> {
  return page.evaluate(async (duration) => {
    const gaps: number[] = [];
    let last = performance.now();
    const end = last + duration;
    await new Promise<void>((resolve) => {
      const onFrame = (now: number) => {
        gaps.push(now - last);
        last = now;
        if (now < end) requestAnimationFrame(onFrame);
        else resolve();
      };
      requestAnimationFrame(onFrame);
    });
    const sorted = gaps.sort((a, b) => a - b);
    return { p50: sorted[Math.floor(sorted.length / 2)] ?? 0, p95: sorted[Math.floor(sorted.length * 0.95)] ?? 0 };
  }, ms);
}

export async function printChatConsoleBenchmark({ perSecond = 500, seconds = 4 } = {}): Promise<void> {
  const { studio, stop } = await startStudio();
  const browser = await launchBenchChromium();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    // tsx keeps function names by wrapping named functions in `__name(...)`; functions
    // sent to the page (here and the shared e2e helpers) need it defined there.
    await page.addInitScript({ content: 'window.__name = (fn) => fn;' });
    await captureControlSocket(page);
    await page.goto(studio.url);
    await consoleList(page).waitFor();
    const idle = await idleFrameGaps(page, Math.min(seconds, 2) * 1000);
    const flood = await floodConsole(page, perSecond, seconds);
    console.log(`\nChat console, ${perSecond} messages/s for ${seconds} s (${flood.sent} messages, batched every 50 ms), Chromium ${browser.version()} headless:`);
    console.log(row('frame gap, idle page (floor)', figure(idle.p95, 'ms', `p50 ${idle.p50.toFixed(1)} ms   p95 ${idle.p95.toFixed(1)} ms`).as('p95')));
    console.log(row('frame gap during the flood', figure(flood.p95FrameGapMs, 'ms', `p95 ${flood.p95FrameGapMs} ms   worst ${flood.worstFrameGapMs} ms   (${flood.frames} frames)`).as('p95')));
    record('message rows in the DOM', figure(flood.rowsInDom, 'rows'));
    console.log(row('ratio p95 frame gap flood / idle', ratio(flood.p95FrameGapMs / Math.max(idle.p95, 0.001))));
  } finally {
    await browser.close();
    await stop();
  }
}

// `tsx bench/chat-console.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) await printChatConsoleBenchmark();

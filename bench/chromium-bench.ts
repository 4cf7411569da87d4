/**
 * Pieces the Chromium benchmarks share (bench/live.ts, bench/pin-fanout.ts,
 * bench/compositor.ts): Chromium launched headless, browser-side probes bundled for
 * `page.evaluate`, and a page's clock offset to the system clock.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'esbuild';

const here = import.meta.dirname;

/** CHROMIUM_PATH, else Debian's Chromium where it is installed, else Playwright's own (as playwright.config.ts). */
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/** Chromium headless, as root; `fakeMedia` adds the fake camera (moving test pattern) and microphone (a beep). */
export function launchBenchChromium({ fakeMedia = false } = {}): Promise<Browser> {
  return chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      ...(fakeMedia ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] : []),
    ],
  });
}

/** Bundles a browser-side file of bench/ (a probe or a page) into one script. */
export async function bundleBrowserScript(entry: string, format: 'esm' | 'iife'): Promise<string> {
  const result = await build({ entryPoints: [path.join(here, entry)], bundle: true, format, platform: 'browser', write: false, logLevel: 'silent' });
  return result.outputFiles[0]!.text;
}

/**
 * The page's high-resolution clock minus the system clock (ms), for pages
 * that carry no probe (the studio UI); the same calibration as
 * live-clock-code.ts's clockOffsetMs, inline.
 */
export const pageClockOffset = (page: Page): Promise<number> =>
  page.evaluate(() => {
    let sum = 0;
    for (let i = 0; i < 5000; i++) sum += performance.timeOrigin + performance.now() - Date.now();
    return sum / 5000 - 0.5;
  });

/**
 * Pieces the Chromium benchmarks share (bench/live.ts, bench/pin-fanout.ts,
 * bench/compositor.ts, bench/egress.ts): Chromium launched headless, browser-side probes bundled for
 * `page.evaluate`, the publisher page served, and a page's clock offset to the system clock.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
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

/** Serves the publisher page (bench/live-publisher-page.ts, bundled) on its own origin: it is not part of the product. */
export async function servePublisherPage(js: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const html = '<!doctype html><meta charset="utf-8"><body style="margin:0;background:#000"><script type="module" src="/publisher.js"></script>';
  const server = http.createServer((req, res) => {
    const isScript = req.url?.startsWith('/publisher.js');
    res.writeHead(200, { 'Content-Type': isScript ? 'text/javascript' : 'text/html' });
    res.end(isScript ? js : html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Runs `during` with the page's main thread sampled by V8's profiler (every `intervalUs`); writes the .cpuprofile JSON to `file`. */
export async function profilePage(page: Page, file: string, during: () => Promise<void>, intervalUs = 250): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
    await cdp.send('Profiler.start');
    await during();
    const { profile } = await cdp.send('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
  } finally {
    await cdp.detach();
  }
}

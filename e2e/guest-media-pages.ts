import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from '@playwright/test';

/**
 * The stand-in guest for e2e/guest-media.spec.ts: `sfu-fixtures/guest-publisher.ts`
 * bundled with esbuild and served on its own origin (it never ships).
 */

const PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test guest</title><script type="module" src="/guest.js"></script></head><body>Test guest</body></html>';

export async function startGuestSite(): Promise<{ origin: string; close: () => Promise<void> }> {
  const bundle = await build({
    entryPoints: [path.join(import.meta.dirname, 'sfu-fixtures/guest-publisher.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const js = bundle.outputFiles[0]!.contents;
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    if (pathname === '/guest.js') res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(js);
    else if (pathname === '/') res.writeHead(200, { 'Content-Type': 'text/html' }).end(PAGE);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Opens the stand-in guest with an invite's token; resolves once it sends its picture and mic. */
export async function openTestGuest(
  browser: Browser,
  site: string,
  join: { readonly signalUrl: string; readonly show: string; readonly token: string; readonly name: string; readonly colour: string },
): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const query = new URLSearchParams({ signal: join.signalUrl, show: join.show, token: join.token, name: join.name, colour: join.colour });
  await page.goto(`${site}/?${query}`);
  await page.waitForFunction(() => window.testGuest.state !== 'starting', null, { timeout: 20_000 });
  const state = await page.evaluate(() => window.testGuest.error ?? window.testGuest.state);
  if (state !== 'sending') throw new Error(`The test guest could not join: ${state}`);
  return page;
}

/**
 * The loudest sample of the studio's two mixes over `ms` (`?lss-test-hooks`
 * exposes the mixer): the program (sent to viewers) and the return feed (the
 * program without guests, sent to guests). 0 is silence.
 */
export function mixLevels(page: Page, ms = 1_500): Promise<{ program: number; return: number }> {
  return page.evaluate(async (duration) => {
    const mixer = (window as unknown as { __lssMixer: { outputTrack: MediaStreamTrack; returnTrack: MediaStreamTrack } }).__lssMixer;
    const context = new AudioContext();
    await context.resume();
    const meter = (track: MediaStreamTrack) => {
      const analyser = context.createAnalyser();
      context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
      const samples = new Float32Array(analyser.fftSize);
      let peak = 0;
      return {
        read: () => {
          analyser.getFloatTimeDomainData(samples);
          for (const s of samples) peak = Math.max(peak, Math.abs(s));
          return peak;
        },
      };
    };
    const program = meter(mixer.outputTrack);
    const back = meter(mixer.returnTrack);
    const end = performance.now() + duration;
    while (performance.now() < end) {
      program.read();
      back.read();
      await new Promise((r) => setTimeout(r, 20));
    }
    const levels = { program: program.read(), return: back.read() };
    await context.close();
    return levels;
  }, ms);
}

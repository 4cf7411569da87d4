/**
 * Pin -> OBS: from the pinProduct request entering the studio's dispatcher
 * to a real OBS 29 (headless, software GL, started by
 * scripts/obs-headless-start.sh) holding the new title in the "LSS Product
 * Title" text source. A second obs-websocket client reads the text back
 * with GetInputSettings back to back, so each sample includes up to one
 * extra loopback round trip (about 1 ms). OBS 29's obs-websocket 5.1 has no
 * event for changed input settings to wait on instead.
 *
 * Run alone: npx tsx bench/obs-pin.ts [--pins 30]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startTestStudio } from '../tests/harness/test-studio.js';
import { connectVerifier, inputText, obsMissingReason, startHeadlessObs, waitFor } from '../tests/harness/headless-obs.js';
import { OBS_OVERLAY_INPUTS } from '../src/shared/domain/obs.js';
import type { Latency } from './catalog.js';

export interface ObsPinResult {
  readonly toObsText: Latency;
  readonly obsVersion: string | null;
}

const latency = (samples: number[]): Latency => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 };
};

/** The reason as a string (printed by the caller) when OBS is not installed. */
export async function runObsPinBenchmark({ pins = 30 } = {}): Promise<ObsPinResult | string> {
  const missing = obsMissingReason();
  if (missing) return missing;
  const obs = await startHeadlessObs();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-bench-obs-'));
  const studio = await startTestStudio(dataDir);
  try {
    const connected = await studio.call<{ state: string; obsVersion: string | null }>('studio:obs:connect', {
      address: obs.address,
      password: obs.password,
    });
    if (connected.state !== 'connected') throw new Error(`OBS did not connect: ${JSON.stringify(connected)}`);
    await studio.call('studio:obs:overlay-scene', { sceneName: 'Scene A' });
    const verifier = await connectVerifier(obs);
    const rows = studio.addProducts(...Array.from({ length: pins }, (_, i) => ({ title: `Bench product ${i + 1}`, variants: [{ price: `${i + 1}.00` }] })));
    const samples: number[] = [];
    for (const row of rows) {
      const started = performance.now();
      await studio.call('studio:live:pin', { productId: row.productId });
      await waitFor(async () => (await inputText(verifier, OBS_OVERLAY_INPUTS.title)) === row.title, `"${row.title}" in OBS`, 10_000, 0);
      samples.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 50)); // let OBS render between pins, as a host would
    }
    await verifier.disconnect();
    return { toObsText: latency(samples), obsVersion: connected.obsVersion };
  } finally {
    await studio.close();
    await obs.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { pins: { type: 'string', default: '30' } } });
  const result = await runObsPinBenchmark({ pins: Number(values.pins) });
  console.log(typeof result === 'string' ? result : JSON.stringify(result, null, 2));
}

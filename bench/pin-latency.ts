/**
 * Pin latency, Node side: from the pinProduct request entering the studio's
 * dispatcher to a viewer's WebSocket receiving the `pin` push, through the
 * whole path — input validation, catalog read, card build, SQLite write
 * (WAL, on disk), pinChanged, main's host link, the built-in SFU (real
 * mediasoup worker) and its broadcast. Loopback only; the Chromium side
 * (card rendered in the watch page) is measured by the renderer's bench.
 *
 * Run alone: npx tsx bench/pin-latency.ts [--pins 100] [--viewers 1]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import type { Result } from '../src/shared/api/result.js';
import type { PinState } from '../src/shared/domain/live.js';
import { importedProduct } from '../tests/harness/imported-products.js';
import type { Latency } from './catalog.js';
import { startBenchStudio } from './bench-studio.js';

export interface PinLatencyResult {
  /** Dispatch -> the last viewer's socket got the push. */
  readonly toViewer: Latency;
  /** Dispatch -> pinProduct answered (saved and acknowledged by the SFU). */
  readonly toReply: Latency;
  readonly viewers: number;
}

const latency = (samples: number[]): Latency => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 };
};

/** A viewer socket that resolves `next()` with the arrival time of the next pin push. */
async function viewer(signalUrl: string, room: string) {
  const ws = new WebSocket(signalUrl);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let waiting: ((at: number) => void) | null = null;
  ws.on('message', (data) => {
    const at = performance.now();
    const message = JSON.parse(data.toString()) as { type: string };
    if (message.type === 'pin' && waiting) {
      const wake = waiting;
      waiting = null;
      wake(at);
    }
  });
  ws.send(JSON.stringify({ type: 'join', requestId: 1, show: room, role: 'viewer' }));
  return {
    next: () => new Promise<number>((resolve) => (waiting = resolve)),
    close: () => ws.close(),
  };
}

export async function runPinLatencyBenchmark({ pins = 100, viewers = 1 } = {}): Promise<PinLatencyResult> {
  // All bench viewers share 127.0.0.1 with the studio's own link: the SFU holds 20 connections per address.
  if (viewers < 1 || viewers > 18) throw new RangeError('--viewers must be 1-18 (one address: the SFU holds 20 connections per address).');
  const { core, dataDir, signalUrl, room } = await startBenchStudio('pin');
  try {
    core.catalog.applyImport(
      Array.from({ length: 10 }, (_, i) =>
        importedProduct({
          title: `Bench product ${i}`,
          buyUrl: `https://shop.example.com/p/${i}`,
          images: [{ url: `https://cdn.example.com/${i}.jpg`, alt: '' }],
          variants: [{ price: `${10 + i}.99`, compareAtPrice: `${20 + i}.00`, stock: 5 + i }],
        }),
      ),
      'shopify',
      { dryRun: false },
    );
    const productIds = core.catalog.search({ query: '', offset: 0, limit: 10 }).rows.map((r) => r.productId);
    const sockets = await Promise.all(Array.from({ length: viewers }, () => viewer(signalUrl, room)));
    const context = { transport: 'ipc', clientId: 'bench' } as const;
    const toViewer: number[] = [];
    const toReply: number[] = [];
    for (let i = -5; i < pins; i++) {
      const arrivals = Promise.all(sockets.map((s) => s.next()));
      const start = performance.now();
      const result = (await core.dispatch('studio:live:pin', { productId: productIds[(i + 10) % 10] }, context)) as Result<PinState>;
      const replied = performance.now();
      if (!result.ok || result.value.targets.sfu !== 'delivered') throw new Error(`Pin ${i} not delivered: ${JSON.stringify(result)}`);
      const last = Math.max(...(await arrivals));
      if (i < 0) continue; // warm-up: JIT, prepared statements, socket buffers
      toViewer.push(last - start);
      toReply.push(replied - start);
    }
    for (const s of sockets) s.close();
    return { toViewer: latency(toViewer), toReply: latency(toReply), viewers };
  } finally {
    await core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const ms = (n: number) => `${n.toFixed(2)} ms`;
export const formatLatency = (l: Latency): string => `p50 ${ms(l.p50)}   p95 ${ms(l.p95)}   max ${ms(l.max)}   (n=${l.count})`;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { pins: { type: 'string', default: '100' }, viewers: { type: 'string', default: '1' } } });
  const r = await runPinLatencyBenchmark({ pins: Number(values.pins), viewers: Number(values.viewers) });
  console.log(`Pin latency, loopback, built-in SFU, ${r.viewers} viewer socket(s):`);
  console.log(`  ${'pinProduct dispatch -> viewer got the card'.padEnd(46)} ${formatLatency(r.toViewer)}`);
  console.log(`  ${'pinProduct dispatch -> reply (SFU acked)'.padEnd(46)} ${formatLatency(r.toReply)}`);
}

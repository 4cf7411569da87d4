/**
 * `npm run bench`: performance numbers for the parts a host feels. Prints
 * the machine it ran on, so numbers in docs/benchmarks.md can be compared.
 *   --products N   (default 20000; 5 variants each -> 100,000 variant rows), --queries N
 *   --pins N, --frames N, --skip-live   (the live benchmark, bench/live.ts)
 *   --presses N   (the pin fan-out, bench/pin-fanout.ts; --skip-live skips it too)
 *   (multistream, bench/egress.ts: CPU per destination and the delay to the RTMP server; --skip-live skips it too)
 *   (the auction engine, bench/auction-engine.ts: 200,000 inputs to the engine, 100,000 lines through `studio auction`)
 *   (auctions in the studio, bench/auction.ts: bid -> 100 viewers, 200 bids; 1,000 bidders × 10 bids at once)
 *   (vertical output, bench/vertical-output.ts: frame time and upload with both outputs vs one)
 *   --smoke       every benchmark at tiny sizes (about a minute): checks they all still run
 *   --json FILE   also writes every figure as JSON, [{name, value, unit, machine}] (bench/figures.ts)
 *   --record      the compositor's studio/floor ratio is recorded as this machine's figure (bench/compositor-floor.json);
 *                 without it a ratio over 25 % worse than recorded fails the compositor (not in --smoke)
 *   --only A,B    runs only the named benchmarks (catalog, pin-latency, moderation, compositor, …: the names the
 *                 summary line prints), e.g. a before/after pair for one of them
 * Each benchmark runs as a section: one that fails is named, the others
 * still run, and the process exits non-zero at the end.
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { runCatalogBenchmark } from './catalog.js';
import { printChatConsoleBenchmark } from './chat-console.js';
import { printCompositorBenchmark } from './compositor.js';
import { printVerticalBenchmark } from './vertical-output.js';
import { printEgressBenchmark } from './egress-report.js';
import { inGroup, inSection, machineLine, recordedFigures, runningSection, writeFigures } from './figures.js';
import { printLiveBenchmark } from './live-report.js';
import { printModerationBenchmark } from './moderation.js';
import { printAuctionEngineBenchmark } from './auction-engine.js';
import { runChatLatencyBenchmark } from './chat-latency.js';
import { runAuctionLatency, runAuctionThroughput } from './auction.js';
import { runPinLatencyBenchmark } from './pin-latency.js';
import { runObsPinBenchmark } from './obs-pin.js';
import { printPinFanoutBenchmark } from './pin-fanout.js';
import { figure, fmt, lat, ms, ratio, readings, record, row } from './report-format.js';

const { values } = parseArgs({
  options: {
    products: { type: 'string' },
    queries: { type: 'string' },
    // Live benchmark (bench/live.ts): pins clicked in the studio UI, video frames read on the viewer.
    pins: { type: 'string' },
    frames: { type: 'string' },
    // Pin fan-out (bench/pin-fanout.ts): P presses in the studio UI → viewer card, viewer video, OBS.
    presses: { type: 'string' },
    'skip-live': { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
    json: { type: 'string' },
    only: { type: 'string' },
    // The compositor's gate (bench/floor-gate.ts): this run's studio/floor ratio becomes this machine's recorded figure.
    record: { type: 'boolean', default: false },
  },
});
/** The benchmarks --only names (null: all of them). */
const only = values.only === undefined ? null : new Set(values.only.split(',').map((name) => name.trim()).filter(Boolean));
const smoke = values.smoke;

/** A size: the flag's value when given, else the full size (or the tiny one with --smoke). */
function size(flag: string | undefined, full: number, tiny: number): number {
  if (flag === undefined) return smoke ? tiny : full;
  const n = Number(flag);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Not a size: ${flag}`);
  return n;
}

const products = size(values.products, 20_000, 200);
const queries = size(values.queries, 1_000, 20);
const livePins = size(values.pins, 100, 3);
const frames = size(values.frames, 600, 10);
const presses = size(values.presses, 40, 3);
const pinLatencyPins = smoke ? 10 : 100;
const moderationMessages = smoke ? 5_000 : 200_000;
/** The auction engine (bench/auction-engine.ts): inputs decided by the engine alone, lines through `studio auction`. */
const auctionInputs = smoke ? 5_000 : 200_000;
const auctionCliLines = smoke ? 2_000 : 100_000;
const chatMessages = smoke ? 20 : 500;
/** Auctions (bench/auction.ts): bids timed to every viewer, viewers; bidders and bids each in the flood. */
const auctionBids = smoke ? 10 : 200;
const auctionViewers = smoke ? 20 : 100;
const auctionBidders = smoke ? 50 : 1_000;
const auctionBurst = smoke ? 2 : 10;
const obsPins = smoke ? 3 : 30;
const compositorWindowMs = smoke ? 300 : 10_000;
/** Multistream (bench/egress.ts): CPU window per destination count, settling before it, frames read back from the RTMP server. */
const egressWindowMs = smoke ? 300 : 10_000;
const egressSettleMs = smoke ? 250 : 3_000;
const egressFrames = smoke ? 10 : 600;
/** The chat console flood (bench/chat-console.ts): seconds at 500 messages/s. */
const chatConsoleSeconds = smoke ? 1 : 4;
/** How long the Chromium benchmarks let simulcast ramp up before measuring. */
const rampUpMs = smoke ? 300 : 4_000;
/**
 * A section that takes longer is reported as failed (it hangs rather than
 * measures). At smoke size it is a hang detector, not a speed check: the pin
 * fan-out alone starts a studio, OBS and a browser (35–100 s on 2 loaded cores).
 */
const sectionTimeoutMs = smoke ? 180_000 : 15 * 60_000;

const failures: string[] = [];
const timings: [string, number][] = [];

/** Runs one benchmark; a failure is printed with its name and counted, and the next one still runs. */
async function section(name: string, run: () => Promise<void> | void): Promise<void> {
  if (only && !only.has(name)) return;
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not finish in ${sectionTimeoutMs / 1000} s`)), sectionTimeoutMs);
  });
  try {
    await Promise.race([inSection(name, async () => run()), timeout]);
  } catch (error) {
    failures.push(name);
    console.error(`\nBenchmark "${name}" FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    clearTimeout(timer);
  }
  timings.push([name, performance.now() - started]);
}

// An error thrown outside a benchmark's own promise (a socket handler, a timer) ends the run at once, named.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (error) => {
    console.error(`\nBenchmark "${runningSection() ?? '(between benchmarks)'}" FAILED (${event}):`, error);
    process.exit(1);
  });
}

/** The Chromium benchmarks drive `studio web`, which serves the built UI. */
function requireBuiltUi(): void {
  const index = path.resolve(import.meta.dirname, '../dist/renderer/index.html');
  if (!fs.existsSync(index)) throw new Error(`${index} is missing: run \`npm run build\` first.`);
}

const SECTIONS = ['catalog', 'pin-latency', 'moderation', 'auction-engine', 'chat-latency', 'auction', 'obs-pin', 'compositor', 'vertical-output', 'chat-console', 'live', 'egress', 'pin-fanout'];
const unknown = [...(only ?? [])].filter((name) => !SECTIONS.includes(name));
if (unknown.length > 0) throw new RangeError(`--only: no benchmark named ${unknown.join(', ')} (there are ${SECTIONS.join(', ')})`);

const runStarted = performance.now();
const sqlite = (new Database(':memory:').prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
console.log(`Live Seller Studio benchmark${smoke ? ' (smoke run: tiny sizes, the figures mean nothing)' : ''}`);
console.log(row('Machine', machineLine));
console.log(row('Runtime', `Node ${process.versions.node}, SQLite ${sqlite}, ${os.type()} ${os.release()}`));

await section('catalog', async () => {
  const r = await runCatalogBenchmark({ products, variantsPerProduct: 5, queries });
  const rows = r.file.variantRows;
  const written = ms(r.generateMs);
  record('file written', written);
  console.log(`\nCatalog: Shopify CSV, ${fmt(r.file.products, 0)} products × 5 = ${fmt(rows, 0)} variant rows, ${fmt(r.file.bytes / 2 ** 20)} MB (written in ${written})`);
  const runs = [
    ['Import into empty database', r.insert],
    ['Re-import, same file (update path, nothing changed)', r.update],
    ['Re-import, later export (all prices/stock changed, 10% of titles renamed)', r.revised],
  ] as const;
  for (const [name, run] of runs) {
    inGroup(name);
    console.log(`\n${name}: ${run.created} created, ${run.updated} updated, ${run.errors} row errors`);
    console.log(row('wall time', readings`${ms(run.wallMs)}  (parse ${ms(run.parseMs).as('(parse)')}, save ${ms(run.saveMs).as('(save)')})`));
    console.log(row('throughput', figure(run.rowsPerSecond, 'rows/s')));
    console.log(row('peak RSS (process)', figure(run.peakRssMb, 'MB')));
  }
  inGroup(null);
  console.log('');
  console.log(row('database file after the imports', figure(r.databaseMb, 'MB', `${fmt(r.databaseMb)} MB`)));
  console.log(row('ratio same-file re-import / import (wall)', ratio(r.update.wallMs / r.insert.wallMs)));
  console.log(row('ratio same-file re-import / import (save)', ratio(r.update.saveMs / r.insert.saveMs)));
  console.log(row('ratio later-export re-import / import (wall)', ratio(r.revised.wallMs / r.insert.wallMs)));
  console.log(row('ratio later-export re-import / import (save)', ratio(r.revised.saveMs / r.insert.saveMs)));

  inGroup('search');
  console.log(`\nSearch as you type (limit 100, ranked, with total count up to 2,000), ${fmt(r.search.count, 0)} queries:`);
  console.log(row('all queries', lat(r.search)));
  for (const [label, l] of Object.entries(r.searchByLength)) console.log(row(label, lat(l)));
  console.log(row('list, first page (empty query)', lat(r.listFirstPage)));
  console.log(row(`list, page at offset ${fmt(rows - 1000, 0)}`, lat(r.listDeepPage)));
  console.log(row(`list, the same page by keyset (after page ${fmt((rows - 1000) / 100, 0)}'s last row)`, lat(r.listDeepPageKeyset)));
  console.log(row('ratio deep page offset / keyset (p95)', ratio(r.listDeepPage.p95 / Math.max(r.listDeepPageKeyset.p95, 0.001), 1)));
  console.log(row('ratio p95 search / first list page', ratio(r.search.p95 / Math.max(r.listFirstPage.p95, 0.001), 1)));
});

await section('pin-latency', async () => {
  const pin = await runPinLatencyBenchmark({ pins: pinLatencyPins, viewers: 1 });
  console.log('\nPin, loopback, built-in SFU (Node viewer socket; the watch page render is measured in Chromium):');
  console.log(row('pin dispatch -> viewer socket has card', lat(pin.toViewer)));
  console.log(row('pin dispatch -> reply (SFU acked)', lat(pin.toReply)));
});

await section('moderation', () => printModerationBenchmark({ messages: moderationMessages }));

await section('auction-engine', () => printAuctionEngineBenchmark({ inputs: auctionInputs, cliInputs: auctionCliLines }));

await section('chat-latency', async () => {
  const chat = await runChatLatencyBenchmark({ messages: chatMessages });
  console.log(`\nChat, loopback, built-in SFU (moderation + SQLite write on the way; ${chat.senders} sender sockets, 1 receiver):`);
  console.log(row('viewer chatSend -> other viewer has it', lat(chat.roundTrip)));
  console.log(row('viewer chatSend -> SFU reply', lat(chat.sfuAck)));
});

await section('auction', async () => {
  const a = await runAuctionLatency({ bids: auctionBids, viewers: auctionViewers });
  console.log(`\nAuction, loopback, built-in SFU (engine + SQLite write on the way; ${a.viewers} viewer sockets, one bid at a time):`);
  console.log(row('viewer bid -> every viewer has it', lat(a.toEveryViewer)));
  console.log(row("viewer bid -> the bidder's notice", lat(a.toNotice)));
  const b = await runAuctionThroughput({ bidders: auctionBidders, burst: auctionBurst });
  console.log(`\nAuction flood: ${fmt(b.bidders, 0)} bidders press Bid ${auctionBurst} times at once (${fmt(b.sent, 0)} bids forwarded, ${fmt(b.stored, 0)} stored):`);
  console.log(row('bids decided per second', figure(b.decidedPerSecond, 'bids/s')));
  console.log(row('first bid sent -> every bid stored', ms(b.decidedMs)));
});

await section('obs-pin', async () => {
  const obsPin = await runObsPinBenchmark({ pins: obsPins });
  if (typeof obsPin === 'string') console.log(`\n${obsPin}`);
  else {
    console.log(`\nPin -> OBS ${obsPin.obsVersion ?? ''} text source (real OBS headless, loopback, read back with GetInputSettings):`);
    console.log(row('pin dispatch -> OBS title text updated', lat(obsPin.toObsText)));
  }
});

await section('compositor', async () => {
  requireBuiltUi();
  await printCompositorBenchmark({ windowMs: compositorWindowMs, rounds: smoke ? 1 : 3, gate: smoke ? 'report' : values.record ? 'record' : 'enforce' });
});

await section('vertical-output', async () => {
  requireBuiltUi();
  await printVerticalBenchmark({ windowMs: smoke ? 1_000 : compositorWindowMs, settleMs: smoke ? 250 : 5_000, pairs: smoke ? 1 : 2 });
});

await section('chat-console', async () => {
  requireBuiltUi();
  await printChatConsoleBenchmark({ perSecond: 500, seconds: chatConsoleSeconds });
});

if (!values['skip-live']) {
  await section('live', async () => {
    requireBuiltUi();
    await printLiveBenchmark({ pins: livePins, frames, rampUpMs });
  });
  await section('egress', () => printEgressBenchmark({ windowMs: egressWindowMs, settleMs: egressSettleMs, frames: egressFrames, rampUpMs }));
  await section('pin-fanout', async () => {
    requireBuiltUi();
    await printPinFanoutBenchmark({ presses, obs: true, rampUpMs });
  });
}

if (values.json) {
  writeFigures(values.json);
  console.log(`\n${recordedFigures().length} figures written to ${values.json}`);
}
const took = (msTaken: number) => `${fmt(msTaken / 1000)} s`;
console.log(`\n${timings.length} benchmarks in ${took(performance.now() - runStarted)}: ${timings.map(([name, t]) => `${name} ${took(t)}`).join(', ')}`);
if (failures.length > 0) {
  console.error(`Benchmarks that failed: ${failures.join(', ')}`);
  process.exitCode = 1;
}
// A benchmark that left a socket or a child process open must not keep `npm test` waiting.
setTimeout(() => {
  console.error('Something was still open 10 s after the last benchmark; exiting.');
  process.exit();
}, 10_000).unref();

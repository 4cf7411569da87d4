/**
 * `npm run bench`: performance numbers for the parts a host feels. Prints
 * the machine it ran on, so numbers in docs/benchmarks.md can be compared.
 *   --products N   (default 20000; 5 variants each -> 100,000 variant rows)
 *   --pins N, --frames N, --skip-live   (the live benchmark, bench/live.ts)
 *   --presses N   (the pin fan-out, bench/pin-fanout.ts; --skip-live skips it too)
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { runCatalogBenchmark } from './catalog.js';
import { printCompositorBenchmark } from './compositor.js';
import { printLiveBenchmark } from './live-report.js';
import { printModerationBenchmark } from './moderation.js';
import { runChatLatencyBenchmark } from './chat-latency.js';
import { runPinLatencyBenchmark } from './pin-latency.js';
import { runObsPinBenchmark } from './obs-pin.js';
import { printPinFanoutBenchmark } from './pin-fanout.js';
import { fmt, lat, ms, row } from './report-format.js';

const { values } = parseArgs({
  options: {
    products: { type: 'string', default: '20000' },
    queries: { type: 'string', default: '1000' },
    // Live benchmark (bench/live.ts): pins clicked in the studio UI, video frames read on the viewer.
    pins: { type: 'string', default: '100' },
    frames: { type: 'string', default: '600' },
    // Pin fan-out (bench/pin-fanout.ts): P presses in the studio UI → viewer card, viewer video, OBS.
    presses: { type: 'string', default: '40' },
    'skip-live': { type: 'boolean', default: false },
  },
});
const products = Number(values.products);
const queries = Number(values.queries);

const sqlite = (new Database(':memory:').prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
console.log('Live Seller Studio benchmark');
console.log(row('Machine', `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${fmt(os.totalmem() / 2 ** 30, 0)} GB RAM`));
console.log(row('Runtime', `Node ${process.versions.node}, SQLite ${sqlite}, ${os.type()} ${os.release()}`));

const r = await runCatalogBenchmark({ products, variantsPerProduct: 5, queries });
const rows = r.file.variantRows;
console.log(`\nCatalog: Shopify CSV, ${fmt(r.file.products, 0)} products × 5 = ${fmt(rows, 0)} variant rows, ${fmt(r.file.bytes / 2 ** 20)} MB (written in ${ms(r.generateMs)})`);
const runs = [
  ['Import into empty database', r.insert],
  ['Re-import, same file (update path, nothing changed)', r.update],
  ['Re-import, later export (all prices/stock changed, 10% of titles renamed)', r.revised],
] as const;
for (const [name, run] of runs) {
  console.log(`\n${name}: ${run.created} created, ${run.updated} updated, ${run.errors} row errors`);
  console.log(row('wall time', `${ms(run.wallMs)}  (parse ${ms(run.parseMs)}, save ${ms(run.saveMs)})`));
  console.log(row('throughput', `${fmt(run.rowsPerSecond, 0)} rows/s`));
  console.log(row('peak RSS (process)', `${fmt(run.peakRssMb, 0)} MB`));
}
console.log('');
console.log(row('database file after the imports', `${fmt(r.databaseMb)} MB`));
console.log(row('ratio same-file re-import / import (wall)', fmt(r.update.wallMs / r.insert.wallMs, 2)));
console.log(row('ratio same-file re-import / import (save)', fmt(r.update.saveMs / r.insert.saveMs, 2)));
console.log(row('ratio later-export re-import / import (wall)', fmt(r.revised.wallMs / r.insert.wallMs, 2)));
console.log(row('ratio later-export re-import / import (save)', fmt(r.revised.saveMs / r.insert.saveMs, 2)));

console.log(`\nSearch as you type (limit 100, ranked, with total count), ${fmt(r.search.count, 0)} queries:`);
console.log(row('all queries', lat(r.search)));
for (const [label, l] of Object.entries(r.searchByLength)) console.log(row(label, lat(l)));
console.log(row('list, first page (empty query)', lat(r.listFirstPage)));
console.log(row(`list, page at offset ${fmt(rows - 1000, 0)}`, lat(r.listDeepPage)));
console.log(row('ratio p95 search / first list page', fmt(r.search.p95 / Math.max(r.listFirstPage.p95, 0.001), 1)));

const pin = await runPinLatencyBenchmark({ pins: 100, viewers: 1 });
console.log('\nPin, loopback, built-in SFU (Node viewer socket; the watch page render is measured in Chromium):');
console.log(row('pin dispatch -> viewer socket has card', lat(pin.toViewer)));
console.log(row('pin dispatch -> reply (SFU acked)', lat(pin.toReply)));

printModerationBenchmark();

const chat = await runChatLatencyBenchmark({ messages: 500 });
console.log(`\nChat, loopback, built-in SFU (moderation + SQLite write on the way; ${chat.senders} sender sockets, 1 receiver):`);
console.log(row('viewer chatSend -> other viewer has it', lat(chat.roundTrip)));
console.log(row('viewer chatSend -> SFU reply', lat(chat.sfuAck)));

const obsPin = await runObsPinBenchmark({ pins: 30 });
if (typeof obsPin === 'string') console.log(`\n${obsPin}`);
else {
  console.log(`\nPin -> OBS ${obsPin.obsVersion ?? ''} text source (real OBS headless, loopback, read back with GetInputSettings):`);
  console.log(row('pin dispatch -> OBS title text updated', lat(obsPin.toObsText)));
}

await printCompositorBenchmark();

if (!values['skip-live']) await printLiveBenchmark(Number(values.pins), Number(values.frames));
if (!values['skip-live']) await printPinFanoutBenchmark(Number(values.presses));

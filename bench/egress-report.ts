/** Prints the multistream benchmark (bench/egress.ts) in the style of bench/run.ts. */
import os from 'node:os';
import { runEgressBenchmark, type EgressBenchmarkOptions, type EgressCpuWindow } from './egress.js';
import { figure, fmt, lat, maybe, ratio, readings, Reading, row } from './report-format.js';

/** Cores as "% of one core", recorded under `name`. */
const pct = (cores: number, name: string): Reading => figure(cores * 100, '% of a core', `${fmt(cores * 100)} %`).as(name);

const plural = (n: number) => `${n} destination${n === 1 ? '' : 's'}`;

function cpuRow(w: EgressCpuWindow): string {
  const pushers = w.pushers.map((p, i) => pct(p, `pusher ${i + 1}`));
  const fps = maybe(w.encoderFps, 'fps', (v) => fmt(v)).as('encoder fps');
  const each = new Reading(pushers.join(' + '), pushers.flatMap((p) => p.values));
  return row(plural(w.destinations), readings`encoder ${pct(w.encoder, 'encoder')}   pushers ${each}   total ${pct(w.total, 'total')}   (encoder ${fps} fps)`);
}

export async function printEgressBenchmark(options: EgressBenchmarkOptions): Promise<void> {
  console.log(
    '\nMultistream egress: the SFU’s engine (startSfuServer in-process: one encoder ffmpeg, one pusher ffmpeg per destination), ' +
      'publisher = Chromium page with the studio’s PublishClient (1280x720 moving canvas, simulcast), real nginx-rtmp servers on loopback',
  );
  const r = await runEgressBenchmark(options);
  if (typeof r === 'string') {
    console.log(`  ${r}`);
    return;
  }
  console.log(row('Browser', r.browser));
  const p = r.publisher;
  const drawRate = figure(p.drawRate, 'draws/s', String(p.drawRate)).as('draw rate');
  const bitrate = maybe(p.bitrateKbps, 'kbps').as('bitrate');
  const sent = figure(p.layers, 'layers', String(p.layers)).as('layers');
  const topFps = maybe(p.fps, 'fps').as('top layer fps');
  const mic = r.microphone ? ' + microphone (fake, Opus)' : ', no microphone';
  console.log(row('Publisher', readings`1280x720 canvas${mic}, ${drawRate} draws/s, sent ${bitrate} kbps in ${sent} layers, top layer ${topFps} fps`));
  console.log(row('Encoded (one encode for every destination)', `${r.encoded.width}x${r.encoded.height} H.264 + AAC, keyframe every 2 s`));
  const [loadStart, loadEnd] = r.loadAverage.map((load, i) => figure(load, 'load', fmt(load)).as(i === 0 ? '(at start)' : '(at end)'));
  console.log(row('Load average (1 min), start → end', readings`${loadStart} → ${loadEnd} on ${os.cpus().length} cores`));

  const seconds = r.windows[0]?.seconds ?? 0;
  console.log(`\nCPU of the egress ffmpeg processes, % of one core over ${fmt(seconds)} s windows (/proc/<pid>/stat utime+stime, CLK_TCK ${r.clockTicksPerSecond}):`);
  for (const w of r.windows) console.log(cpuRow(w));
  const one = r.windows.find((w) => w.destinations === 1);
  const most = r.windows.at(-1);
  if (one && most && most !== one) {
    const pushers = most.pushers.reduce((sum, c) => sum + c, 0) / most.pushers.length;
    console.log(row(`per destination (mean pusher, ${most.destinations})`, pct(pushers, '')));
    console.log(row(`ratio total ${most.destinations} / total 1`, ratio(most.total / one.total)));
    console.log(row(`ratio pusher / encoder (${most.destinations})`, ratio(pushers / most.encoder, 3)));
  }
  console.log('  Not egress, for context (same windows):');
  for (const w of r.windows) {
    console.log(
      row(`  ${plural(w.destinations)}`, readings`SFU Node process (signaling, TS fan-out) ${pct(w.sfuNode, 'SFU Node process')}   mediasoup worker ${pct(w.mediasoupWorker, 'mediasoup worker')}`),
    );
  }

  const unreadable = figure(r.unreadableFrames, 'frames', String(r.unreadableFrames)).as('unreadable');
  console.log(`\nDelay to the platform (frame drawn in the publisher page → read back from nginx-rtmp by ffmpeg at ${r.readSize}, gray), ${r.delay.count} frames:`);
  console.log(row(`drawn → read back (${r.windows.at(-1)?.destinations ?? 0} live)`, lat(r.delay)));
  console.log(row('frames read back', readings`${unreadable} unreadable`));
}

// `tsx bench/egress-report.ts [--smoke] [--no-microphone]` runs it alone (full size unless --smoke).
if (import.meta.url === `file://${process.argv[1]}`) {
  const smoke = process.argv.includes('--smoke');
  await printEgressBenchmark({
    windowMs: smoke ? 1_000 : 10_000,
    settleMs: smoke ? 500 : 3_000,
    frames: smoke ? 20 : 600,
    rampUpMs: smoke ? 1_000 : 4_000,
    microphone: !process.argv.includes('--no-microphone'),
  });
  // Playwright's and the SFU's handles must not keep the process waiting.
  setTimeout(() => process.exit(), 2_000).unref();
}

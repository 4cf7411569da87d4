/**
 * Multistream benchmark (`npm run bench`, section "egress"): what pushing a
 * show to the platforms costs and how late it gets there, with the SFU's
 * real engine (src/sfu/egress) and real parts only:
 *
 * - the SFU (`startSfuServer`, in this process, one mediasoup worker) and the
 *   studio's link to it (a Node client joined with the long-lived host token,
 *   as main's);
 * - the publisher: the live bench's page (bench/live-publisher-page.ts) in
 *   headless Chromium, publishing the studio's way: the studio's
 *   PublishClient, a 1280x720 moving canvas, three simulcast layers, and the
 *   microphone (Chromium's fake one). Every frame carries the wall-clock code
 *   (bench/live-clock-code.ts);
 * - four real nginx-rtmp servers on loopback (scripts/rtmp-server-start.sh),
 *   one per destination, each accepting only its own stream key.
 *
 * CPU: with 1, 2 and then 4 destinations live, the CPU time of every egress
 * ffmpeg (`SfuServer.egressProcesses()`: the one encoder, a pusher per
 * destination) over a window, from /proc/<pid>/stat. Delay: ffmpeg plays the
 * first destination's stream back from its server and Node reads the code
 * out of every frame (bench/rtmp-clock-reader.ts): frame drawn in the page →
 * the same frame read back from the RTMP server.
 */
import os from 'node:os';
import type { Browser, Page } from '@playwright/test';
import type { PublishTicket } from '../src/shared/domain/live.js';
import type { EgressStatus } from '../src/shared/sfu/protocol-egress.js';
import { startSfuServer, type SfuServer } from '../src/sfu/sfu-server.js';
import { rtmpMissingReason, startRtmpServer, type RtmpServer } from '../tests/harness/rtmp-server.js';
import { TestSignalClient } from '../tests/harness/signal-client.js';
import type { Latency } from './catalog.js';
import { bundleBrowserScript, launchBenchChromium, servePublisherPage } from './chromium-bench.js';
import { clockTicksPerSecond, coresUsed, cpuSnapshot } from './cpu-usage.js';
import { clockOffsetMs, msSinceCode } from './live-clock-code.js';
import { latency } from './live.js';
import { startRtmpFrameReader, type RtmpFrameReader } from './rtmp-clock-reader.js';

export interface EgressBenchmarkOptions {
  /** How long CPU is measured at each number of destinations. */
  readonly windowMs: number;
  /** Frames read back from the RTMP server for the delay. */
  readonly frames: number;
  /** Time for simulcast to ramp up to the top layer before the first destination starts. */
  readonly rampUpMs: number;
  /** Time after the destinations are live before a window starts (their start is not the steady state). */
  readonly settleMs: number;
  /** Publish the microphone too, as the studio does (Chromium's fake one); false: video only (default true). */
  readonly microphone?: boolean;
}

/** The destination counts measured, in order (each adds to the ones before). */
export const DESTINATION_COUNTS = [1, 2, 4] as const;

/** One window: cores used (1 = one whole core) by each process. */
export interface EgressCpuWindow {
  readonly destinations: number;
  readonly seconds: number;
  readonly encoder: number;
  /** One per destination, in the order they were started. */
  readonly pushers: readonly number[];
  /** encoder + pushers. */
  readonly total: number;
  /** Not egress's own processes, for context: the SFU's Node process (signaling, the TS fan-out to the pushers) and its mediasoup worker. */
  readonly sfuNode: number;
  readonly mediasoupWorker: number;
  /** The encoder's frame rate and each destination's as the SFU last reported them. */
  readonly encoderFps: number | null;
  readonly destinationFps: readonly (number | null)[];
}

export interface EgressBenchmarkResult {
  readonly browser: string;
  readonly microphone: boolean;
  readonly publisher: { readonly drawRate: number; readonly bitrateKbps: number | null; readonly layers: number; readonly fps: number | null };
  /** The program's size as the encoder sends it. */
  readonly encoded: { readonly width: number; readonly height: number };
  readonly clockTicksPerSecond: number;
  readonly windows: readonly EgressCpuWindow[];
  /** Frame drawn in the publisher page → read back from the first destination's server. */
  readonly delay: Latency;
  readonly unreadableFrames: number;
  /** The size the frames were read back at. */
  readonly readSize: string;
  readonly loadAverage: readonly [number, number];
}

const SHOW = 'egress-bench';
const HOST_TOKEN = 'egress-bench-host-token';
const READ_WIDTH = 320;
const READ_HEIGHT = 180;
/** Frames read back in the reader's first second are not timed: they come in a burst after ffmpeg's start. */
const READ_WARM_UP_MS = 1_000;
/** Longest wait for a destination to go live (the encoder's start waits up to 3 s for the top layer, then its first keyframe). */
const LIVE_TIMEOUT_MS = 40_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const keyOf = (i: number) => `bench-key-${i + 1}`;

/** The latest `egressStatus` heard from message `from` on that passes `check`. */
async function egressStatus(link: TestSignalClient, check: (s: EgressStatus) => boolean, from: number, what: string): Promise<EgressStatus> {
  try {
    const message = await link.waitFor((m) => m.type === 'egressStatus' && link.received.indexOf(m) >= from && check(m.status), LIVE_TIMEOUT_MS);
    return (message as { status: EgressStatus }).status;
  } catch {
    const last = link.pushes('egressStatus').at(-1)?.status;
    throw new Error(`Timed out waiting for ${what}; the SFU last said: ${JSON.stringify(last ?? null)}`);
  }
}

const lastStatus = (link: TestSignalClient): EgressStatus | null => link.pushes('egressStatus').at(-1)?.status ?? null;

/** Starts destinations until `count` run, and waits until every one is live. */
async function goLiveTo(link: TestSignalClient, servers: readonly RtmpServer[], count: number): Promise<EgressStatus> {
  const mark = link.received.length;
  const running = (await link.requests.request({ type: 'egressList' })).destinations.length;
  for (let i = running; i < count; i++) {
    const destination = { id: `d${i + 1}`, name: `Platform ${i + 1}`, url: servers[i]!.url, streamKey: keyOf(i) };
    await link.requests.request({ type: 'egressStart', destination });
  }
  return egressStatus(
    link,
    (s) => s.encoder.state === 'running' && s.destinations.length === count && s.destinations.every((d) => d.state === 'live'),
    mark,
    `${count} destinations to be live`,
  );
}

/** CPU of the egress processes over one window; measured again (up to 3 times) when one of them was replaced meanwhile. */
async function measureCpu(sfu: SfuServer, link: TestSignalClient, destinations: number, windowMs: number): Promise<EgressCpuWindow> {
  for (let attempt = 1; ; attempt++) {
    const processes = sfu.egressProcesses();
    const encoder = processes.filter((p) => p.role === 'encoder');
    const pushers = processes.filter((p) => p.role === 'pusher').sort((a, b) => (a.destinationId ?? '').localeCompare(b.destinationId ?? ''));
    const worker = sfu.workerPids();
    if (encoder.length !== 1 || pushers.length !== destinations || worker.length !== 1) {
      throw new Error(`Expected 1 encoder, ${destinations} pushers and 1 worker; the SFU runs ${JSON.stringify(processes)} and workers ${worker.join(', ')}.`);
    }
    const pids = [encoder[0]!.pid, ...pushers.map((p) => p.pid), worker[0]!];
    const node = process.cpuUsage();
    const before = cpuSnapshot(pids);
    await sleep(windowMs);
    const after = cpuSnapshot(pids);
    const nodeUsed = process.cpuUsage(node);
    const used = coresUsed(before, after);
    const seconds = (after.at - before.at) / 1000;
    const same = JSON.stringify(sfu.egressProcesses().map((p) => p.pid).sort()) === JSON.stringify(processes.map((p) => p.pid).sort());
    if (!same || pids.some((pid) => used.get(pid) === null)) {
      if (attempt >= 3) throw new Error(`An egress ffmpeg was replaced during each of ${attempt} windows (${destinations} destinations).`);
      continue;
    }
    const status = lastStatus(link);
    const encoderCores = used.get(encoder[0]!.pid)!;
    const pusherCores = pushers.map((p) => used.get(p.pid)!);
    return {
      destinations,
      seconds,
      encoder: encoderCores,
      pushers: pusherCores,
      total: encoderCores + pusherCores.reduce((sum, c) => sum + c, 0),
      sfuNode: (nodeUsed.user + nodeUsed.system) / 1e6 / seconds,
      mediasoupWorker: used.get(worker[0]!)!,
      encoderFps: status?.encoder.fps ?? null,
      destinationFps: pushers.map((p) => status?.destinations.find((d) => d.id === p.destinationId)?.fps ?? null),
    };
  }
}

/** Reads frames back from the server until `count` are timed; delays are on the system clock. */
async function measureDelay(reader: RtmpFrameReader, publisher: Page, count: number): Promise<{ delays: number[]; unreadable: number }> {
  const pageOffset = await publisher.evaluate(() => window.benchPublisher.clockOffsetMs());
  const ownOffset = clockOffsetMs();
  const delays: number[] = [];
  let unreadable = 0;
  let firstAt: number | null = null;
  let exited = false;
  void reader.exited.then(() => (exited = true));
  const deadline = Date.now() + Math.max(30_000, (count / 30) * 3_000);
  while (delays.length < count && Date.now() < deadline && !exited) {
    await sleep(100);
    for (const frame of reader.take()) {
      firstAt ??= frame.at;
      if (frame.at - firstAt < READ_WARM_UP_MS) continue;
      if (frame.code === null) unreadable++;
      // The frame's arrival on this process's clock, moved onto the page's clock the code was written in.
      else delays.push(msSinceCode(frame.code, frame.at - ownOffset + pageOffset));
    }
  }
  if (delays.length === 0) throw new Error(`No frame with a readable clock code came back from the RTMP server (${unreadable} unreadable). ffmpeg: ${reader.errors() || '(nothing)'}`);
  return { delays: delays.slice(0, count), unreadable };
}

/** Runs the benchmark, or returns why it cannot run here (no nginx-rtmp or ffmpeg). */
export async function runEgressBenchmark(options: EgressBenchmarkOptions): Promise<EgressBenchmarkResult | string> {
  const missing = rtmpMissingReason();
  if (missing) return missing.replace('RTMP tests skipped', 'Multistream benchmark skipped');
  const loadBefore = os.loadavg()[0]!;
  const cleanups: (() => Promise<void> | void)[] = [];
  try {
    const servers = await Promise.allSettled(Array.from({ length: Math.max(...DESTINATION_COUNTS) }, (_, i) => startRtmpServer({ key: keyOf(i) })));
    // Stopped together: each stop waits for its nginx to exit (about 2 s).
    cleanups.push(async () => {
      const stops = await Promise.allSettled(servers.flatMap((s) => (s.status === 'fulfilled' ? [s.value.stop()] : [])));
      const failedStop = stops.find((s) => s.status === 'rejected');
      if (failedStop) throw failedStop.reason;
    });
    const failed = servers.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const rtmp = servers.map((s) => (s as PromiseFulfilledResult<RtmpServer>).value);

    const sfu = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', hostTokens: { [SHOW]: HOST_TOKEN } });
    cleanups.push(() => sfu.close());
    const link = await TestSignalClient.connect(sfu);
    cleanups.push(() => link.close());
    await link.requests.request({ type: 'join', show: SHOW, role: 'host', hostToken: HOST_TOKEN, confirmsChat: true });
    // The publisher gets a publish token, as the studio's window does (the long-lived one stays with the link).
    const minted = await link.requests.request({ type: 'mintPublishToken', ttlSeconds: 3600, publisherId: 'bench-window' });
    const ticket: PublishTicket = { signalUrl: sfu.signalUrl, room: SHOW, hostToken: minted.token, expiresAt: minted.expiresAt, viewerUrls: [sfu.watchUrl(SHOW)] };

    const site = await servePublisherPage(await bundleBrowserScript('live-publisher-page.ts', 'esm'));
    cleanups.push(() => site.close());
    const browser: Browser = await launchBenchChromium({ fakeMedia: true });
    cleanups.push(() => browser.close());
    const publisher = await (await browser.newContext({ viewport: { width: 1300, height: 760 } })).newPage();
    const microphone = options.microphone ?? true;
    await publisher.goto(`${site.origin}/${microphone ? '?audio' : ''}#${encodeURIComponent(JSON.stringify(ticket))}`);
    await publisher.waitForFunction(() => window.benchPublisher?.status().phase === 'live', null, { timeout: 30_000 });
    await sleep(options.rampUpMs); // simulcast ramps up to the top layer, as in the live bench

    const windows: EgressCpuWindow[] = [];
    let encoded = { width: 0, height: 0 };
    for (const count of DESTINATION_COUNTS) {
      const live = await goLiveTo(link, rtmp, count);
      encoded = { width: live.encoder.width ?? 0, height: live.encoder.height ?? 0 };
      await sleep(options.settleMs);
      windows.push(await measureCpu(sfu, link, count, options.windowMs));
    }

    const reader = startRtmpFrameReader(rtmp[0]!.playUrl(), { width: READ_WIDTH, height: READ_HEIGHT });
    cleanups.push(() => reader.close());
    const { delays, unreadable } = await measureDelay(reader, publisher, options.frames);
    const health = await publisher.evaluate(() => window.benchPublisher.status().health);
    const drawRate = await publisher.evaluate(() => window.benchPublisher.drawRate());
    return {
      browser: `Chromium ${browser.version()} (headless)`,
      microphone,
      publisher: { drawRate, bitrateKbps: health?.bitrateKbps ?? null, layers: health?.videoLayers ?? 0, fps: health?.framesPerSecond ?? null },
      encoded,
      clockTicksPerSecond: clockTicksPerSecond(),
      windows,
      delay: latency(delays),
      unreadableFrames: unreadable,
      readSize: `${READ_WIDTH}x${READ_HEIGHT}`,
      loadAverage: [loadBefore, os.loadavg()[0]!],
    };
  } finally {
    // Everything started is stopped, the last first, also when a step failed; one failing stop does not skip the others.
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error('Multistream benchmark: a cleanup step failed:', error);
      }
    }
  }
}

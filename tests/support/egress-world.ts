/**
 * A show with multistream for the SFU's egress tests, all real: a mediasoup
 * worker and a Room (the one the SFU uses), a test pattern published into it
 * by ffmpeg over RTP (tests/harness/rtp-publisher.ts), nginx-rtmp servers
 * (tests/harness/rtmp-server.ts), and the studio's link as a room member
 * that records every `egressStatus` push. Everything is stopped after each
 * test; no ffmpeg or nginx outlives it.
 */
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { EgressDestinationStatus, EgressStatus } from '../../src/shared/sfu/protocol-egress.js';
import type { SignalPush } from '../../src/shared/sfu/protocol.js';
import { ShowEgress } from '../../src/sfu/egress/show-egress.js';
import type { Room, RoomMember } from '../../src/sfu/room.js';
import { RoomRegistry } from '../../src/sfu/room-registry.js';
import { createSfuLog, type SfuLog } from '../../src/sfu/sfu-log.js';
import { resolveSfuOptions } from '../../src/sfu/sfu-options.js';
import { WorkerPool } from '../../src/sfu/worker-pool.js';
import { startRtmpServer, type RtmpServer, type RtmpServerOptions } from '../harness/rtmp-server.js';
import { startRtpPublisher, type RtpPublisher, type RtpPublisherOptions } from '../harness/rtp-publisher.js';

export interface EgressWorld {
  readonly room: Room;
  /** Every status pushed to the studio's link, oldest first. */
  readonly statuses: EgressStatus[];
  /** Every line the SFU logged. */
  readonly logLines: string[];
  publish(options?: RtpPublisherOptions): Promise<RtpPublisher>;
  /**
   * A multistream on this room's feeds with a setting the Room leaves at its
   * default (a small pusher backlog); its statuses join `statuses`.
   */
  customEgress(options: { pusherMaxBacklogBytes: number }): ShowEgress;
  rtmpServer(options?: RtmpServerOptions): Promise<RtmpServer>;
  /** The latest pushed status (null before any). */
  latest(): EgressStatus | null;
  destination(id: string): EgressDestinationStatus | undefined;
  /** How many statuses were pushed so far: `waitForStatus(..., { from: mark() })` looks only at later ones. */
  mark(): number;
  /** Resolves with the first pushed status from index `from` on (default: all, already pushed ones count) that passes `check`. */
  waitForStatus(check: (status: EgressStatus) => boolean, what: string, options?: { from?: number; timeoutMs?: number }): Promise<EgressStatus>;
}

let pool: WorkerPool | null = null;
const cleanups: (() => Promise<void>)[] = [];

/** Registers the worker pool for the file and the per-test cleanup. */
export function useEgressWorlds(): void {
  beforeAll(async () => {
    pool = await WorkerPool.start(resolveSfuOptions({ workers: 1, logLevel: 'silent' }), createSfuLog('silent'));
  });
  afterEach(async () => {
    // Every cleanup runs, even after one fails: a process left running would spoil the next test.
    const errors: unknown[] = [];
    while (cleanups.length) await cleanups.pop()!().catch((error: unknown) => errors.push(error));
    if (errors.length > 0) throw errors[0];
  });
  afterAll(() => pool?.close());
}

export async function egressWorld(show = 'egress-show', ffmpegPath = 'ffmpeg'): Promise<EgressWorld> {
  if (!pool) throw new Error('useEgressWorlds() first');
  const logLines: string[] = [];
  const log: SfuLog = {
    debug: (m) => logLines.push(m),
    info: (m) => logLines.push(m),
    warn: (m) => logLines.push(m),
    error: (m, d) => logLines.push(`${m} ${d instanceof Error ? d.message : ''}`),
  };
  const rooms = new RoomRegistry(pool, { maxRooms: 10, viewerCountIntervalMs: 1000, ffmpegPath }, log);
  const room = rooms.getOrCreate(show);
  await room.openRouter();
  const statuses: EgressStatus[] = [];
  const waiters: (() => void)[] = [];
  const studio: RoomMember = {
    sendFrame(frame) {
      const push = JSON.parse(frame) as SignalPush;
      if (push.type !== 'egressStatus') return;
      statuses.push(push.status);
      for (const wake of waiters.splice(0)) wake();
    },
    mustRejoin: () => undefined,
    replacedAsHost: () => undefined,
    replacedAsPublisher: () => undefined,
    publisherId: null,
    confirmsChat: true,
    controlsEgress: true,
  };
  room.addHost(studio);
  cleanups.push(async () => {
    await room.endEgress('test over');
    room.close();
  });
  const latest = () => statuses[statuses.length - 1] ?? null;
  return {
    room,
    statuses,
    logLines,
    async publish(options) {
      const publisher = await startRtpPublisher(room.currentRouter()!, options);
      cleanups.push(() => publisher.close());
      room.addProducer(publisher.video);
      if (publisher.audio) room.addProducer(publisher.audio);
      return publisher;
    },
    customEgress(options) {
      const egress = new ShowEgress({
        show,
        ffmpegPath,
        log,
        source: { router: () => room.currentRouter(), producer: (kind, feed) => room.producerOf(kind, feed) },
        onStatus: (status) => studio.sendFrame(JSON.stringify({ type: 'egressStatus', status } satisfies SignalPush)),
        ...options,
      });
      cleanups.push(() => egress.end('test over'));
      return egress;
    },
    async rtmpServer(options) {
      const server = await startRtmpServer(options);
      cleanups.push(() => server.stop());
      return server;
    },
    latest,
    destination: (id) => latest()?.destinations.find((d) => d.id === id),
    mark: () => statuses.length,
    async waitForStatus(check, what, { from = 0, timeoutMs = 20_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (let seen = from; ; ) {
        for (; seen < statuses.length; seen++) if (check(statuses[seen]!)) return statuses[seen]!;
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last status: ${JSON.stringify(latest())}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
  };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The ffmpeg processes this test process started that are still running (Linux: /proc). */
export function ffmpegChildren(): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ...
      const match = /^\d+ \((.*)\) \S+ (\d+)/.exec(stat);
      if (match && match[1] === 'ffmpeg' && Number(match[2]) === process.pid) found.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

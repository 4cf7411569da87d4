import type { types } from 'mediasoup';
import { showMediaCodecs } from './media-codecs.js';
import type { SfuLog } from './sfu-log.js';
import type { SfuOptions } from './sfu-options.js';
import { loadMediasoup } from './worker-binary.js';
import { Backoff } from '../shared/time/backoff.js';

type Mediasoup = Awaited<ReturnType<typeof loadMediasoup>>;

interface WorkerSlot {
  worker: types.Worker | null;
  /** Routers (shows) on this worker: new shows go to the least loaded one. */
  routers: number;
  /** Back off when a worker keeps dying (a bad binary or no free ports) instead of spinning: at once, then 0.5 s doubling to 30 s. */
  readonly restarts: Backoff;
}

/**
 * One mediasoup worker process per slot (per core by default). A worker that
 * dies is logged and replaced; the routers it held are closed by mediasoup,
 * and each room notices through its router's `workerclose` event and tells
 * its clients to rejoin (see Room). Shows then land on a live worker.
 */
export class WorkerPool {
  private readonly slots: WorkerSlot[] = [];
  private closed = false;

  private constructor(
    private readonly mediasoup: Mediasoup,
    private readonly options: SfuOptions,
    private readonly log: SfuLog,
  ) {}

  static async start(options: SfuOptions, log: SfuLog): Promise<WorkerPool> {
    const mediasoup = await loadMediasoup();
    const pool = new WorkerPool(mediasoup, options, log);
    try {
      for (let i = 0; i < options.workers; i++) {
        const slot: WorkerSlot = { worker: null, routers: 0, restarts: new Backoff({ firstMs: 500, maxMs: 30_000, immediateFirst: true }) };
        pool.slots.push(slot);
        slot.worker = await pool.spawn(slot, i);
      }
    } catch (error) {
      pool.close();
      throw error;
    }
    log.info(`mediasoup ${mediasoup.version}: ${options.workers} worker(s) ready`);
    return pool;
  }

  get size(): number {
    return this.slots.length;
  }

  get aliveCount(): number {
    return this.slots.filter((s) => s.worker !== null && !s.worker.closed).length;
  }

  /** Worker process ids (tests kill one to exercise recovery). */
  workerPids(): number[] {
    return this.slots.flatMap((s) => (s.worker && !s.worker.closed ? [s.worker.pid] : []));
  }

  /** A router for a new show, on the live worker with the fewest shows. */
  async createShowRouter(): Promise<types.Router> {
    const candidates = this.slots.filter((s) => s.worker !== null && !s.worker.closed);
    const slot = candidates.sort((a, b) => a.routers - b.routers)[0];
    if (!slot?.worker) throw new Error('No mediasoup worker is running.');
    const router = await slot.worker.createRouter({ mediaCodecs: showMediaCodecs(this.options.enableH264) });
    slot.routers++;
    router.observer.once('close', () => slot.routers--);
    return router;
  }

  close(): void {
    this.closed = true;
    for (const slot of this.slots) slot.worker?.close();
  }

  private async spawn(slot: WorkerSlot, index: number): Promise<types.Worker> {
    const worker = await this.mediasoup.createWorker({
      logLevel: 'warn',
      logTags: ['ice', 'dtls', 'rtp', 'srtp', 'rtcp'],
      rtcMinPort: this.options.rtcMinPort,
      rtcMaxPort: this.options.rtcMaxPort,
    });
    worker.on('died', (error) => {
      this.log.error(`mediasoup worker ${index} (pid ${worker.pid}) died; starting a new one`, error);
      slot.worker = null;
      slot.routers = 0;
      void this.respawn(slot, index);
    });
    return worker;
  }

  private async respawn(slot: WorkerSlot, index: number): Promise<void> {
    const delayMs = slot.restarts.next();
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (this.closed) return;
    try {
      slot.worker = await this.spawn(slot, index);
      this.log.info(`mediasoup worker ${index} restarted (pid ${slot.worker.pid})`);
      // A worker that stays up a minute is healthy again: reset the backoff.
      setTimeout(() => slot.restarts.reset(), 60_000).unref();
    } catch (error) {
      this.log.error(`mediasoup worker ${index} could not be restarted`, error);
      void this.respawn(slot, index);
    }
  }
}

import fs from 'node:fs/promises';
import type { ChunkReceipt } from '../../shared/domain/recording.js';

/**
 * Appends a recording's chunks to its capture file in order of their
 * sequence numbers, flushing each to the disk (fdatasync) before it is
 * acknowledged, so a crash or a power cut loses only what was not yet
 * acknowledged: the last second or two.
 *
 * The window numbers its chunks 0, 1, 2…; it sends them one after another
 * and sends one again when an answer was lost. A number already written is
 * a duplicate (nothing is written twice); a number ahead of the next one
 * waits in memory until the gap is filled. A gap that never fills (more than
 * MAX_HELD chunks wait) is skipped: what follows it is written, as the
 * container's next cluster can still be read.
 */

/** About half a minute of one-second chunks. */
export const MAX_HELD = 32;

export class CaptureWriter {
  private nextSeq: number;
  private size: number;
  private readonly held = new Map<number, Buffer>();
  /** Every write runs after the one before it. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly waiters = new Set<() => void>();
  private closed = false;

  private constructor(
    private readonly handle: fs.FileHandle,
    size: number,
    nextSeq: number,
    private readonly log: (message: string) => void,
  ) {
    this.size = size;
    this.nextSeq = nextSeq;
  }

  /** Opens (creating) the capture file for appending; `nextSeq`: the first chunk still to come. */
  static async open(file: string, options: { nextSeq?: number; log?: (message: string) => void } = {}): Promise<CaptureWriter> {
    const handle = await fs.open(file, 'a');
    try {
      const { size } = await handle.stat();
      return new CaptureWriter(handle, size, options.nextSeq ?? 0, options.log ?? (() => undefined));
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Bytes in the file. */
  get bytes(): number {
    return this.size;
  }

  /** The next sequence number the file is waiting for (every chunk before it is on the disk). */
  get expected(): number {
    return this.nextSeq;
  }

  append(seq: number, data: Buffer): Promise<ChunkReceipt> {
    return this.serially(async () => {
      if (this.closed) throw new Error('The capture file is closed.');
      // The chunk the file waits for is never a duplicate: it is still held only when its write failed, so write it again.
      if (seq < this.nextSeq || (seq !== this.nextSeq && this.held.has(seq))) return { outcome: 'duplicate', bytes: this.size };
      this.held.set(seq, data);
      if (seq !== this.nextSeq && this.held.size <= MAX_HELD) return { outcome: 'held', bytes: this.size };
      if (seq !== this.nextSeq) this.skipGap();
      await this.writeHeld();
      return { outcome: this.nextSeq > seq ? 'written' : 'held', bytes: this.size };
    });
  }

  /** Resolves true once every chunk up to `lastSeq` is on the disk, false after `timeoutMs`. */
  async waitFor(lastSeq: number, timeoutMs: number): Promise<boolean> {
    if (this.nextSeq > lastSeq) return true;
    return new Promise<boolean>((resolve) => {
      const check = () => {
        if (this.nextSeq <= lastSeq) return;
        finish(true);
      };
      const finish = (done: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(done);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.waiters.add(check);
    });
  }

  /** Writes what is still held (in order, across gaps), flushes and closes the file. */
  close(): Promise<void> {
    return this.serially(async () => {
      if (this.closed) return;
      if (this.held.size > 0) {
        this.skipGap();
        await this.writeHeld();
      }
      this.closed = true;
      await this.handle.close();
    });
  }

  private async writeHeld(): Promise<void> {
    let wrote = false;
    for (let chunk = this.held.get(this.nextSeq); chunk !== undefined; chunk = this.held.get(this.nextSeq)) {
      try {
        await this.handle.write(chunk);
      } catch (error) {
        // A full disk may have taken part of it: cut the file back, so a resend is written once, whole.
        await this.handle.truncate(this.size).catch(() => undefined);
        throw error;
      }
      this.held.delete(this.nextSeq);
      this.size += chunk.length;
      this.nextSeq += 1;
      wrote = true;
      // Still waiting chunks after a gap go on past it once nothing else can fill it.
      if (!this.held.has(this.nextSeq) && this.held.size > MAX_HELD) this.skipGap();
    }
    if (!wrote) return;
    await this.handle.datasync();
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Moves `nextSeq` to the first chunk held, giving up on the ones before it. */
  private skipGap(): void {
    const first = Math.min(...this.held.keys());
    if (first > this.nextSeq) this.log(`chunks ${this.nextSeq}-${first - 1} never arrived; the capture goes on without them`);
    this.nextSeq = first;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

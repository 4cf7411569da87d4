import type { Result } from '../../shared/api/result.js';
import { MAX_RECORDING_CHUNK_BYTES, type ChunkReceipt } from '../../shared/domain/recording.js';

/**
 * Sends a recording's chunks to main, in order, one at a time (runs in the
 * renderer; no React). Each piece of at most MAX_RECORDING_CHUNK_BYTES gets
 * the next sequence number; a piece whose answer did not come back (the link
 * to the studio dropped, a reconnect) is sent again with the same number
 * until main has it (main writes it once). A refusal (the recording stopped:
 * main stopped it, or the studio restarted) ends the sending and says why.
 */

export type SendChunk = (seq: number, base64: string) => Promise<Result<ChunkReceipt>>;

export interface ChunkSenderOptions {
  readonly send: SendChunk;
  /** Main refused a chunk: the recording is over from main's side. */
  readonly onRefused: (message: string) => void;
  /** Bytes main has on the disk, after each answer. */
  readonly onWritten?: (bytes: number) => void;
  /** Waits before sending again after a lost answer; grows to this (ms). */
  readonly maxRetryMs?: number;
}

/** Base64 of bytes, in slices (String.fromCharCode on a whole megabyte overflows the call stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export class ChunkSender {
  private readonly queue: { seq: number; data: string }[] = [];
  private nextSeq = 0;
  private sending = false;
  private refused = false;
  private idleWaiters: (() => void)[] = [];
  private retryMs = 250;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;

  constructor(private readonly options: ChunkSenderOptions) {}

  /** The last sequence number given out (-1: none yet); what stopRecording names as the last chunk. */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  /** Pieces waiting to be sent or answered. */
  get pending(): number {
    return this.queue.length;
  }

  /** Adds what the recorder delivered, cut into pieces main accepts. */
  push(bytes: Uint8Array): void {
    if (this.refused || this.disposed || bytes.length === 0) return;
    for (let at = 0; at < bytes.length; at += MAX_RECORDING_CHUNK_BYTES) {
      this.queue.push({ seq: this.nextSeq++, data: toBase64(bytes.subarray(at, at + MAX_RECORDING_CHUNK_BYTES)) });
    }
    void this.pump();
  }

  /** Resolves once every piece so far is answered (or the sending ended). */
  drained(): Promise<void> {
    if (this.queue.length === 0 || this.refused || this.disposed) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops sending (the window goes away); what was not answered is left to main's watchdog. */
  dispose(): void {
    this.disposed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.settle();
  }

  private async pump(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.queue.length > 0 && !this.refused && !this.disposed) {
        const next = this.queue[0]!;
        const answer = await this.options.send(next.seq, next.data).catch((): Result<ChunkReceipt> => ({
          ok: false,
          error: { code: 'unavailable', message: 'The studio did not answer.' },
        }));
        if (this.disposed) break;
        if (answer.ok) {
          this.queue.shift();
          this.retryMs = 250;
          this.options.onWritten?.(answer.value.bytes);
          continue;
        }
        if (answer.error.code === 'unavailable' && !/disk is full/i.test(answer.error.message)) {
          // The link dropped: the same piece again after a pause (main keeps it once).
          await new Promise<void>((resolve) => (this.retryTimer = setTimeout(resolve, this.retryMs)));
          this.retryMs = Math.min(this.retryMs * 2, this.options.maxRetryMs ?? 4000);
          continue;
        }
        this.refused = true;
        this.options.onRefused(answer.error.message);
      }
    } finally {
      this.sending = false;
      if (this.queue.length === 0 || this.refused || this.disposed) this.settle();
    }
  }

  private settle(): void {
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}

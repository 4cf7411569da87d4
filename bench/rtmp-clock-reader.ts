/**
 * Reads the wall-clock code (bench/live-clock-code.ts) back from a stream on
 * an RTMP server, in Node: ffmpeg plays the stream and writes every decoded
 * frame to its stdout as small raw gray pixels; each frame is timed when its
 * last byte arrives and its code decoded by the rules of the browser's
 * ClockCodeReader (two rows of 32 blocks, the second the inverse of the
 * first; a frame whose rows disagree anywhere is unreadable, not guessed).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { CODE_BITS, CODE_ROW_SHARE, wallClockMs } from './live-clock-code.js';

/**
 * The code in a gray frame (one byte per pixel, rows top to bottom), or null
 * when a block's two rows do not disagree (smeared, half-decoded, no code).
 * Each block is judged by the mean of its middle half (the browser's reader
 * samples the centre of a downscaled block), white above 128.
 */
export function readGrayClockCode(pixels: Uint8Array, width: number, height: number): number | null {
  if (pixels.length < width * height) return null;
  const block = width / CODE_BITS;
  const row = height * CODE_ROW_SHARE;
  const span = (from: number, to: number): [number, number] => {
    const start = Math.floor(from);
    return [start, Math.max(start + 1, Math.floor(to))];
  };
  const isWhite = (xs: [number, number], ys: [number, number]): boolean => {
    let sum = 0;
    for (let y = ys[0]; y < ys[1]; y++) for (let x = xs[0]; x < xs[1]; x++) sum += pixels[y * width + x]!;
    return sum / ((xs[1] - xs[0]) * (ys[1] - ys[0])) > 128;
  };
  const topRow = span(0.25 * row, 0.75 * row);
  const bottomRow = span(1.25 * row, 1.75 * row);
  let value = 0;
  for (let bit = 0; bit < CODE_BITS; bit++) {
    const xs = span((bit + 0.25) * block, (bit + 0.75) * block);
    const top = isWhite(xs, topRow);
    if (top === isWhite(xs, bottomRow)) return null;
    value = ((value << 1) | (top ? 1 : 0)) >>> 0;
  }
  return value;
}

export interface ReadFrame {
  /** When the frame's last byte arrived (this process's high-resolution clock as epoch ms, `wallClockMs`). */
  readonly at: number;
  /** Its code, or null when unreadable. */
  readonly code: number | null;
}

export interface RtmpFrameReader {
  /** The frames read since the last call. */
  take(): ReadFrame[];
  /** What ffmpeg said on stderr (its last few KB), for an error message. */
  errors(): string;
  /** Resolves when ffmpeg has ended. */
  readonly exited: Promise<void>;
  /** Ends ffmpeg (SIGKILL) and waits for it. Safe to call twice. */
  close(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Plays `playUrl` with ffmpeg as a player would, with nothing held back on
 * purpose: no input buffering (`-fflags nobuffer`), a decoder that outputs
 * each frame at once (`-flags low_delay`, one thread: frame threads hold
 * frames back), every decoded frame written as it is (`-fps_mode
 * passthrough`, no duplicates) and flushed per frame.
 */
export function startRtmpFrameReader(playUrl: string, { width = 320, height = 180, ffmpegPath = 'ffmpeg' } = {}): RtmpFrameReader {
  const frameBytes = width * height;
  const child = spawn(
    ffmpegPath,
    [
      '-hide_banner', '-nostdin', '-loglevel', 'error',
      '-fflags', 'nobuffer', '-flags', 'low_delay', '-threads', '1', '-rw_timeout', '20000000',
      '-i', playUrl,
      '-map', '0:v:0', '-vf', `scale=${width}:${height}`, '-fps_mode', 'passthrough',
      '-f', 'rawvideo', '-pix_fmt', 'gray', '-flush_packets', '1', 'pipe:1',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  let stderr = '';
  const exited = new Promise<void>((resolve) => {
    child.once('close', () => resolve());
    // A spawn that fails (no ffmpeg) may end without 'close'.
    child.once('error', (error) => {
      stderr += `\n${error.message}`;
      resolve();
    });
  });
  void exited.then(() => running.delete(child));
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });

  let pending: Buffer = Buffer.alloc(0);
  let frames: ReadFrame[] = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    const at = wallClockMs();
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length >= frameBytes) {
      frames.push({ at, code: readGrayClockCode(pending.subarray(0, frameBytes), width, height) });
      pending = pending.subarray(frameBytes);
    }
  });

  let closing: Promise<void> | null = null;
  return {
    take() {
      const taken = frames;
      frames = [];
      return taken;
    },
    errors: () => stderr.trim(),
    exited,
    close() {
      closing ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await exited;
      })();
      return closing;
    },
  };
}

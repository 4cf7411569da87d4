import { describe, expect, it } from 'vitest';
import { cpuTicks, statTicks } from '../../bench/cpu-usage.js';
import { CODE_UNITS_PER_MS, drawClockCode } from '../../bench/live-clock-code.js';
import { readGrayClockCode } from '../../bench/rtmp-clock-reader.js';

/**
 * The two readings the multistream benchmark (bench/egress.ts) turns into
 * figures: the clock code read back from gray frames in Node, and CPU ticks
 * from /proc/<pid>/stat.
 */

/** A gray frame with the publisher page's own drawClockCode painted in (a 2D context that only fills rectangles). */
function grayFrameWithCode(width: number, height: number, timeMs: number, background = 90): Uint8Array {
  const pixels = new Uint8Array(width * height).fill(background);
  let fill = 0;
  const ctx = {
    set fillStyle(style: string) {
      fill = style === '#fff' ? 235 : 16; // video range, as a decoded H.264 frame has it
    },
    fillRect(x: number, y: number, w: number, h: number) {
      for (let row = Math.round(y); row < Math.min(height, Math.round(y + h)); row++) {
        for (let col = Math.round(x); col < Math.min(width, Math.round(x + w)); col++) pixels[row * width + col] = fill;
      }
    },
  };
  drawClockCode(ctx as unknown as CanvasRenderingContext2D, width, height, timeMs);
  return pixels;
}

describe('the clock code read from gray frames (bench/rtmp-clock-reader.ts)', () => {
  it('reads what the publisher page draws, at the read-back size and at others', () => {
    const time = 1_767_225_600_123.4;
    const expected = Math.floor(time * CODE_UNITS_PER_MS) >>> 0;
    for (const [w, h] of [[320, 180], [256, 144], [1280, 720]] as const) {
      expect(readGrayClockCode(grayFrameWithCode(w, h, time), w, h)).toBe(expected);
    }
    expect(readGrayClockCode(grayFrameWithCode(320, 180, time + 0.1), 320, 180)).toBe((expected + 1) >>> 0);
  });

  it('survives encoder noise on the blocks', () => {
    const pixels = grayFrameWithCode(320, 180, 42_000.5);
    for (let i = 0; i < pixels.length; i++) pixels[i] = Math.max(0, Math.min(255, pixels[i]! + ((i * 7919) % 81) - 40));
    expect(readGrayClockCode(pixels, 320, 180)).toBe(420_005);
  });

  it('rejects a frame whose check row does not disagree with the code row, and a frame without a code', () => {
    const pixels = grayFrameWithCode(320, 180, 42_000.5);
    // Block 5 smeared: its check row painted like its code row.
    const block = 320 / 32;
    const row = 180 / 12;
    for (let y = Math.round(row); y < Math.round(2 * row); y++) {
      for (let x = 5 * block; x < 6 * block; x++) pixels[y * 320 + x] = pixels[Math.round(row / 2) * 320 + x]!;
    }
    expect(readGrayClockCode(pixels, 320, 180)).toBeNull();
    expect(readGrayClockCode(new Uint8Array(320 * 180).fill(128), 320, 180)).toBeNull();
    expect(readGrayClockCode(new Uint8Array(100), 320, 180)).toBeNull();
  });
});

describe('CPU ticks from /proc/<pid>/stat (bench/cpu-usage.ts)', () => {
  it('adds utime and stime, counting fields after the command name even when it holds ") "', () => {
    const line = '4242 (ffmpeg) x (y) S 1 4242 4242 0 -1 4194560 1234 0 0 0 731 129 0 0 20 0 5 0 99 0 0';
    expect(statTicks(line)).toBe(860);
    expect(() => statTicks('not a stat line')).toThrow(/Not a \/proc/);
  });

  it('reads this process, grows while it works, and is null for a process that is gone', () => {
    const before = cpuTicks(process.pid)!;
    const until = performance.now() + 100;
    while (performance.now() < until); // 100 ms of work: 10 ticks at CLK_TCK 100
    expect(cpuTicks(process.pid)!).toBeGreaterThan(before);
    expect(cpuTicks(2 ** 22 + 1)).toBeNull();
  });
});

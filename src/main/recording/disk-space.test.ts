import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { bytesPerSecond, DEFAULT_BYTES_PER_SECOND, diskVerdict, freeBytesAt, refuseToStart, RESERVE_BYTES, secondsLeft } from './disk-space.js';

const MB = 1024 * 1024;
const GB = 1024 * MB;

describe('disk space for recording', () => {
  it('counts every second twice (the capture, then the MP4), after a reserve', () => {
    // Nothing measured yet: the default rate.
    expect(secondsLeft({ freeBytes: RESERVE_BYTES + 2 * DEFAULT_BYTES_PER_SECOND * 600, capturedBytes: 0, elapsedMs: 0 })).toBeCloseTo(600);
    // 20 minutes at 1 MB/s so far: that rate, and the capture's own MP4 is still to come.
    const sample = { freeBytes: 3 * GB, capturedBytes: 1200 * MB, elapsedMs: 1_200_000 };
    expect(bytesPerSecond(sample)).toBe(MB);
    expect(secondsLeft(sample)).toBeCloseTo((3 * GB - RESERVE_BYTES - 1200 * MB) / (2 * MB));
  });

  it('says nothing with plenty of room, warns in minutes when low, and stops before the MP4 no longer fits', () => {
    expect(diskVerdict({ freeBytes: 200 * GB, capturedBytes: 0, elapsedMs: 0 })).toEqual({ freeBytes: 200 * GB, minutesLeft: null, warning: null, stop: false });
    const low = diskVerdict({ freeBytes: 2 * GB - MB, capturedBytes: 0, elapsedMs: 0 });
    expect(low.stop).toBe(false);
    expect(low.minutesLeft).toBe(23);
    expect(low.warning).toBe('About 23 minutes of recording left on this disk (2.0 GB free). The recording stops by itself before the disk is full.');
    const full = diskVerdict({ freeBytes: RESERVE_BYTES + 500 * MB + 40 * MB, capturedBytes: 500 * MB, elapsedMs: 500_000 });
    expect(full.stop).toBe(true);
    expect(full.warning).toMatch(/^The disk is almost full \(1\.0 GB free\): the recording stops now so that it can still be saved\.$/);
  });

  it('refuses to start with less than five minutes of room, in words a host can act on', () => {
    expect(refuseToStart(50 * GB)).toBeNull();
    expect(refuseToStart(RESERVE_BYTES + 100 * MB)).toBe(
      'Only 0.6 GB is free on the disk the recordings go to: not enough to record (an hour takes about 4 GB while it is being saved). Free some space, then press Record again.',
    );
  });

  it('measures the real disk', async () => {
    expect(await freeBytesAt(tempDir())).toBeGreaterThan(0);
  });
});

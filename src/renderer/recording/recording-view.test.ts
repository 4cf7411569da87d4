import { describe, expect, it } from 'vitest';
import { chapterLabel, formatOffset, formatSize, lengthMs, statusText, stoppedByText } from './recording-view.js';

describe('how recordings read', () => {
  it('puts chapters at mm:ss into the file', () => {
    expect(formatOffset(0)).toBe('0:00');
    expect(formatOffset(65_999)).toBe('1:05');
    expect(formatOffset(3_729_000)).toBe('1:02:09');
    expect(chapterLabel({ productId: 2, title: 'Silk scarf', variantTitle: 'Blue', atMs: 65_000, endMs: null })).toBe('Silk scarf — Blue @ 1:05');
    expect(chapterLabel({ productId: null, title: 'Tote', variantTitle: null, atMs: 4_200, endMs: 9_000 })).toBe('Tote @ 0:04');
  });

  it('says how a recording ended only when it was not a plain Stop', () => {
    expect(stoppedByText('host')).toBeNull();
    expect(stoppedByText(null)).toBeNull();
    expect(stoppedByText('crash')).toBe('Saved after the studio stopped unexpectedly (the last seconds may be missing)');
    expect(stoppedByText('disk-full')).toMatch(/disk was almost full/);
    expect(statusText({ status: 'finalizing' })).toBe('Saving…');
    expect(statusText({ status: 'failed' })).toBe('Could not be saved');
  });

  it('shows the measured length once there is one, sizes in MB and GB', () => {
    expect(lengthMs({ durationMs: null, startedAt: 1000, endedAt: null }, 61_000)).toBe(60_000);
    expect(lengthMs({ durationMs: 59_500, startedAt: 1000, endedAt: 62_000 }, 99_000)).toBe(59_500);
    expect(formatSize(3.5 * 1024 * 1024)).toBe('4 MB');
    expect(formatSize(1.25 * 1024 ** 3)).toBe('1.3 GB');
    expect(formatSize(2048)).toBe('2 KB');
  });
});

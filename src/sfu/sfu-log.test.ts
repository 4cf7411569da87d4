import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSfuLog } from './sfu-log.js';

describe('the SFU log under a flood of bad requests', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('writes a repeated line a few times, then one line saying how many more came in the minute', () => {
    vi.useFakeTimers();
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((text) => {
      written.push(String(text));
      return true;
    });
    const log = createSfuLog('info');
    for (let i = 0; i < 1_000; i++) log.warn(`viewer ${i} sent a message that is not JSON`);
    log.info('room show-1 opened');
    const floods = written.filter((l) => l.includes('sent a message that is not JSON'));
    expect(floods.length).toBeLessThan(100);
    expect(written.some((l) => l.includes('room show-1 opened'))).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(written.at(-1)).toMatch(/sfu warn: viewer # sent a message that is not JSON" repeated \d+ more times in the last minute \(not written\)\n$/);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { limitRepeatedConsoleLines } from './log-limits.js';

describe('the studio console under a flood of bad requests', () => {
  afterEach(() => vi.useRealTimers());

  it('writes a repeated warning a few times, then one summary a minute later', () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const sink = {
      log: (...args: unknown[]) => lines.push(`log ${args.join(' ')}`),
      info: (...args: unknown[]) => lines.push(`info ${args.join(' ')}`),
      warn: (...args: unknown[]) => lines.push(`warn ${args.join(' ')}`),
      error: (...args: unknown[]) => lines.push(`error ${args.join(' ')}`),
    };
    const restore = limitRepeatedConsoleLines(sink as unknown as Console, { maxRepeats: 10 });
    for (let i = 0; i < 510; i++) sink.warn(`[control] producer connection ${i} closed:`, 'Invalid WebSocket frame: invalid UTF-8 sequence');
    sink.error('Control server request failed', new Error('boom'));
    expect(lines.filter((l) => l.startsWith('warn [control]'))).toHaveLength(10);
    expect(lines.some((l) => l.startsWith('error Control server request failed Error: boom'))).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(lines.at(-1)).toBe(
      'warn … "[control] producer connection # closed: Invalid WebSocket frame: invalid UTF-# sequence" repeated 500 more times in the last minute (not written)',
    );
    restore();
    sink.warn('after');
    expect(lines.at(-1)).toBe('warn after');
  });
});

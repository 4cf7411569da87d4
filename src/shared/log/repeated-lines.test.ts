import { describe, expect, it } from 'vitest';
import { lineKind, RepeatedLineLimiter } from './repeated-lines.js';

function limiterWithClock(options: { maxRepeats?: number; maxLines?: number } = {}) {
  let now = 1_000;
  const written: string[] = [];
  const limiter = new RepeatedLineLimiter((line) => written.push(line), { ...options, windowMs: 60_000, now: () => now });
  return { limiter, written, advance: (ms: number) => (now += ms) };
}

describe('the repeated log line limit', () => {
  it('writes the first lines of a kind, then one summary saying how many more came in the minute', () => {
    const { limiter, written, advance } = limiterWithClock({ maxRepeats: 20 });
    for (let i = 0; i < 520; i++) limiter.line(`[control] producer connection ${i} closed: Invalid WebSocket frame`);
    expect(written).toHaveLength(20);
    advance(60_000);
    limiter.flush();
    expect(written).toHaveLength(21);
    expect(written[20]).toBe('… "[control] producer connection # closed: Invalid WebSocket frame" repeated 500 more times in the last minute (not written)');
    // A new minute: the line is written again.
    limiter.line('[control] producer connection 999 closed: Invalid WebSocket frame');
    expect(written).toHaveLength(22);
  });

  it('keeps other kinds of lines flowing while one kind floods', () => {
    const { limiter, written } = limiterWithClock({ maxRepeats: 5 });
    for (let i = 0; i < 100; i++) limiter.line('bad token');
    limiter.line('[chat] Could not save a message');
    expect(written.filter((l) => l === 'bad token')).toHaveLength(5);
    expect(written).toContain('[chat] Could not save a message');
  });

  it('caps lines of every kind together, so ever-changing text cannot get around the limit', () => {
    const { limiter, written, advance } = limiterWithClock({ maxRepeats: 20, maxLines: 50 });
    for (let i = 0; i < 2_000; i++) limiter.line(`unknown method "${String.fromCharCode(97 + (i % 26))}${'x'.repeat(i % 97)}"`);
    expect(written).toHaveLength(50);
    advance(60_000);
    limiter.flush();
    const summaries = written.slice(50);
    const counted = summaries.map((s) => Number(/(\d+) more/.exec(s)?.[1] ?? 0)).reduce((a, b) => a + b, 0);
    expect(counted).toBe(1_950);
  });

  it('counts lines that differ only in numbers and ids as one kind', () => {
    expect(lineKind('peer 12 from 192.168.1.20 failed')).toBe(lineKind('peer 13 from 10.0.0.7 failed'));
    expect(lineKind('import 0b6c7a8e-1f2d-4c3b-9a8e-7f6d5c4b3a21 failed')).toBe('import # failed');
    expect(lineKind('chat saved')).not.toBe(lineKind('chat lost'));
  });
});

import { describe, expect, it } from 'vitest';
import { ServerClock } from '../../shared/sfu/deal-clock.js';
import { parseDealDuration, studioDealPhase } from './deal-clock.js';

describe('studioDealPhase', () => {
  const deal = { price: '9.99', startedAt: 85_000, endsAt: 100_000, endedAt: null };

  it('runs until endsAt on the studio clock', () => {
    expect(studioDealPhase(deal, 85_000)).toEqual({ kind: 'running', price: '9.99', remainingMs: 15_000 });
    expect(studioDealPhase(deal, 99_999)).toMatchObject({ kind: 'running', remainingMs: 1 });
    expect(studioDealPhase(deal, 100_000)).toEqual({ kind: 'ended' });
  });

  it('ends when main says it ended, even before endsAt (End deal, or a new pin)', () => {
    expect(studioDealPhase({ ...deal, endedAt: 90_000 }, 91_000)).toEqual({ kind: 'ended' });
  });

  it('agrees with the studio on a console whose clock is 7 minutes behind', () => {
    // As live-context does: each pin state is a sample of main's clock at receipt (40 ms in transit here).
    const clock = new ServerClock();
    const studioStart = 1_000_000_000;
    const localAtStart = studioStart - 7 * 60_000;
    clock.sample(studioStart, localAtStart + 40);
    const running = { ...deal, startedAt: studioStart, endsAt: studioStart + 15_000 };
    const tenSecondsLater = clock.now(localAtStart + 10_000);
    const phase = studioDealPhase(running, tenSecondsLater);
    expect(phase.kind).toBe('running');
    // Within a second of the studio's 5 s left (the transit time is the error).
    expect(phase.kind === 'running' && Math.abs(phase.remainingMs - 5_000)).toBeLessThan(1000);
    expect(studioDealPhase(running, clock.now(localAtStart + 15_100)).kind).toBe('ended');
  });
});

describe('parseDealDuration', () => {
  it('reads seconds, minutes and m:ss', () => {
    expect(parseDealDuration('45')).toEqual({ ok: true, seconds: 45 });
    expect(parseDealDuration(' 45 s ')).toEqual({ ok: true, seconds: 45 });
    expect(parseDealDuration('3 min')).toEqual({ ok: true, seconds: 180 });
    expect(parseDealDuration('3m')).toEqual({ ok: true, seconds: 180 });
    expect(parseDealDuration('1:30')).toEqual({ ok: true, seconds: 90 });
    expect(parseDealDuration('30:00')).toEqual({ ok: true, seconds: 1800 });
  });

  it('keeps deals between 10 seconds and 30 minutes, with host words', () => {
    expect(parseDealDuration('9')).toEqual({ ok: false, message: 'A flash deal lasts at least 10 seconds.' });
    expect(parseDealDuration('10')).toEqual({ ok: true, seconds: 10 });
    expect(parseDealDuration('31 min')).toEqual({ ok: false, message: 'A flash deal lasts 30 minutes at most.' });
    expect(parseDealDuration('30:01')).toEqual({ ok: false, message: 'A flash deal lasts 30 minutes at most.' });
    expect(parseDealDuration('soon')).toMatchObject({ ok: false });
    expect(parseDealDuration('1:75')).toMatchObject({ ok: false });
  });
});

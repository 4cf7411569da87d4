import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AirState, PublisherInfo } from '../../shared/domain/live.js';
import { RECONNECT_GRACE_MS, ShowAir } from './show-air.js';

const host: PublisherInfo = { publisherId: 'p1', where: 'the desktop window', since: 0 };
const browser: PublisherInfo = { publisherId: 'p2', where: 'a browser at 192.168.1.20', since: 0 };

function air() {
  const heard: AirState[] = [];
  const show = new ShowAir((state) => heard.push(state), () => Date.now());
  const phases = () => heard.map((s) => s.phase);
  return { show, heard, phases, last: () => heard.at(-1)! };
}

describe('where the show stands, as every window sees it', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(10_000);
  });
  afterEach(() => vi.useRealTimers());

  it('offline → connecting → live (since the media arrived, with the viewer count) → paused by Stop → live again', () => {
    const { show, phases, last } = air();
    expect(show.state()).toEqual({ phase: 'offline', since: null, where: null, viewers: 0, now: 10_000 });
    show.setHolder(host);
    expect(last()).toMatchObject({ phase: 'connecting', since: null, where: 'the desktop window' });
    vi.advanceTimersByTime(2_000);
    show.setMedia(true, 0);
    expect(last()).toMatchObject({ phase: 'live', since: 12_000, viewers: 0 });
    show.setMedia(true, 3);
    expect(last()).toMatchObject({ phase: 'live', since: 12_000, viewers: 3 });

    // Stop: the feeds close a moment before the window lets go; nobody sees "reconnecting" for that.
    vi.advanceTimersByTime(60_000);
    show.setMedia(false, 3);
    expect(last().phase).toBe('live');
    show.setHolder(null);
    expect(last()).toMatchObject({ phase: 'paused', since: 72_000, where: 'the desktop window' });
    vi.advanceTimersByTime(RECONNECT_GRACE_MS * 2);
    expect(last().phase).toBe('paused');

    // Resume: on air again, timed from now.
    show.setHolder(host);
    show.setMedia(true, 3);
    expect(last()).toMatchObject({ phase: 'live', since: 72_000 + RECONNECT_GRACE_MS * 2 });
    expect(phases()).toEqual(['connecting', 'live', 'live', 'paused', 'connecting', 'live']);
  });

  it('End show: the holder says so before letting go, and every window hears "ended"', () => {
    const { show, last } = air();
    show.setHolder(host);
    show.setMedia(true, 2);
    vi.advanceTimersByTime(5_000);
    show.setMedia(false, 0);
    show.endingShow();
    show.setHolder(null);
    expect(last()).toMatchObject({ phase: 'ended', since: 15_000, viewers: 0 });
    // Going live again after the end starts a new run.
    show.setHolder(browser);
    expect(last()).toMatchObject({ phase: 'connecting', where: 'a browser at 192.168.1.20' });
    show.setMedia(true, 0);
    expect(last()).toMatchObject({ phase: 'live', since: 15_000 });
  });

  it('End show from a pause (the window claims just to say goodbye) ends it too', () => {
    const { show, last } = air();
    show.setHolder(host);
    show.setMedia(true, 1);
    show.setMedia(false, 1);
    show.setHolder(null);
    expect(last().phase).toBe('paused');
    vi.advanceTimersByTime(30_000);
    show.setHolder(host);
    show.endingShow();
    show.setHolder(null);
    expect(last()).toMatchObject({ phase: 'ended', since: 40_000 });
  });

  it('End show from a pause with a claim made only to end: every window sees paused, then ended — never "going live"', () => {
    const { show, phases, last } = air();
    show.setHolder(host);
    show.setMedia(true, 1);
    show.setMedia(false, 1);
    show.setHolder(null);
    expect(last()).toMatchObject({ phase: 'paused', since: 10_000 });
    vi.advanceTimersByTime(30_000);
    const before = phases().length;
    show.endingClaim(() => show.setHolder(host));
    // Nothing new for the windows: still paused since the Stop.
    expect(show.state()).toMatchObject({ phase: 'paused', since: 10_000 });
    show.endingShow();
    show.setHolder(null);
    expect(phases().slice(before)).toEqual(['ended']);
    expect(last()).toMatchObject({ phase: 'ended', since: 40_000 });
  });

  it('a claim made to end that does not end (the goodbye failed) leaves the show paused; the next ordinary claim connects', () => {
    const { show, phases, last } = air();
    show.setHolder(host);
    show.setMedia(true, 1);
    show.setMedia(false, 1);
    show.setHolder(null);
    const before = phases().length;
    // A refused claim (another window is live) leaves no flag behind.
    expect(() =>
      show.endingClaim(() => {
        throw new Error('conflict');
      }),
    ).toThrow('conflict');
    show.endingClaim(() => show.setHolder(host));
    show.setHolder(null);
    expect(phases().slice(before)).toEqual([]);
    expect(last().phase).toBe('paused');
    show.setHolder(browser);
    expect(last()).toMatchObject({ phase: 'connecting', where: 'a browser at 192.168.1.20' });
  });

  it('media lost while a window still holds the show: live through the grace, then reconnecting, then live with the same start', () => {
    const { show, last } = air();
    show.setHolder(host);
    show.setMedia(true, 4);
    vi.advanceTimersByTime(1_000);
    show.setMedia(false, 4);
    expect(last().phase).toBe('live');
    vi.advanceTimersByTime(RECONNECT_GRACE_MS);
    expect(last()).toMatchObject({ phase: 'reconnecting', since: 10_000 });
    vi.advanceTimersByTime(5_000);
    show.setMedia(true, 4);
    expect(last()).toMatchObject({ phase: 'live', since: 10_000 });
  });

  it('a take-over keeps the show on air from its first start, and names the new window', () => {
    const { show, last } = air();
    show.setHolder(host);
    show.setMedia(true, 1);
    vi.advanceTimersByTime(60_000);
    show.setHolder(browser);
    expect(last()).toMatchObject({ phase: 'live', since: 10_000, where: 'a browser at 192.168.1.20' });
  });

  it('a claim released before any media arrived is not a pause; "ending" counts for that one release only', () => {
    const { show, last, heard } = air();
    show.setHolder(host);
    show.setHolder(null);
    expect(last().phase).toBe('offline');
    show.setHolder(host);
    show.endingShow();
    // A window that claims only to say goodbye (End show from a pause) ends the show without media.
    show.setHolder(null);
    expect(last().phase).toBe('ended');
    // The next run's release is a pause again.
    show.setHolder(host);
    show.setMedia(true, 0);
    show.setMedia(false, 0);
    show.setHolder(null);
    expect(last().phase).toBe('paused');
    // Nothing changed, nothing sent.
    const count = heard.length;
    show.setHolder(null);
    show.setMedia(false, 0);
    expect(heard).toHaveLength(count);
  });
});

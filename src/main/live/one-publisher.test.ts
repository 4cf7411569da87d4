import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PublisherState } from '../../shared/domain/live.js';
import { OnePublisher, publisherWhere, STALE_CLAIM_MS } from './one-publisher.js';

const desktop = { clientId: 'ipc:window-1', where: 'the desktop window' };
const browser = { clientId: 'control:control-3', where: 'a browser at 192.168.1.20' };

function rule() {
  const heard: PublisherState[] = [];
  let n = 0;
  let now = 1_000;
  const publishers = new OnePublisher(
    (state) => heard.push(state),
    () => now,
    () => `p${++n}`,
  );
  return { publishers, heard, tick: (ms: number) => (now += ms) };
}

describe('one publisher per show (main decides)', () => {
  it('grants the first Go live and refuses a second window unless it takes over', () => {
    const { publishers, heard } = rule();
    const a = publishers.claim(desktop, false);
    expect(a.state.current).toEqual({ publisherId: a.publisherId, where: 'the desktop window', since: 1_000 });
    expect(() => publishers.claim(browser, false)).toThrow(
      expect.objectContaining({ code: 'conflict', message: 'The show is live from the desktop window. Take over to publish from here instead.' }),
    );
    // Nothing changed for anyone.
    expect(publishers.state().current?.publisherId).toBe(a.publisherId);
    expect(heard).toHaveLength(1);
  });

  it('a take-over moves the show at once and tells every window who lost it, when and to whom', () => {
    const { publishers, heard, tick } = rule();
    const a = publishers.claim(desktop, false);
    tick(60_000);
    const b = publishers.claim(browser, true);
    expect(heard.at(-1)).toEqual({
      current: { publisherId: b.publisherId, where: 'a browser at 192.168.1.20', since: 61_000 },
      lastTakeOver: { from: a.publisherId, by: 'a browser at 192.168.1.20', at: 61_000 },
    });
    // The window taken over gets no more tickets, even once B has stopped.
    expect(() => publishers.admit(desktop, a.publisherId)).toThrow(expect.objectContaining({ code: 'conflict' }));
    publishers.release(b.publisherId);
    expect(() => publishers.admit(desktop, a.publisherId)).toThrow(expect.objectContaining({ code: 'conflict' }));
    // Its stale release changes nothing.
    const c = publishers.claim(browser, false);
    publishers.release(a.publisherId);
    expect(publishers.state().current?.publisherId).toBe(c.publisherId);
  });

  it('tickets go to the holder only; a holder whose link to main reconnected keeps the show', () => {
    const { publishers } = rule();
    const a = publishers.claim(browser, false);
    expect(publishers.admit(browser, a.publisherId)).toEqual({ publisherId: a.publisherId, takeOver: false });
    // Same window, new connection to main (a browser's WebSocket came back).
    expect(publishers.admit({ ...browser, clientId: 'control:control-9' }, a.publisherId).publisherId).toBe(a.publisherId);
    // Another window without a claim is refused.
    expect(() => publishers.admit(desktop, undefined)).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(() => publishers.admit(desktop, 'made-up')).toThrow(expect.objectContaining({ code: 'conflict' }));
  });

  it('a holder whose connection closed lets go of the show; the same window may re-attach, a taken-over one may not', () => {
    const { publishers, heard } = rule();
    const a = publishers.claim(browser, false);
    publishers.clientGone('control:someone-else');
    expect(publishers.state().current?.publisherId).toBe(a.publisherId);
    publishers.clientGone(browser.clientId);
    expect(heard.at(-1)?.current).toBeNull();
    // Another window may go live without taking over now.
    const b = publishers.claim(desktop, false);
    publishers.release(b.publisherId);
    // The browser came back (its link to main had dropped): its next ticket re-attaches it.
    expect(publishers.admit({ ...browser, clientId: 'control:control-4' }, a.publisherId).publisherId).toBe(a.publisherId);
    expect(publishers.state().current).toMatchObject({ publisherId: a.publisherId, where: browser.where });
  });

  it('a claim taken by taking over asks the SFU to take over too (another studio may be live there)', () => {
    const { publishers } = rule();
    publishers.claim(desktop, false);
    const b = publishers.claim(browser, true);
    expect(publishers.admit(browser, b.publisherId)).toEqual({ publisherId: b.publisherId, takeOver: true });
  });

  it('names where a window runs in host words', () => {
    expect(publisherWhere('ipc', undefined)).toBe('the desktop window');
    expect(publisherWhere('control', '::ffff:192.168.1.20')).toBe('a browser at 192.168.1.20');
    expect(publisherWhere('control', '127.0.0.1')).toBe('a browser on this computer');
    expect(publisherWhere('control', undefined)).toBe('a browser');
  });
});

describe('a claim that never reaches the air lapses', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('off air for the grace period: nobody holds the show, and another window may go live without taking over', () => {
    const heard: PublisherState[] = [];
    const publishers = new OnePublisher((state) => heard.push(state), Date.now, () => `p${heard.length}`, STALE_CLAIM_MS);
    publishers.claim(desktop, false);
    vi.advanceTimersByTime(STALE_CLAIM_MS - 1);
    expect(publishers.state().current?.where).toBe('the desktop window');
    vi.advanceTimersByTime(1);
    expect(heard.at(-1)).toEqual({ current: null, lastTakeOver: null });
    expect(publishers.claim(browser, false).state.current?.where).toBe('a browser at 192.168.1.20');
    publishers.dispose();
  });

  it('on air it holds however long the show runs; off air again, it lapses after the full grace period', () => {
    const publishers = new OnePublisher(() => {}, Date.now, () => 'p1', STALE_CLAIM_MS);
    const a = publishers.claim(desktop, false);
    publishers.airState(true);
    vi.advanceTimersByTime(10 * STALE_CLAIM_MS);
    expect(() => publishers.claim(browser, false)).toThrow(expect.objectContaining({ code: 'conflict' }));
    publishers.airState(false);
    vi.advanceTimersByTime(STALE_CLAIM_MS - 1);
    expect(publishers.state().current?.publisherId).toBe(a.publisherId);
    vi.advanceTimersByTime(1);
    expect(publishers.state().current).toBeNull();
    // The window that held it comes back (its link reconnected): it re-attaches with its id.
    expect(publishers.admit(desktop, a.publisherId)).toEqual({ publisherId: a.publisherId, takeOver: false });
    publishers.dispose();
  });

  it('a take-over gives the new holder a full grace period of its own', () => {
    const publishers = new OnePublisher(() => {}, Date.now, (() => { let n = 0; return () => `p${++n}`; })(), STALE_CLAIM_MS);
    publishers.claim(desktop, false);
    vi.advanceTimersByTime(STALE_CLAIM_MS - 10);
    const b = publishers.claim(browser, true);
    vi.advanceTimersByTime(STALE_CLAIM_MS - 1);
    expect(publishers.state().current?.publisherId).toBe(b.publisherId);
    vi.advanceTimersByTime(1);
    expect(publishers.state().current).toBeNull();
  });
});

import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_GUESTS_PER_SHOW } from '../shared/sfu/protocol-guests.js';
import { GUEST_RECONNECT_GRACE_MS, RoomGuests, type GuestMember } from './room-guests.js';

/**
 * A guest whose page dropped keeps its place for a minute (a reload returns
 * it to its slot), then is forgotten. Timers are faked; no media is needed
 * (the media side is in guest-control.test.ts).
 */

function member(): GuestMember & { frames: string[]; removed: string[] } {
  const frames: string[] = [];
  const removed: string[] = [];
  return {
    frames,
    removed,
    sendFrame: (frame) => frames.push(frame),
    removedAsGuest: (reason) => removed.push(reason),
    mustRejoin: () => undefined,
    keepConsumersOf: () => undefined,
  };
}

function invite(inviteId: string) {
  const token = crypto.randomBytes(32).toString('base64url');
  const tokenHash = crypto.createHash('sha256').update(token).digest('hex');
  return { token, entry: { inviteId, tokenHash, label: inviteId, expiresAt: null, singleUse: false } };
}

describe('a guest whose page dropped', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('stays listed and on air for a minute, returns to its slot on reload, and is forgotten after', async () => {
    const hostFrames: string[] = [];
    const guests = new RoomGuests({ hostProducerOf: () => undefined, live: () => true, pushToHosts: (f) => hostFrames.push(f) });
    const a = invite('inv-a');
    const b = invite('inv-b');
    guests.setInvites([a.entry, b.entry], Date.now());
    const pageA = member();
    const viewA = guests.admit(pageA, a.token, 'key-aaaaaaaaaaaaaaaa', 'Ana');
    const viewB = guests.admit(member(), b.token, 'key-bbbbbbbbbbbbbbbb', 'Ben');
    await guests.control(viewA.guestId, 'onAir');
    await guests.control(viewB.guestId, 'onAir');

    expect(guests.disconnect(pageA)).toBe(true);
    expect(guests.hostView().guests.find((g) => g.guestId === viewA.guestId)).toMatchObject({ connected: false, onAir: true });
    expect(guests.connectionCount).toBe(1);

    vi.advanceTimersByTime(GUEST_RECONNECT_GRACE_MS - 1000);
    const reload = guests.admit(member(), a.token, 'key-aaaaaaaaaaaaaaaa', 'Ana');
    expect(reload).toMatchObject({ guestId: viewA.guestId, onAir: true });
    expect(guests.hostView().onAirOrder).toEqual([viewA.guestId, viewB.guestId]);
    // The grace timer of the first drop was stopped by the reload.
    vi.advanceTimersByTime(GUEST_RECONNECT_GRACE_MS);
    expect(guests.hostView().guests).toHaveLength(2);

    // Dropped again and not back within the minute: forgotten, its slot freed.
    const [reloaded] = guests.members().filter((m) => m !== pageA && guests.guestOf(m)?.guestId === viewA.guestId);
    guests.disconnect(reloaded!);
    vi.advanceTimersByTime(GUEST_RECONNECT_GRACE_MS);
    expect(guests.hostView()).toEqual({ guests: [expect.objectContaining({ guestId: viewB.guestId })], onAirOrder: [viewB.guestId] });
    expect(JSON.parse(hostFrames.at(-1)!)).toMatchObject({ type: 'guests', onAirOrder: [viewB.guestId] });
    // A forgotten guest coming back later starts backstage.
    expect(guests.admit(member(), a.token, 'key-aaaaaaaaaaaaaaaa', 'Ana')).toMatchObject({ guestId: viewA.guestId, onAir: false });
  });
});

describe('guests per show', () => {
  it(`admits ${MAX_GUESTS_PER_SHOW} guests and tells the next one the show is full`, () => {
    const guests = new RoomGuests({ hostProducerOf: () => undefined, live: () => false, pushToHosts: () => undefined });
    const invites = Array.from({ length: MAX_GUESTS_PER_SHOW + 1 }, (_, i) => invite(`inv-${i}`));
    guests.setInvites(
      invites.map((i) => i.entry),
      Date.now(),
    );
    for (const [i, inv] of invites.slice(0, MAX_GUESTS_PER_SHOW).entries()) guests.admit(member(), inv.token, `key-${i}-aaaaaaaaaaaaaa`, `Guest ${i}`);
    expect(() => guests.admit(member(), invites.at(-1)!.token, 'key-last-aaaaaaaaaaaa', 'Late')).toThrow(
      expect.objectContaining({ code: 'conflict', message: expect.stringContaining('Ask the host to make room') }),
    );
  });
});

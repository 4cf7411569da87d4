import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GUEST_RECONNECT_GRACE_MS, MAX_GUESTS_PER_REUSABLE_INVITE, RoomGuests, type GuestMember } from './room-guests.js';

/**
 * How long a guest stays (timers faked, no media): an invite that expires
 * keeps the guests it let in; a removed guest stays out while the others on
 * the same link stay; `leave` and a backstage drop forget at once; one
 * reusable link brings at most a few guests.
 */

function member(): GuestMember & { removed: string[] } {
  const removed: string[] = [];
  return { removed, sendFrame: () => undefined, removedAsGuest: (r) => removed.push(r), mustRejoin: () => undefined, keepConsumersOf: () => undefined };
}

function invite(inviteId: string, expiresAt: number | null = null) {
  const token = crypto.randomBytes(32).toString('base64url');
  const tokenHash = crypto.createHash('sha256').update(token).digest('hex');
  return { token, entry: { inviteId, tokenHash, label: inviteId, expiresAt, singleUse: false } };
}

const room = () => new RoomGuests({ hostProducerOf: () => undefined, live: () => true, pushToHosts: () => undefined });
const key = (n: number) => `key-${n}-aaaaaaaaaaaaaaaaaa`;

describe('a guest and their invite', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('stays on air when the invite expires, may reconnect to it, and the expired link admits no one new', async () => {
    const guests = room();
    const inv = invite('inv-hour', Date.now() + 60_000);
    guests.setInvites([inv.entry], Date.now());
    const page = member();
    const view = guests.admit(page, inv.token, key(1), 'Ana');
    await guests.control(view.guestId, 'onAir');
    vi.advanceTimersByTime(120_000);
    // The studio re-sends its list when the invite expires: the expired invite is still on it.
    expect(guests.setInvites([inv.entry], Date.now())).toEqual({ active: 1 });
    expect(page.removed).toEqual([]);
    expect(guests.hostView().onAirOrder).toEqual([view.guestId]);
    guests.disconnect(page);
    expect(guests.admit(member(), inv.token, key(1), 'Ana')).toMatchObject({ guestId: view.guestId, onAir: true });
    expect(() => guests.admit(member(), inv.token, key(2), 'Late')).toThrow(expect.objectContaining({ code: 'forbidden', message: expect.stringContaining('expired') }));
    // Revoking it is what ends it.
    guests.setInvites([], Date.now());
    expect(guests.hostView().guests).toEqual([]);
  });

  it('removing one guest of a reusable link keeps the others, and the removed one is refused on rejoin', async () => {
    const guests = room();
    const inv = invite('inv-shared');
    guests.setInvites([inv.entry], Date.now());
    const pageA = member();
    const pageB = member();
    const a = guests.admit(pageA, inv.token, key(1), 'Ana');
    const b = guests.admit(pageB, inv.token, key(2), 'Ben');
    expect(await guests.control(a.guestId, 'remove')).toBeNull();
    expect(pageA.removed).toEqual(['The host removed you from the show.']);
    expect(pageB.removed).toEqual([]);
    expect(guests.hostView().guests.map((g) => g.guestId)).toEqual([b.guestId]);
    expect(() => guests.admit(member(), inv.token, key(1), 'Ana')).toThrow(
      expect.objectContaining({ code: 'forbidden', message: 'The host removed you from the show.' }),
    );
    expect(guests.admit(member(), inv.token, key(3), 'Cleo').name).toBe('Cleo');
  });

  it('forgets a guest on air who left at once, and a backstage guest as soon as its page drops', async () => {
    const guests = room();
    const inv = invite('inv-x');
    guests.setInvites([inv.entry], Date.now());
    const onAirPage = member();
    const onAir = guests.admit(onAirPage, inv.token, key(1), 'Ana');
    await guests.control(onAir.guestId, 'onAir');
    const backstagePage = member();
    guests.admit(backstagePage, inv.token, key(2), 'Ben');
    expect(guests.disconnect(backstagePage)).toBe(true);
    expect(guests.hostView().guests.map((g) => g.name)).toEqual(['Ana']);
    guests.disconnect(onAirPage, true);
    expect(guests.hostView()).toEqual({ guests: [], onAirOrder: [] });
    vi.advanceTimersByTime(GUEST_RECONNECT_GRACE_MS);
    expect(guests.connectionCount).toBe(0);
  });

  it(`lets one reusable link bring ${MAX_GUESTS_PER_REUSABLE_INVITE} guests at once, not more`, () => {
    const guests = room();
    const inv = invite('inv-many');
    const other = invite('inv-other');
    guests.setInvites([inv.entry, other.entry], Date.now());
    for (let n = 0; n < MAX_GUESTS_PER_REUSABLE_INVITE; n++) guests.admit(member(), inv.token, key(n), `Guest ${n}`);
    expect(() => guests.admit(member(), inv.token, key(99), 'One more')).toThrow(
      expect.objectContaining({ code: 'conflict', message: expect.stringContaining('Ask the host for a link of your own') }),
    );
    expect(guests.admit(member(), other.token, key(99), 'Own link').name).toBe('Own link');
  });
});

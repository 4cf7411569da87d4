/**
 * The guests service on a real SQLite file. The SFU side is an in-test
 * stand-in for main's GuestLink (what it was told, what it answers); the
 * link against a real SFU is src/main/sfu-link/guest-link.test.ts.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import type { GuestsState } from '../../shared/domain/guests.js';
import type { GuestControlAction, GuestInviteEntry, GuestPeer } from '../../shared/sfu/protocol-guests.js';
import { SignalRequestError } from '../../shared/sfu/signal-requests.js';
import { openDatabase, type StudioDatabase } from '../db/open-database.js';
import { StudioEventBus } from '../events/event-bus.js';
import type { SfuGuests } from '../sfu-link/guest-link.js';
import { GuestService, type GuestLinkPort } from './guest-service.js';

class LinkStandIn implements GuestLinkPort {
  up = true;
  lists: (readonly GuestInviteEntry[])[] = [];
  sent: { guestId: string; action: GuestControlAction }[] = [];
  peers: SfuGuests = { guests: [], onAirOrder: [] };
  refuse: SignalRequestError | null = null;
  connected = () => this.up;
  guests = () => this.peers;
  setInvites(invites: readonly GuestInviteEntry[]): void {
    this.lists.push(invites);
  }
  async control(guestId: string, action: GuestControlAction): Promise<GuestPeer | null> {
    if (this.refuse) throw this.refuse;
    this.sent.push({ guestId, action });
    return null;
  }
  async mintPreviewToken(ttlSeconds: number): Promise<{ token: string; expiresAt: number }> {
    if (this.refuse) throw this.refuse;
    return { token: `preview-${ttlSeconds}`, expiresAt: 1000 * ttlSeconds };
  }
  get last(): readonly GuestInviteEntry[] {
    return this.lists.at(-1) ?? [];
  }
}

const peer = (guestId: string, inviteId: string, onAir = false): GuestPeer => ({
  guestId, inviteId, name: `Guest ${guestId}`, onAir, audioMuted: false, videoHidden: false, connected: true, producers: [], joinedAt: 1,
});

const dbs: StudioDatabase[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const db of dbs.splice(0)) db.close();
});

function world(file = path.join(tempDir(), 'guests.sqlite')) {
  const db = openDatabase(file);
  dbs.push(db);
  let active: number | null = null;
  const link = new LinkStandIn();
  const events = new StudioEventBus();
  const emitted: GuestsState[] = [];
  events.on('guestsChanged', (state) => emitted.push(state));
  const service = new GuestService({
    db, events, link,
    activeShowId: () => active,
    joinAddress: () => ({ base: 'http://127.0.0.1:4100', room: 'shop-7k2m9q' }),
    signalUrl: () => 'ws://127.0.0.1:4100/signal',
  });
  const newShow = (name: string) => Number(db.prepare('INSERT INTO shows (name, created_at) VALUES (?, 0)').run(name).lastInsertRowid);
  return { db, file, link, service, emitted, newShow, open: (id: number | null) => (active = id) };
}

const tokenOf = (url: string) => /#invite=([A-Za-z0-9_-]+)$/.exec(url)?.[1] ?? '';

describe('GuestService', () => {
  it('asks for an open show before making an invite', () => {
    const { service } = world();
    expect(() => service.createInvite({ label: '', singleUse: true, expiry: '24h' })).toThrow('Open a show to invite guests');
  });

  it('makes a link with a random 32-byte token, kept for the host to copy again, and tells the SFU only its hash', () => {
    const w = world();
    w.open(w.newShow('Spring sale'));
    const before = Date.now();
    const state = w.service.createInvite({ label: 'Dana from Acme', singleUse: true, expiry: '1h' });
    const [invite] = state.invites;
    expect(invite).toMatchObject({ label: 'Dana from Acme', singleUse: true, used: false, status: 'active' });
    expect(invite!.url).toMatch(/^http:\/\/127\.0\.0\.1:4100\/guest\/shop-7k2m9q#invite=[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(tokenOf(invite!.url), 'base64url')).toHaveLength(32);
    expect(invite!.expiresAt! - before).toBeGreaterThanOrEqual(3_600_000);
    expect(w.link.last).toEqual([
      { inviteId: invite!.id, tokenHash: crypto.createHash('sha256').update(tokenOf(invite!.url)).digest('hex'), label: 'Dana from Acme', expiresAt: invite!.expiresAt, singleUse: true },
    ]);
    expect(JSON.stringify(w.link.last)).not.toContain(tokenOf(invite!.url));
    expect(w.emitted.at(-1)).toEqual(state);

    const second = w.service.createInvite({ label: '', singleUse: false, expiry: 'never' });
    expect(tokenOf(second.invites[0]!.url)).not.toBe(tokenOf(invite!.url));
    expect(second.invites[0]).toMatchObject({ expiresAt: null, singleUse: false });
    // After a restart the same links, and the SFU hears the same list again.
    const again = world(w.file);
    again.open(w.service.state().showId);
    expect(again.service.invitesChanged().invites.map((i) => i.url)).toEqual(second.invites.map((i) => i.url));
    expect(again.link.last).toHaveLength(2);
  });

  it('revoking takes the invite out of the SFU\'s list; another show\'s invites are never listed', () => {
    const w = world();
    const spring = w.newShow('Spring');
    const summer = w.newShow('Summer');
    w.open(spring);
    const { invites } = w.service.createInvite({ label: 'A', singleUse: true, expiry: '24h' });
    w.service.createInvite({ label: 'B', singleUse: true, expiry: '24h' });
    const state = w.service.revokeInvite(invites[0]!.id);
    expect(state.invites.map((i) => [i.label, i.status])).toEqual([['B', 'active'], ['A', 'revoked']]);
    expect(w.link.last.map((e) => e.label)).toEqual(['B']);
    w.open(summer);
    w.service.showChanged();
    expect(w.link.last).toEqual([]);
    expect(w.service.state().invites).toEqual([]);
    expect(() => w.service.revokeInvite(invites[1]?.id ?? 'nope')).toThrow(/not in the open show/);
  });

  it('an unused invite that expires leaves the SFU\'s list when it does; a used one stays listed so its guest stays on', () => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    const w = world();
    w.open(w.newShow('Spring'));
    const [used] = w.service.createInvite({ label: 'used', singleUse: true, expiry: '1h' }).invites;
    w.service.createInvite({ label: 'soon', singleUse: true, expiry: '1h' });
    w.service.createInvite({ label: 'later', singleUse: true, expiry: '7d' });
    expect(w.link.last.map((e) => e.label)).toEqual(['later', 'soon', 'used']);
    w.link.peers = { guests: [peer('guest-aaaaaaaa', used!.id, true)], onAirOrder: ['guest-aaaaaaaa'] };
    w.service.linkChanged();
    vi.advanceTimersByTime(3_600_001);
    expect(w.link.last.map((e) => e.label)).toEqual(['later', 'used']);
    expect(w.emitted.at(-1)!.invites.map((i) => [i.label, i.status])).toEqual([['later', 'active'], ['soon', 'expired'], ['used', 'expired']]);
    w.service.close();
  });

  it('refuses more than 50 live invites per show', () => {
    const w = world();
    w.open(w.newShow('Spring'));
    for (let i = 0; i < 50; i++) w.service.createInvite({ label: `${i}`, singleUse: true, expiry: '24h' });
    expect(() => w.service.createInvite({ label: 'one more', singleUse: true, expiry: '24h' })).toThrow(/50 live invite links already/);
  });

  it('shows the SFU\'s guests with their invite\'s label and slot, and marks the invite used', () => {
    const w = world();
    w.open(w.newShow('Spring'));
    const [a] = w.service.createInvite({ label: 'Dana from Acme', singleUse: true, expiry: '24h' }).invites;
    w.link.peers = { guests: [peer('guest-aaaaaaaa', a!.id, true)], onAirOrder: ['guest-aaaaaaaa'] };
    w.service.linkChanged();
    const state = w.emitted.at(-1)!;
    expect(state.guests).toEqual([expect.objectContaining({ guestId: 'guest-aaaaaaaa', name: 'Guest guest-aaaaaaaa', label: 'Dana from Acme', onAir: true, slot: 0 })]);
    expect(state.invites[0]!.used).toBe(true);
    expect(state.sfuConnected).toBe(true);
  });

  it('brings guests on air up to three, in the host\'s words when the SFU refuses, and says when the SFU is away', async () => {
    const w = world();
    w.open(w.newShow('Spring'));
    const [a] = w.service.createInvite({ label: '', singleUse: false, expiry: '24h' }).invites;
    const ids = ['g1xxxxxxxx', 'g2xxxxxxxx', 'g3xxxxxxxx', 'g4xxxxxxxx'];
    w.link.peers = { guests: ids.map((id, n) => peer(id, a!.id, n < 3)), onAirOrder: ids.slice(0, 3) };
    await expect(w.service.control('g4xxxxxxxx', 'onAir')).rejects.toThrow('3 guests are on air already. Bring one back to backstage first.');
    await w.service.control('g1xxxxxxxx', 'backstage');
    w.link.peers = { guests: ids.map((id, n) => peer(id, a!.id, n === 1 || n === 2)), onAirOrder: ids.slice(1, 3) };
    w.link.refuse = new SignalRequestError('conflict', 'three on air');
    await expect(w.service.control('g4xxxxxxxx', 'onAir')).rejects.toThrow('3 guests are on air already');
    w.link.refuse = null;
    await w.service.control('g4xxxxxxxx', 'mute');
    expect(w.link.sent).toEqual([{ guestId: 'g1xxxxxxxx', action: 'backstage' }, { guestId: 'g4xxxxxxxx', action: 'mute' }]);
    await expect(w.service.control('nobody-here', 'mute')).rejects.toThrow('That guest has left the show.');
    w.link.up = false;
    await expect(w.service.control('g4xxxxxxxx', 'unmute')).rejects.toThrow("The SFU is not connected: guests can't join right now");
  });

  it('removing a guest of a reusable link keeps the link open for the others', async () => {
    const w = world();
    w.open(w.newShow('Spring'));
    const [shared] = w.service.createInvite({ label: 'Team', singleUse: false, expiry: '24h' }).invites;
    w.link.peers = { guests: [peer('guest-aaaaaaaa', shared!.id), peer('guest-bbbbbbbb', shared!.id)], onAirOrder: [] };
    const state = await w.service.control('guest-aaaaaaaa', 'remove');
    expect(w.link.sent).toEqual([{ guestId: 'guest-aaaaaaaa', action: 'remove' }]);
    expect(state.invites[0]!.status).toBe('active');
    expect(w.link.last.map((e) => e.inviteId)).toEqual([shared!.id]);
  });

  it('a single-use link is revoked on the SFU even when sending the removal fails', async () => {
    const w = world();
    w.open(w.newShow('Spring'));
    const [mine] = w.service.createInvite({ label: 'A', singleUse: true, expiry: '24h' }).invites;
    w.link.peers = { guests: [peer('guest-aaaaaaaa', mine!.id)], onAirOrder: [] };
    w.link.refuse = new SignalRequestError('timeout', 'no answer');
    await expect(w.service.control('guest-aaaaaaaa', 'remove')).rejects.toThrow("The SFU is not connected");
    expect(w.link.last).toEqual([]);
    expect(w.emitted.at(-1)!.invites[0]!.status).toBe('revoked');
  });

  it('removing a guest of a single-use link also revokes it, even while the SFU is away', async () => {
    const w = world();
    w.open(w.newShow('Spring'));
    const [newestB, olderA] = [w.service.createInvite({ label: 'A', singleUse: true, expiry: '24h' }), w.service.createInvite({ label: 'B', singleUse: true, expiry: '24h' })].at(-1)!.invites;
    w.link.peers = { guests: [peer('guest-aaaaaaaa', olderA!.id), peer('guest-bbbbbbbb', newestB!.id)], onAirOrder: [] };
    const state = await w.service.control('guest-aaaaaaaa', 'remove');
    expect(w.link.sent).toEqual([{ guestId: 'guest-aaaaaaaa', action: 'remove' }]);
    expect(state.invites.find((i) => i.id === olderA!.id)!.status).toBe('revoked');
    expect(w.link.last.map((e) => e.inviteId)).toEqual([newestB!.id]);
    w.link.up = false;
    await w.service.control('guest-bbbbbbbb', 'remove');
    expect(w.link.last).toEqual([]);
    expect(w.link.sent).toHaveLength(1);
  });
});

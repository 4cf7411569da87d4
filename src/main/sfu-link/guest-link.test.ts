/**
 * The guests' part of main's link against a real SFU (real mediasoup worker,
 * real sockets), with guests speaking the protocol as the guest page does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SignalCloseCode } from '../../shared/sfu/protocol-constants.js';
import { startSfuServer, type SfuServer } from '../../sfu/index.js';
import { joinAsGuest, makeGuestInvite, produceGuestMedia, type TestSignalClient } from '../../../tests/harness/signal-client.js';
import { GuestLink } from './guest-link.js';
import { SfuLink } from './sfu-link.js';

const TOKEN = 'guest-link-test-token';
const ROOM = 'guest-night';
const servers: SfuServer[] = [];
const links: SfuLink[] = [];
const clients: TestSignalClient[] = [];

afterEach(async () => {
  for (const link of links.splice(0)) link.close();
  for (const client of clients.splice(0)) client.close();
  for (const server of servers.splice(0)) await server.close();
});

async function sfu(port = 0): Promise<SfuServer> {
  const server = await startSfuServer({ port, workers: 1, logLevel: 'silent', defaultHostToken: TOKEN });
  servers.push(server);
  return server;
}

/** As LiveService makes it: joined with `confirmsChat`, the studio's own link (only it may list invites). */
function studioLink(server: SfuServer): { link: SfuLink; guests: GuestLink; logged: string[] } {
  const logged: string[] = [];
  const guests = new GuestLink((message) => logged.push(message));
  const link = new SfuLink({ signalUrl: server.signalUrl, room: ROOM, hostToken: TOKEN, onChange: () => {}, backoff: { initialMs: 50, maxMs: 200 }, confirmsChat: true, extensions: [guests] });
  links.push(link);
  return { link, guests, logged };
}

async function guest(server: SfuServer, token: string, name = 'Dana') {
  const joined = await joinAsGuest(server, ROOM, token, { name });
  clients.push(joined.client);
  return joined;
}

async function until(check: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('GuestLink on main\'s SFU link', () => {
  it('lists the invites once joined; a guest who comes in with one is reported, brought on air, and removed', async () => {
    const server = await sfu();
    const { link, guests, logged } = studioLink(server);
    const dana = makeGuestInvite('inv-dana', { singleUse: true });
    // Set before the link joined: sent as soon as it does.
    guests.setInvites([dana.entry]);
    await until(() => link.status().state === 'connected' && guests.invitesListed(), 'joined, invites listed');
    const { client, reply } = await guest(server, dana.token);
    expect(reply.guest).toMatchObject({ name: 'Dana', onAir: false });
    await until(() => guests.guests().guests.length === 1, 'the guest in a guests push');
    const [peer] = guests.guests().guests;
    expect(peer).toMatchObject({ inviteId: 'inv-dana', name: 'Dana', onAir: false, connected: true });

    await produceGuestMedia(client);
    await until(() => guests.guests().guests[0]!.producers.length === 2, 'the guest\'s feeds listed');
    await guests.control(peer!.guestId, 'onAir');
    await until(() => guests.guests().onAirOrder[0] === peer!.guestId, 'on air');
    await guests.control(peer!.guestId, 'mute');
    await until(() => guests.guests().guests[0]!.audioMuted, 'muted');

    await guests.control(peer!.guestId, 'remove');
    expect((await client.closed).code).toBe(SignalCloseCode.guestRemoved);
    await until(() => guests.guests().guests.length === 0, 'gone from the list');
    expect(logged).toEqual([]);
  });

  it('a guest whose invite leaves the list is let go, and a listed invite admits again after the SFU restarts', async () => {
    const first = await sfu();
    const { link, guests } = studioLink(first);
    const dana = makeGuestInvite('inv-dana');
    const sam = makeGuestInvite('inv-sam');
    guests.setInvites([dana.entry, sam.entry]);
    await until(() => guests.invitesListed(), 'joined, invites listed');
    const danaJoined = await guest(first, dana.token, 'Dana');
    await guest(first, sam.token, 'Sam');
    await until(() => guests.guests().guests.length === 2, 'two guests');

    // Revoked (or expired): the next list leaves it out, and the SFU closes that guest's connection.
    guests.setInvites([sam.entry]);
    expect(guests.invitesListed()).toBe(false);
    await danaJoined.client.closed;
    await until(() => guests.invitesListed(), 'the shorter list accepted');
    await expect(guest(first, dana.token, 'Dana again')).rejects.toThrow('This invite link has expired or was withdrawn');

    // A new SFU on the same address knows no invites: the link sends the list again when it rejoins.
    const port = first.port;
    await first.close();
    servers.splice(servers.indexOf(first), 1);
    await until(() => !guests.connected(), 'the link noticed');
    expect(guests.guests().guests).toEqual([]);
    const second = await sfu(port);
    await until(() => link.status().state === 'connected' && guests.invitesListed(), 'rejoined, invites listed again');
    await until(() => guests.guests().guests.length === 0, 'a fresh room');
    const samAgain = await guest(second, sam.token, 'Sam');
    expect(samAgain.reply.guest).toMatchObject({ name: 'Sam' });
    await until(() => guests.guests().guests.some((g) => g.name === 'Sam'), 'Sam reported by the new SFU');
    await expect(guest(second, dana.token, 'Dana')).rejects.toThrow('This invite link has expired or was withdrawn');
  });

  it('refuses controls while the link is away, in words the service turns into the host\'s', async () => {
    const guests = new GuestLink();
    await expect(guests.control('guest-aaaaaaaa', 'onAir')).rejects.toMatchObject({ code: 'disconnected' });
  });
});

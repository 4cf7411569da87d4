import { describe, expect, it } from 'vitest';
import { contract, events, type EventName, type MethodName } from './index.js';
import { channelAccess, eventAccess, mayCall, receivesEvent, ROLES } from './roles.js';

const strict = { producersMayGoLive: false };
const trusting = { producersMayGoLive: true };

describe('the roles table', () => {
  it('has an entry for every channel of the contract and nothing else', () => {
    const missing = (Object.keys(contract) as MethodName[]).filter((name) => !channelAccess[name]);
    expect(missing, 'channels without a role entry in src/shared/api/contract/roles.ts').toEqual([]);
    expect(Object.keys(channelAccess).filter((name) => !(name in contract))).toEqual([]);
  });

  it('has an entry for every event and nothing else', () => {
    const missing = (Object.keys(events) as EventName[]).filter((name) => !eventAccess[name]);
    expect(missing, 'events without a role entry in src/shared/api/contract/roles.ts').toEqual([]);
    expect(Object.keys(eventAccess).filter((name) => !(name in events))).toEqual([]);
  });

  it('lets the host call everything', () => {
    for (const name of Object.keys(contract) as MethodName[]) expect(mayCall('host', name, strict)).toEqual({ ok: true });
  });

  it('lets a moderator run the chat and nothing that changes the show', () => {
    expect(mayCall('moderator', 'approveMessage', strict).ok).toBe(true);
    expect(mayCall('moderator', 'banViewer', strict).ok).toBe(true);
    expect(mayCall('moderator', 'pinProduct', strict).ok).toBe(false);
    expect(mayCall('moderator', 'getPublishTicket', trusting)).toEqual({ ok: false, message: "Your moderator link can't go live." });
    expect(mayCall('moderator', 'updateSettings', strict)).toEqual({ ok: false, message: "Your moderator link can't change settings." });
  });

  it('lets a producer run the show, go live only when the host allows it, and never change settings or see the links', () => {
    expect(mayCall('producer', 'pinProduct', strict).ok).toBe(true);
    expect(mayCall('producer', 'saveScene', strict).ok).toBe(true);
    expect(mayCall('producer', 'startDeal', strict).ok).toBe(true);
    expect(mayCall('producer', 'approveMessage', strict).ok).toBe(true);
    expect(mayCall('producer', 'getPublishTicket', strict)).toMatchObject({ ok: false, message: expect.stringContaining("can't go live") });
    expect(mayCall('producer', 'getPublishTicket', trusting).ok).toBe(true);
    for (const name of ['updateSettings', 'getControlServerStatus', 'regenerateControlToken', 'startImport'] as const) {
      expect(mayCall('producer', name, trusting).ok, name).toBe(false);
    }
  });

  it('sends the team links only to the host, and chat to everyone', () => {
    for (const role of ROLES) expect(receivesEvent(role, 'chatMessages', strict)).toBe(true);
    expect(ROLES.filter((role) => receivesEvent(role, 'controlServerChanged', trusting))).toEqual(['host']);
    expect(receivesEvent('moderator', 'scenesChanged', strict)).toBe(false);
  });

  it('shows a producer where the multistream destinations stand, never their addresses or keys, and lets only the host start or stop them', () => {
    expect(mayCall('producer', 'getEgress', strict).ok).toBe(true);
    expect(mayCall('moderator', 'getEgress', trusting).ok).toBe(false);
    for (const name of ['listDestinations', 'createDestination', 'updateDestination', 'deleteDestination', 'startDestination', 'stopDestination', 'reconnectDestination'] as const) {
      expect(mayCall('producer', name, trusting).ok, name).toBe(false);
    }
    expect(mayCall('producer', 'stopDestination', trusting)).toEqual({ ok: false, message: "Your producer link can't start or stop multistream destinations." });
    expect(ROLES.filter((role) => receivesEvent(role, 'destinationsChanged', trusting))).toEqual(['host']);
    expect(ROLES.filter((role) => receivesEvent(role, 'egressChanged', trusting))).toEqual(['host', 'producer']);
  });

  it('keeps guests and their invite links to the host: a producer or moderator can neither invite nor bring guests on air', () => {
    for (const name of ['getGuests', 'createGuestInvite', 'revokeGuestInvite', 'controlGuest'] as const) {
      expect(mayCall('host', name, strict).ok, name).toBe(true);
      expect(mayCall('producer', name, trusting).ok, name).toBe(false);
      expect(mayCall('moderator', name, trusting).ok, name).toBe(false);
    }
    expect(mayCall('producer', 'controlGuest', trusting)).toEqual({ ok: false, message: "Your producer link can't invite guests or bring them on air." });
    expect(ROLES.filter((role) => receivesEvent(role, 'guestsChanged', trusting))).toEqual(['host']);
    // Guest slots in scenes stay the producer's: scenes are the show's running.
    expect(mayCall('producer', 'saveScene', strict).ok).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { HostTokens } from './host-tokens.js';
import { PeerSession } from './peer-session.js';
import { RoomRegistry } from './room-registry.js';
import { createSfuLog } from './sfu-log.js';
import { ViewerIds } from './viewer-ids.js';
import type { WorkerPool } from './worker-pool.js';

/**
 * A viewer's join never creates a show: only a host's does. No worker is
 * needed to see that (nothing here opens a router; the real-server side is
 * in room-state.test.ts and e2e/sfu-publish.spec.ts).
 */
function viewerSession(rooms: RoomRegistry): PeerSession {
  return new PeerSession('s1', { send: () => undefined, close: () => undefined }, {
    rooms,
    hostTokens: new HostTokens(null),
    listenIps: [{ ip: '127.0.0.1' }],
    log: createSfuLog('silent'),
    viewerIds: new ViewerIds('salt'),
    admitHostToken: () => undefined,
    takeAddressChatToken: () => true,
    takeAddressSellToken: () => true,
    acceptingJoins: () => true,
  });
}

describe('a viewer joining a show without a room', () => {
  it('hears "not started" for a show never opened and "ended" for one that ended, and nothing is created', async () => {
    const rooms = new RoomRegistry({} as WorkerPool, { maxRooms: 10, viewerCountIntervalMs: 1000 }, createSfuLog('silent'));
    rooms.rememberEnded('finale');
    const session = viewerSession(rooms);
    await expect(session.handle({ type: 'join', requestId: 1, show: 'finale', role: 'viewer' })).rejects.toMatchObject({
      code: 'show-ended',
      message: 'The show has ended.',
    });
    await expect(session.handle({ type: 'join', requestId: 2, show: 'made-up-id', role: 'viewer' })).rejects.toMatchObject({
      code: 'not-started',
      message: 'This show hasn’t started yet.',
    });
    expect(rooms.totals().rooms).toBe(0);
    expect(session.hasJoined).toBe(false);
  });

  it('may wait for an ended show to start again; the wait goes with the connection', async () => {
    const rooms = new RoomRegistry({} as WorkerPool, { maxRooms: 10, viewerCountIntervalMs: 1000 }, createSfuLog('silent'));
    rooms.rememberEnded('finale');
    const session = viewerSession(rooms);
    await expect(session.handle({ type: 'waitForShow', requestId: 1, show: 'finale' })).resolves.toEqual({ waiting: true });
    expect(session.isWaiting).toBe(true);
    expect(rooms.totals()).toMatchObject({ rooms: 0, waiting: 1 });
    session.onSocketClosed();
    expect(session.isWaiting).toBe(false);
    expect(rooms.totals()).toMatchObject({ rooms: 0, waiting: 0 });
  });
});

/**
 * Guessing the producer token: a real control server locks an address out
 * after repeated wrong tokens (src/shared/net/token-lockout.ts), on the first
 * frame and on uploads alike. The lock is lengthened to 10 minutes here so no
 * test depends on how fast this machine is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ControlServerMessage } from '../../shared/api/control-protocol.js';
import { DEFAULT_LOCKOUT_POLICY } from '../../shared/net/token-lockout.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { StudioEventBus } from '../events/event-bus.js';
import { WRONG_TOKEN } from './control-links.js';
import { ControlServer } from './control-server.js';

const TOKEN = 'right-token-for-the-lockout-test';
const servers: ControlServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.stop();
});

async function start() {
  const dataDir = tempDir();
  const ran: string[] = [];
  const server = new ControlServer({
    host: '127.0.0.1',
    port: 0,
    ownNames: () => ['127.0.0.1'],
    lookupToken: (token) => (token === TOKEN ? { ok: true, role: 'host' } : { ok: false, message: WRONG_TOKEN }),
    policy: () => ({ producersMayGoLive: false }),
    rendererDir: path.join(dataDir, 'renderer'),
    uploadsDir: path.join(dataDir, 'uploads'),
    dispatch: async (channel) => {
      ran.push(channel);
      return { ok: true, value: null };
    },
    events: new StudioEventBus(),
    lockoutPolicy: { ...DEFAULT_LOCKOUT_POLICY, firstLockMs: 10 * 60_000, maxLockMs: 60 * 60_000 },
  });
  servers.push(server);
  const port = await server.start();
  return { port, ran, dataDir };
}

/** Opens a connection, sends the token, and returns the server's answer to it. */
async function authenticate(port: number, token: string): Promise<ControlServerMessage> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api`);
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => ws.send(JSON.stringify({ type: 'auth', token })));
    ws.once('message', (data) => {
      resolve(JSON.parse(data.toString()) as ControlServerMessage);
      ws.close();
    });
  });
}

describe('control server: wrong tokens', () => {
  it('the fifth wrong token in a row locks the address: even the right token is refused, in plain words', async () => {
    const { port } = await start();
    for (let i = 0; i < 5; i++) {
      expect(await authenticate(port, `guess-${i}`)).toEqual({
        type: 'auth-error',
        message: 'This producer link is not valid (wrong or old access token). Ask the host for the current link.',
      });
    }
    expect(await authenticate(port, TOKEN)).toEqual({
      type: 'auth-error',
      message: 'Too many wrong access codes from this address; try again in 600 s.',
    });
  });

  it('a right token clears the count', async () => {
    const { port } = await start();
    for (let i = 0; i < 4; i++) await authenticate(port, `guess-${i}`);
    expect(await authenticate(port, TOKEN)).toEqual({ type: 'auth-ok', role: 'host' });
    for (let i = 0; i < 4; i++) await authenticate(port, `guess-again-${i}`);
    expect(await authenticate(port, TOKEN)).toEqual({ type: 'auth-ok', role: 'host' });
  });

  it('uploads count too: a locked address gets 429 and nothing is written', async () => {
    const { port, dataDir } = await start();
    const upload = (token: string) =>
      fetch(`http://127.0.0.1:${port}/api/upload?name=list.csv`, { method: 'POST', body: 'a,b\n1,2\n', headers: { Authorization: `Bearer ${token}` } });
    for (let i = 0; i < 3; i++) expect((await upload(`guess-${i}`)).status).toBe(401);
    for (let i = 0; i < 2; i++) await authenticate(port, `guess-ws-${i}`);
    const locked = await upload(TOKEN);
    expect(locked.status).toBe(429);
    expect(await locked.json()).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'Too many wrong access codes from this address; try again in 600 s.' },
    });
    expect(fs.existsSync(path.join(dataDir, 'uploads'))).toBe(false);
  });
});

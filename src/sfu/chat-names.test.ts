import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignalRequestError } from '../shared/sfu/signal-requests.js';
import { startSfuServer, type SfuServer } from './sfu-server.js';
import { TestSignalClient } from '../../tests/harness/signal-client.js';

/**
 * Chat names on a real SFU: look-alikes of the host's, moderators', store's
 * and staff names are refused (src/shared/moderation/name-skeleton.ts), and
 * a name is free again once its viewer has gone.
 */

const HOST_TOKEN = 'names-host-secret';
let sfu: SfuServer;
let showCounter = 0;
const clients: TestSignalClient[] = [];

beforeAll(async () => {
  sfu = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', defaultHostToken: HOST_TOKEN, viewerIdSalt: 'test-salt' });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await sfu.close();
});

async function client(): Promise<TestSignalClient> {
  const c = await TestSignalClient.connect(sfu);
  clients.push(c);
  return c;
}

/** A show with its studio connected (only a host opens a show). */
async function openShow(): Promise<{ show: string; host: TestSignalClient }> {
  const show = `names-${++showCounter}`;
  const host = await client();
  await host.requests.request({ type: 'join', show, role: 'host', hostToken: HOST_TOKEN });
  return { show, host };
}

/** The refusal's words, or the name the viewer got. */
async function joinWithName(show: string, name: string, viewerKey?: string): Promise<string> {
  const c = await client();
  try {
    const joined = await c.requests.request({ type: 'join', show, role: 'viewer', name, ...(viewerKey ? { viewerKey } : {}) });
    return joined.chat?.name ?? '(none)';
  } catch (error) {
    if (error instanceof SignalRequestError) return `${error.code}: ${error.message}`;
    throw error;
  }
}

describe('names that look like the studio’s', () => {
  it('refuses look-alikes of "Host" and the staff names, at join and on chatSetName', async () => {
    const { show } = await openShow();
    expect(await joinWithName(show, 'Hоst')).toBe('invalid-message: That name looks like the host’s. Pick another.'); // Cyrillic о
    expect(await joinWithName(show, 'ＡＤＭ1Ｎ')).toBe('invalid-message: That name is kept for the studio’s staff. Pick another.');
    const c = await client();
    await c.requests.request({ type: 'join', show, role: 'viewer' });
    const error = await c.requests.request({ type: 'chatSetName', name: 'H0st' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid-message', message: 'That name looks like the host’s. Pick another.' });
    expect(await c.requests.request({ type: 'chatSetName', name: 'Hostess' })).toMatchObject({ name: 'Hostess' });
  });

  it('refuses look-alikes of the names the studio reserves; only a host may reserve', async () => {
    const { show, host } = await openShow();
    await host.requests.request({
      type: 'chatReserveNames',
      names: [
        { name: 'Lola Martin', owner: 'host' },
        { name: 'Tess', owner: 'moderator' },
        { name: 'Sunset Home', owner: 'store' },
      ],
    });
    expect(await joinWithName(show, 'L0la Mаrtin')).toBe('invalid-message: That name looks like the host’s. Pick another.');
    expect(await joinWithName(show, 'T e s s')).toBe('invalid-message: That name looks like a moderator’s. Pick another.');
    expect(await joinWithName(show, 'sunsethome')).toBe('invalid-message: That name looks like the store’s. Pick another.');
    expect(await joinWithName(show, 'Lola')).toBe('Lola');

    const v = await client();
    await v.requests.request({ type: 'join', show, role: 'viewer' });
    const error = await v.requests.request({ type: 'chatReserveNames', names: [] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'forbidden' });
    // A new list replaces the old one.
    await host.requests.request({ type: 'chatReserveNames', names: [{ name: 'Tess', owner: 'moderator' }] });
    expect(await joinWithName(show, 'Lola Martin')).toBe('Lola Martin');
  });
});

describe('names are released', () => {
  it('when the viewer leaves, and when its last connection closes', async () => {
    const { show } = await openShow();
    const anna = await client();
    const joined = await anna.requests.request({ type: 'join', show, role: 'viewer', name: 'Anna', viewerKey: 'anna-key-00000000001' });
    expect(joined.chat?.name).toBe('Anna');
    expect(await joinWithName(show, 'Anna', 'other-key-0000000001')).toBe('Anna 2');
    await anna.requests.request({ type: 'leave' });
    expect(await joinWithName(show, 'Anna', 'other-key-0000000002')).toBe('Anna');

    const ben = await client();
    await ben.requests.request({ type: 'join', show, role: 'viewer', name: 'Ben', viewerKey: 'ben-key-000000000001' });
    const viewers = () => sfu.health().viewers as number;
    const viewersBefore = viewers();
    ben.close();
    await ben.closed;
    // The server hears the close on its own schedule: wait until it has let the viewer go.
    while (viewers() >= viewersBefore) await new Promise((r) => setTimeout(r, 10));
    expect(await joinWithName(show, 'Ben', 'other-key-0000000003')).toBe('Ben');
  });
});

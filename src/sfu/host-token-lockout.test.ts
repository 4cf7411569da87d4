/**
 * Guessing a host token: a real SFU locks an address out after repeated
 * wrong host tokens (src/shared/net/token-lockout.ts). The lock is
 * lengthened to 10 minutes here so no test depends on this machine's speed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LOCKOUT_POLICY } from '../shared/net/token-lockout.js';
import { SignalRequestError } from '../shared/sfu/signal-requests.js';
import { startSfuServer, type SfuServer } from './sfu-server.js';
import { TestSignalClient } from '../../tests/harness/signal-client.js';

const TOKEN = 'the-right-host-token';
const servers: SfuServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

async function start(): Promise<SfuServer> {
  const sfu = await startSfuServer({
    port: 0,
    workers: 1,
    logLevel: 'silent',
    hostTokens: { 'token-show': TOKEN },
    hostTokenLockout: { ...DEFAULT_LOCKOUT_POLICY, firstLockMs: 10 * 60_000, maxLockMs: 60 * 60_000 },
  });
  servers.push(sfu);
  return sfu;
}

/** A host join on a new connection: 'joined', or the refusal's code and words. */
async function hostJoin(sfu: SfuServer, token: string): Promise<string> {
  const client = await TestSignalClient.connect(sfu);
  try {
    await client.requests.request({ type: 'join', show: 'token-show', role: 'host', hostToken: token });
    return 'joined';
  } catch (error) {
    if (!(error instanceof SignalRequestError)) throw error;
    return `${error.code}: ${error.message}`;
  } finally {
    client.close();
  }
}

describe('SFU host join: wrong tokens', () => {
  it('the fifth wrong token in a row locks the address: even the right token is refused, in plain words', async () => {
    const sfu = await start();
    for (let i = 0; i < 5; i++) expect(await hostJoin(sfu, `guess-${i}`)).toBe('unauthorized: The host token is wrong for this show.');
    expect(await hostJoin(sfu, TOKEN)).toBe('rate-limited: Too many wrong access codes from this address; try again in 600 s.');
    expect(sfu.health()).toMatchObject({ hosts: 0 });
  });

  it('a right token clears the count', async () => {
    const sfu = await start();
    for (let i = 0; i < 4; i++) await hostJoin(sfu, `guess-${i}`);
    expect(await hostJoin(sfu, TOKEN)).toBe('joined');
    for (let i = 0; i < 4; i++) await hostJoin(sfu, `guess-again-${i}`);
    expect(await hostJoin(sfu, TOKEN)).toBe('joined');
  });
});

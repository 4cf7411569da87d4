/**
 * The studio's own SFU lets only the studio host: its desktop window, its
 * pages on this computer (and on the LAN addresses when LAN is on), or a
 * program; never another site's page or a re-pointed name.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TestSignalClient } from '../../../tests/harness/signal-client.js';
import type { SignalRequestError } from '../../shared/sfu/signal-requests.js';
import type { SfuServer } from '../../sfu/index.js';
import { lanAddresses } from '../control-server/control-server-manager.js';
import { startEmbeddedSfu } from './embedded-sfu.js';

const TOKEN = 'embedded-access-token';
const servers: SfuServer[] = [];
const clients: TestSignalClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const s of servers.splice(0)) await s.close();
});

async function embedded(allowLan: boolean): Promise<SfuServer> {
  // Each join below opens its own show: the studio's secret for each, given at start as the studio gives its room's.
  const hostTokens = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`embedded-${i + 1}`, TOKEN]));
  const started = await startEmbeddedSfu({ port: 0, allowLan, viewerDir: undefined, viewerIdSalt: null, ffmpegPath: null, hostTokens, audienceKey: 'embedded-audience-key' });
  if (!started.ok) throw new Error(started.error);
  servers.push(started.server);
  return started.server;
}

let nextShow = 1;
async function hostJoin(signalUrl: string, headers: Record<string, string>): Promise<string> {
  const show = `embedded-${nextShow++}`;
  const client = await TestSignalClient.connect({ signalUrl }, headers);
  clients.push(client);
  return client.requests.request({ type: 'join', show, role: 'host', hostToken: TOKEN }).then(
    (reply) => reply.role,
    (error: unknown) => (error as SignalRequestError).code,
  );
}

describe('the built-in SFU: who may host', () => {
  it("the studio's window, its pages on this computer and programs; not another site or a re-pointed name", async () => {
    const sfu = await embedded(false);
    expect(await hostJoin(sfu.signalUrl, {})).toBe('host');
    expect(await hostJoin(sfu.signalUrl, { Origin: 'app://studio' })).toBe('host');
    expect(await hostJoin(sfu.signalUrl, { Origin: 'http://127.0.0.1:4781' })).toBe('host');
    expect(await hostJoin(sfu.signalUrl, { Origin: 'https://evil.example' })).toBe('forbidden');
    expect(await hostJoin(sfu.signalUrl, { Host: `evil.example:${sfu.port}` })).toBe('forbidden');
  });

  const lan = lanAddresses()[0];
  it.skipIf(!lan)('a producer console on the LAN address, only when LAN is on', async () => {
    const off = await embedded(false);
    expect(await hostJoin(off.signalUrl, { Host: `${lan}:${off.port}` })).toBe('forbidden');
    expect(await hostJoin(off.signalUrl, { Origin: `http://${lan}:4781` })).toBe('forbidden');

    const on = await embedded(true);
    const overLan = `ws://${lan}:${on.port}/signal`;
    expect(await hostJoin(overLan, { Origin: `http://${lan}:4781` })).toBe('host');
    expect(await hostJoin(overLan, { Origin: 'https://evil.example' })).toBe('forbidden');
  });
});

describe('the built-in SFU: per-address limits on this computer', () => {
  it('hold loopback connections (a tunnel such as ngrok makes every viewer 127.0.0.1); only the practice audience key lifts them', async () => {
    const sfu = await embedded(false);
    const open = async (headers: Record<string, string>) => {
      const client = await TestSignalClient.connect(sfu, headers);
      clients.push(client);
      return client;
    };
    // One household's share: 20 open connections.
    for (let i = 0; i < 20; i++) await open({});
    const crowded = await open({});
    expect((await crowded.closed).code).toBe(4430);
    // The simulated audience carries this run's key (main passes it; see practice-wiring.ts): not held to the share.
    const simulated = await open({ 'x-lss-audience-key': 'embedded-audience-key' });
    const wrong = await open({ 'x-lss-audience-key': 'not-the-key' });
    expect((await wrong.closed).code).toBe(4430);
    // Refused connections are never accepted: the 20 and the simulated viewer are open.
    expect(sfu.health().connections).toBe(21);
    simulated.close();
  });
});

/**
 * A remote SFU (a standalone server as `studio sfu` runs it, real worker):
 * chosen in Settings with its host token, which stays in main.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import type { Settings } from '../../shared/domain/settings.js';
import type { PinState, PublishTicket, SfuStatus } from '../../shared/domain/live.js';
import { startSfuServer, type SfuServer } from '../../sfu/index.js';
import { TestSignalClient } from '../../../tests/harness/signal-client.js';
import { joinAsViewer, startTestStudio, until, type TestStudio } from '../../../tests/harness/test-studio.js';

const SECRET = 'remote-sfu-secret-0123456789';
const studios: TestStudio[] = [];
const servers: SfuServer[] = [];
const viewers: TestSignalClient[] = [];
afterEach(async () => {
  for (const v of viewers.splice(0)) v.close();
  for (const s of studios.splice(0)) await s.close();
  for (const server of servers.splice(0)) await server.close();
});

async function remoteSfu(port = 0): Promise<SfuServer> {
  const server = await startSfuServer({ port, workers: 1, logLevel: 'silent', defaultHostToken: SECRET });
  servers.push(server);
  return server;
}

async function studio(): Promise<TestStudio> {
  const s = await startTestStudio(tempDir());
  studios.push(s);
  await s.waitForStatus((st) => st.state === 'connected', 'the built-in SFU');
  return s;
}

describe('a remote SFU', () => {
  it('asks for the host token, then connects with it; the token never reaches a UI', async () => {
    const sfu = await remoteSfu();
    const s = await studio();
    const embeddedTicket = await s.call<PublishTicket>('studio:live:publish-ticket');

    await s.call('studio:settings:update', { sfu: { url: sfu.url } });
    let status = await s.waitForStatus((st) => st.mode === 'remote' && st.state === 'error', 'the missing-token error');
    expect(status.error).toMatch(/host token/);
    await expect(s.call('studio:live:publish-ticket')).rejects.toMatchObject({ code: 'unavailable' });

    const settings = await s.call<Settings>('studio:settings:update', { sfu: { hostToken: SECRET } });
    status = await s.waitForStatus((st) => st.mode === 'remote' && st.state === 'connected', 'connected to the remote SFU');
    expect(status.signalUrl).toBe(sfu.signalUrl);
    expect(status.viewerUrls).toEqual([`${sfu.url}/watch/${status.room}`]);

    // Nothing a UI can read carries a host token: settings, their events, SFU status and its events.
    const readable = JSON.stringify([settings, await s.call<Settings>('studio:settings:get'), status, await s.call<SfuStatus>('studio:live:sfu-status'), s.events]);
    expect(readable).not.toContain(SECRET);
    expect(readable).not.toContain(embeddedTicket.hostToken);
    expect(Object.keys(settings.sfu).sort()).toEqual(['allowLan', 'port', 'room', 'url']);

    // The publisher gets a token the SFU minted for this room, never the secret.
    const ticket = await s.call<PublishTicket>('studio:live:publish-ticket');
    expect(ticket).toMatchObject({ signalUrl: sfu.signalUrl, room: status.room, viewerUrls: status.viewerUrls });
    expect(ticket.hostToken).not.toBe(SECRET);
    expect(ticket.expiresAt).toBeGreaterThan(Date.now() + 50 * 60_000);
    const publisher = await TestSignalClient.connect(sfu);
    viewers.push(publisher);
    await expect(publisher.requests.request({ type: 'join', show: 'another-show', role: 'host', hostToken: ticket.hostToken })).rejects.toMatchObject({
      code: 'unauthorized',
    });
    const joined = await publisher.requests.request({ type: 'join', show: ticket.room, role: 'host', hostToken: ticket.hostToken });
    expect(joined.role).toBe('host');
  });

  it('a wrong token is an error the host can read, and the pin waits', async () => {
    const sfu = await remoteSfu();
    const s = await studio();
    await s.call('studio:settings:update', { sfu: { url: sfu.signalUrl, hostToken: 'wrong-token' } });
    const status = await s.waitForStatus((st) => st.mode === 'remote' && st.state === 'error' && st.error !== null, 'refused');
    expect(status.error).toMatch(/refused the host token/);
    const [row] = s.addProducts({ title: 'Mug' });
    const pinned = await s.call<PinState>('studio:live:pin', { productId: row!.productId });
    expect(pinned.targets.sfu).toBe('failed');
    expect(pinned.current?.card.title).toBe('Mug');
  });

  it('when the SFU stops and comes back on the same port, the studio reconnects and re-sends the pin', async () => {
    const first = await remoteSfu();
    const { port } = first;
    const s = await studio();
    await s.call('studio:settings:update', { sfu: { url: `ws://127.0.0.1:${port}`, hostToken: SECRET } });
    await s.waitForStatus((st) => st.mode === 'remote' && st.state === 'connected', 'connected');
    const [mug, scarf] = s.addProducts({ title: 'Mug' }, { title: 'Scarf' });
    await s.call('studio:live:pin', { productId: mug!.productId });

    await first.close();
    servers.length = 0;
    await s.waitForStatus((st) => st.state === 'reconnecting', 'reconnecting');
    // Pinned while the SFU is down: saved and shown in the studio, delivered later.
    const whileDown = await s.call<PinState>('studio:live:pin', { productId: scarf!.productId });
    expect(whileDown.targets.sfu).toBe('pending');

    const second = await remoteSfu(port);
    await s.waitForStatus((st) => st.state === 'connected', 'reconnected');
    await until(() => s.core.pins.state().targets.sfu, (t) => t === 'delivered', 'the pin delivered after the comeback');
    const delivered = s.events.filter((e) => e.channel === 'studio:event:pin-changed').at(-1)!.payload as PinState;
    expect(delivered.targets.sfu).toBe('delivered');
    const { client, room } = await joinAsViewer(second.signalUrl, s.core.live.status().room);
    viewers.push(client);
    expect(room.pin?.title).toBe('Scarf');
  });

  it('back to the built-in SFU when the address is cleared', async () => {
    const sfu = await remoteSfu();
    const s = await studio();
    await s.call('studio:settings:update', { sfu: { url: sfu.url, hostToken: SECRET } });
    await s.waitForStatus((st) => st.mode === 'remote' && st.state === 'connected', 'remote');
    await s.call('studio:settings:update', { sfu: { url: '' } });
    const status = await s.waitForStatus((st) => st.mode === 'embedded' && st.state === 'connected', 'embedded again');
    expect(status.signalUrl).not.toBe(sfu.signalUrl);
  });
});

/**
 * Roles over the real control server: each link signs in as its role, the
 * dispatcher refuses what the roles table does not give that role (before
 * any handler runs), events reach only the roles that may hear them, and a
 * role's link is replaced or expires on its own.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/api/contract/roles.js';
import { connect } from '../../../tests/harness/control-client.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { startStudioCore, type StudioCore } from '../core/studio-core.js';

const cores: StudioCore[] = [];
afterEach(async () => {
  while (cores.length) await cores.pop()!.close();
});

async function studio() {
  const dataDir = tempDir();
  const core = await startStudioCore({
    dataDir,
    rendererDir: path.join(dataDir, 'no-renderer'),
    platform: { runtime: 'web', openExternal: async () => false },
    embeddedSfu: { port: 0 },
    pinnedControlServer: { port: 0 },
  });
  cores.push(core);
  const status = core.controlServer.status();
  const token = (role: Role) => status.links.find((link) => link.role === role)!.token;
  const signIn = async (role: Role) => {
    const client = await connect(status.port);
    client.send({ type: 'auth', token: token(role) });
    expect(await client.next((f) => f.type === 'auth-ok' || f.type === 'auth-error')).toEqual({ type: 'auth-ok', role });
    return client;
  };
  return { core, port: status.port, token, signIn };
}

const forbidden = (message: string) => ({ ok: false, error: { code: 'forbidden', message } });

describe('control server roles', () => {
  it('gives each role its own link and token', async () => {
    const { core, token } = await studio();
    const tokens = new Set((['host', 'producer', 'moderator'] as const).map(token));
    expect(tokens.size).toBe(3);
    expect(core.controlServer.status().token).toBe(token('host'));
  });

  it('a moderator runs the chat and can neither go live, change settings nor see the links', async () => {
    const { core, signIn } = await studio();
    core.settings.update({ controlServer: { producersMayGoLive: true } });
    const moderator = await signIn('moderator');
    expect(await moderator.request('studio:live:publish-ticket')).toEqual(forbidden("Your moderator link can't go live."));
    expect(await moderator.request('studio:settings:update', { hostName: 'Mallory' })).toEqual(
      forbidden("Your moderator link can't change settings."),
    );
    expect(await moderator.request('studio:control-server:status')).toEqual(forbidden("Your moderator link can't see or change the team links."));
    expect(await moderator.request('studio:control-server:regenerate-token', { role: 'host' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await moderator.request('studio:live:pin', { productId: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The chat is its job: these reach the chat service.
    expect(await moderator.request('studio:chat:get')).toMatchObject({ ok: true });
    expect(await moderator.request('studio:chat:approve', { messageId: 'no-such-message' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(core.settings.get().hostName).toBe('');
    moderator.ws.close();
  });

  it('a producer pins and runs the show, goes live only when the host allows it, and cannot change settings', async () => {
    const { core, signIn } = await studio();
    const producer = await signIn('producer');
    // Reaches the pin service (the product does not exist), not refused by role.
    expect(await producer.request('studio:live:pin', { productId: 999_999 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await producer.request('studio:scenes:list')).toMatchObject({ ok: true });
    expect(await producer.request('studio:settings:update', { controlServer: { producersMayGoLive: true } })).toEqual(
      forbidden("Your producer link can't change settings."),
    );
    expect(await producer.request('studio:live:publish-ticket')).toEqual(
      forbidden("Your producer link can't go live (the host has not allowed producers to go live)."),
    );
    expect(await producer.request('studio:catalog:start-import', { source: { kind: 'path', path: '/etc/passwd' } })).toEqual(
      forbidden("Your producer link can't import catalogs."),
    );
    core.settings.update({ controlServer: { producersMayGoLive: true } });
    const ticket = await producer.request('studio:live:publish-ticket');
    expect(ticket).not.toMatchObject({ error: { code: 'forbidden' } });
    expect(core.settings.get().controlServer.producersMayGoLive).toBe(true);
    producer.ws.close();
  });

  it('sends each role only the events the roles table gives it: the links go to the host alone', async () => {
    const { core, signIn } = await studio();
    const host = await signIn('host');
    const producer = await signIn('producer');
    const moderator = await signIn('moderator');
    // The host changes a setting and makes a new moderator link.
    expect(await host.request('studio:settings:update', { hostName: 'Ana' })).toMatchObject({ ok: true });
    const renewed = await host.request('studio:control-server:regenerate-token', { role: 'moderator', lifetime: '12h' });
    expect(renewed).toMatchObject({ ok: true });
    await host.next((f) => f.type === 'event' && f.channel === 'studio:event:control-server-changed');
    for (const client of [producer, moderator]) {
      await client.next((f) => f.type === 'event' && f.channel === 'studio:event:settings-changed');
    }
    // The moderator was disconnected by the new link; the producer stays and never saw a link.
    expect(await moderator.closed).toBe(4403);
    expect(await producer.request('studio:settings:get')).toMatchObject({ ok: true });
    const producerFrames = JSON.stringify(producer.frames);
    expect(producerFrames).not.toContain('control-server-changed');
    for (const link of core.controlServer.status().links) expect(producerFrames).not.toContain(link.token);
    expect(JSON.stringify(moderator.frames)).not.toContain('control-server-changed');
    host.ws.close();
    producer.ws.close();
  });

  it('a new link for one role leaves the others working; the old token is refused', async () => {
    const { core, port, token, signIn } = await studio();
    const oldProducer = token('producer');
    const producer = await signIn('producer');
    const moderator = await signIn('moderator');
    core.controlServer.regenerateToken('producer');
    expect(await producer.closed).toBe(4403);
    expect(await moderator.request('studio:chat:get')).toMatchObject({ ok: true });
    const again = await connect(port);
    again.send({ type: 'auth', token: oldProducer });
    expect(await again.closed).toBe(4401);
    moderator.ws.close();
  });

  it('an expired link is refused at sign-in and cuts off a connection at its next request', async () => {
    const { core, port, token, signIn } = await studio();
    const moderator = await signIn('moderator');
    // As if the link made with "expires after 12 hours" were 12 hours old.
    core.settings.secrets.set('controlServer.link.moderator', JSON.stringify({ token: token('moderator'), expiresAt: Date.now() - 1 }));
    expect(await moderator.request('studio:chat:get')).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'This moderator link has expired. Ask the host for a new link.' },
    });
    expect(await moderator.closed).toBe(4403);
    const again = await connect(port);
    again.send({ type: 'auth', token: token('moderator') });
    expect(await again.next((f) => f.type === 'auth-error')).toEqual({
      type: 'auth-error',
      message: 'This moderator link has expired. Ask the host for a new link.',
    });
  });

  it('lets only a role that may import upload a catalog file', async () => {
    const { port, token } = await studio();
    const upload = (role: Role) =>
      fetch(`http://127.0.0.1:${port}/api/upload?name=c.csv`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token(role)}` },
        body: 'title\nShirt\n',
      });
    const refused = await upload('producer');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual(forbidden("Your producer link can't import catalogs."));
    expect((await upload('host')).status).toBe(200);
  });
});

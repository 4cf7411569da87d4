import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ControlServerMessage } from '../../shared/api/control-protocol.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { startStudioCore, type StudioCore } from '../core/studio-core.js';

const cores: StudioCore[] = [];
afterEach(async () => {
  while (cores.length) await cores.pop()!.close();
});

async function studio(options: { pinned?: boolean } = {}) {
  const dataDir = tempDir();
  const rendererDir = path.join(dataDir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>studio</title>');
  const core = await startStudioCore({
    dataDir,
    rendererDir,
    platform: { runtime: 'web', openExternal: async () => false },
    embeddedSfu: { port: 0 },
    ...(options.pinned === false ? {} : { pinnedControlServer: { port: 0 } }),
  });
  cores.push(core);
  const status = core.controlServer.status();
  return { core, dataDir, port: status.port, token: status.token, base: `http://127.0.0.1:${status.port}` };
}

/** A raw protocol client that records every frame. */
async function connect(port: number) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api`);
  const frames: ControlServerMessage[] = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data) => {
    frames.push(JSON.parse(data.toString()) as ControlServerMessage);
    waiters.splice(0).forEach((w) => w());
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const next = async (predicate: (f: ControlServerMessage) => boolean) => {
    for (;;) {
      const found = frames.find(predicate);
      if (found) return found;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  const send = (message: unknown) => ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  return { ws, frames, closed, next, send };
}

describe('control server', () => {
  it('authenticates with the token, answers requests through the dispatcher and pushes events', async () => {
    const { port, token } = await studio();
    const client = await connect(port);
    client.send({ type: 'auth', token });
    await client.next((f) => f.type === 'auth-ok');
    client.send({ type: 'request', id: 7, channel: 'studio:settings:update', input: { hostName: 'Ana' } });
    const response = await client.next((f) => f.type === 'response');
    expect(response).toMatchObject({ type: 'response', id: 7, result: { ok: true, value: { hostName: 'Ana' } } });
    const event = await client.next((f) => f.type === 'event' && f.channel === 'studio:event:settings-changed');
    expect(event).toMatchObject({ payload: { hostName: 'Ana' } });
    client.ws.close();
  });

  it('refuses a wrong token: closes with 4401 and the request never runs', async () => {
    const { core, port } = await studio();
    const client = await connect(port);
    client.send({ type: 'auth', token: 'wrong-token-wrong-token' });
    client.send({ type: 'request', id: 1, channel: 'studio:settings:update', input: { hostName: 'Intruder' } });
    expect(await client.closed).toBe(4401);
    expect(client.frames[0]).toMatchObject({ type: 'auth-error' });
    expect(client.frames.some((f) => f.type === 'response')).toBe(false);
    expect(core.settings.get().hostName).toBe('');
  });

  it('refuses requests sent before authenticating', async () => {
    const { core, port } = await studio();
    const client = await connect(port);
    client.send({ type: 'request', id: 3, channel: 'studio:settings:update', input: { hostName: 'Early' } });
    expect(await client.closed).toBe(4401);
    expect(client.frames[0]).toMatchObject({ type: 'response', id: 3, result: { ok: false, error: { code: 'unauthorized' } } });
    expect(core.settings.get().hostName).toBe('');
  });

  it('answers malformed frames with an error and keeps the connection', async () => {
    const { port, token } = await studio();
    const client = await connect(port);
    client.send('{not json');
    await client.next((f) => f.type === 'error');
    client.send({ type: 'request', id: 'seven', channel: 5 });
    await client.next((f) => f.type === 'error' && f.message.startsWith('Malformed'));
    client.send({ type: 'auth', token });
    await client.next((f) => f.type === 'auth-ok');
    client.send({ type: 'request', id: 9, channel: 'studio:settings:update', input: { controlServer: { port: 22 } } });
    const response = await client.next((f) => f.type === 'response');
    expect(response).toMatchObject({ result: { ok: false, error: { code: 'invalid-input' } } });
    client.ws.close();
  });

  it('disconnects every producer when the host makes a new link, and the old token stops working', async () => {
    const { core, port, token } = await studio();
    const client = await connect(port);
    client.send({ type: 'auth', token });
    await client.next((f) => f.type === 'auth-ok');
    const fresh = core.controlServer.regenerateToken();
    expect(fresh.token).not.toBe(token);
    expect(await client.closed).toBe(4403);
    const again = await connect(port);
    again.send({ type: 'auth', token });
    expect(await again.closed).toBe(4401);
  });

  it('serves the UI with a Content-Security-Policy and refuses path traversal', async () => {
    const { base, dataDir } = await studio();
    fs.writeFileSync(path.join(dataDir, 'secret.txt'), 'do not serve');
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const traversal = await new Promise<string>((resolve) => {
      // fetch() normalises "..": send the raw request line instead.
      const socket = net.connect(Number(new URL(base).port), '127.0.0.1', () =>
        socket.write('GET /../secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
      );
      let text = '';
      socket.on('data', (d) => (text += d.toString()));
      socket.on('end', () => resolve(text));
    });
    expect(traversal).toMatch(/^HTTP\/1.1 404/);
    expect(traversal).not.toContain('do not serve');
  });

  it('accepts uploads only with the token', async () => {
    const { base, token, dataDir } = await studio();
    const refused = await fetch(`${base}/api/upload?name=list.csv`, { method: 'POST', body: 'a,b\n1,2\n' });
    expect(refused.status).toBe(401);
    const accepted = await fetch(`${base}/api/upload?name=list.csv`, {
      method: 'POST',
      body: 'a,b\n1,2\n',
      headers: { Authorization: `Bearer ${token}` },
    });
    const body = (await accepted.json()) as { ok: boolean; value: { uploadId: string; size: number } };
    expect(body.ok).toBe(true);
    expect(fs.readFileSync(path.join(dataDir, 'uploads', body.value.uploadId), 'utf8')).toBe('a,b\n1,2\n');
  });
});

describe('control server settings', () => {
  it('starts, rebinds and stops as the host changes the settings', async () => {
    const { core } = await studio({ pinned: false });
    const free = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    core.settings.update({ controlServer: { port: free } });
    let status = await core.controlServer.apply();
    expect(status).toMatchObject({ state: 'running', port: free });
    expect(status.urls[0]).toBe(`http://127.0.0.1:${free}/?token=${status.token}`);
    core.settings.update({ controlServer: { enabled: false } });
    status = await core.controlServer.apply();
    expect(status.state).toBe('off');
    await expect(fetch(`http://127.0.0.1:${free}/healthz`)).rejects.toThrow();
  });

  it('explains a busy port instead of crashing', async () => {
    const { core } = await studio({ pinned: false });
    const blocker = net.createServer();
    const busy = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as net.AddressInfo).port)),
    );
    core.settings.update({ controlServer: { port: busy, enabled: true } });
    const status = await core.controlServer.apply();
    blocker.close();
    expect(status.state).toBe('error');
    expect(status.error).toBe(`Port ${busy} is already used by another program. Pick another port for the producer console in Settings.`);
  });

  it('cannot be switched off in browser mode, and the refused change is not saved', async () => {
    const { core } = await studio();
    const result = await core.dispatch('studio:settings:update', { controlServer: { enabled: false }, hostName: 'X' }, {
      transport: 'control',
      clientId: 't',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(core.settings.get().controlServer.enabled).toBe(true);
    expect(core.settings.get().hostName).toBe('');
  });
});

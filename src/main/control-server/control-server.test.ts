import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connect } from '../../../tests/harness/control-client.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { startStudioCore, type StudioCore } from '../core/studio-core.js';
import { lanAddresses } from './control-server-manager.js';

const cores: StudioCore[] = [];
afterEach(async () => {
  while (cores.length) await cores.pop()!.close();
});

async function studio(options: { pinned?: boolean; allowLan?: boolean } = {}) {
  const dataDir = tempDir();
  const rendererDir = path.join(dataDir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>studio</title>');
  const core = await startStudioCore({
    dataDir,
    rendererDir,
    platform: { runtime: 'web', openExternal: async () => false },
    embeddedSfu: { port: 0 },
    ...(options.pinned === false ? {} : { pinnedControlServer: { port: 0, ...(options.allowLan ? { allowLan: true } : {}) } }),
  });
  cores.push(core);
  const status = core.controlServer.status();
  return { core, dataDir, port: status.port, token: status.token, base: `http://127.0.0.1:${status.port}` };
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

  it('disconnects whoever came with the host link when the host makes a new one, and the old token stops working', async () => {
    const { core, port, token } = await studio();
    const client = await connect(port);
    client.send({ type: 'auth', token });
    await client.next((f) => f.type === 'auth-ok');
    const fresh = core.controlServer.regenerateToken('host');
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
        socket.write(`GET /../secret.txt HTTP/1.1\r\nHost: ${new URL(base).host}\r\nConnection: close\r\n\r\n`),
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

/** An upgrade the server refuses: its HTTP status and plain-text reason (no WebSocket ever opens). */
async function refusedUpgrade(port: number, options: { origin?: string; host?: string }) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, {
    ...(options.origin ? { origin: options.origin } : {}),
    ...(options.host ? { headers: { Host: options.host } } : {}),
  });
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    ws.once('open', () => reject(new Error('the WebSocket opened')));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
  });
}

/** A request with the Host header a browser would send for `host` (fetch() may not set Host). */
async function requestWithHost(port: number, host: string, options: { method?: string; path?: string; headers?: Record<string, string> } = {}) {
  return new Promise<{ status: number; type: string | undefined; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: options.path ?? '/', method: options.method ?? 'GET', headers: { ...options.headers, Host: host } },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
      },
    );
    req.on('error', reject);
    req.end(options.method === 'POST' ? 'a,b\n1,2\n' : undefined);
  });
}

describe('who may reach the control server', () => {
  it('refuses a WebSocket from another site with 403 before any WebSocket exists', async () => {
    const { port } = await studio();
    const refused = await refusedUpgrade(port, { origin: 'https://evil.example' });
    expect(refused).toEqual({
      status: 403,
      body: "A page from https://evil.example may not connect here; only this server's own pages may.\n",
    });
  });

  it('refuses a page that reached it through a re-pointed name (DNS rebinding): HTTP and WebSocket', async () => {
    const { port } = await studio();
    const page = await requestWithHost(port, 'evil.example');
    expect(page.status).toBe(421);
    expect(page.type).toBe('text/plain; charset=utf-8');
    expect(page.body).toBe(`This server answers only at its own address (such as 127.0.0.1:${port}), not at "evil.example".\n`);
    expect((await requestWithHost(port, `evil.example:${port}`, { path: '/healthz' })).status).toBe(421);
    const upgrade = await refusedUpgrade(port, { host: `evil.example:${port}`, origin: `http://evil.example:${port}` });
    expect(upgrade.status).toBe(421);
  });

  it("serves and answers the studio's own pages: 127.0.0.1 and localhost, with and without Origin", async () => {
    const { port, token } = await studio();
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      expect((await requestWithHost(port, host)).status).toBe(200);
      const client = await connect(port, { origin: `http://${host}` });
      client.send({ type: 'auth', token });
      await client.next((f) => f.type === 'auth-ok');
      client.send({ type: 'request', id: 1, channel: 'studio:app:info' });
      expect(await client.next((f) => f.type === 'response')).toMatchObject({ result: { ok: true } });
      client.ws.close();
    }
  });

  it('refuses an upload posted by another site, even with the token', async () => {
    const { port, token, dataDir } = await studio();
    const refused = await requestWithHost(port, `127.0.0.1:${port}`, {
      method: 'POST',
      path: '/api/upload?name=list.csv',
      headers: { Authorization: `Bearer ${token}`, Origin: 'https://evil.example' },
    });
    expect(refused.status).toBe(403);
    expect(fs.existsSync(path.join(dataDir, 'uploads'))).toBe(false);
  });

  const lan = lanAddresses()[0];
  it.skipIf(!lan)('accepts the LAN address only when LAN is on', async () => {
    const off = await studio();
    expect((await requestWithHost(off.port, `${lan}:${off.port}`)).status).toBe(421);

    const on = await studio({ allowLan: true });
    const page = await requestWithHost(on.port, `${lan}:${on.port}`);
    expect(page.status).toBe(200);
    const producer = await connect(on.port, { address: lan!, origin: `http://${lan}:${on.port}` });
    producer.send({ type: 'auth', token: on.token });
    await producer.next((f) => f.type === 'auth-ok');
    producer.ws.close();
    expect((await refusedUpgrade(on.port, { origin: 'http://192.0.2.254:80' })).status).toBe(403);
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
      role: 'host',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(core.settings.get().controlServer.enabled).toBe(true);
    expect(core.settings.get().hostName).toBe('');
  });
});

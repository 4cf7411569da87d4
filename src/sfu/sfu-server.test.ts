import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startSfuServer, type SfuServer } from './sfu-server.js';
import { TestSignalClient, joinAsProducingHost } from '../../tests/harness/signal-client.js';
import { buildViewerBundle } from './viewer-bundle.js';

/** The HTTP side, shutdown and worker recovery, with real mediasoup workers. */

const TOKEN = 'server-test-token';
let viewerDir: string;

beforeAll(async () => {
  viewerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-viewer-'));
  await buildViewerBundle(viewerDir);
});
afterAll(() => fs.rmSync(viewerDir, { recursive: true, force: true }));

const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('HTTP', () => {
  let sfu: SfuServer;
  beforeAll(async () => {
    sfu = await startSfuServer({ port: 0, workers: 2, logLevel: 'silent', defaultHostToken: TOKEN, viewerDir });
  });
  afterAll(() => sfu.close());

  it('reports health: workers alive, rooms and viewers', async () => {
    const { host } = await joinAsProducingHost(sfu, 'health-show', TOKEN);
    const viewer = await TestSignalClient.connect(sfu);
    await viewer.requests.request({ type: 'join', show: 'health-show', role: 'viewer' });
    const res = await fetch(`${sfu.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toMatchObject({
      ok: true,
      workers: { total: 2, alive: 2 },
      rooms: 1,
      liveShows: 1,
      hosts: 1,
      viewers: 1,
      connections: 2,
    });
    host.close();
    viewer.close();
  });

  it('serves the watch page with a strict CSP, its assets gzipped, and nothing else', async () => {
    const page = await fetch(sfu.watchUrl('spring-sale'));
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain(`connect-src 'self' ws://${new URL(sfu.url).host}`);
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await page.text();
    expect(html).toContain('src="/viewer/watch.js"');
    expect(html).not.toMatch(/<script>(?!<\/script>)/); // no inline script bodies

    const js = await fetch(`${sfu.url}/viewer/watch.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(js.status).toBe(200);
    expect(js.headers.get('content-encoding')).toBe('gzip');
    expect(js.headers.get('content-type')).toContain('javascript');
    expect((await js.text()).length).toBeGreaterThan(50_000); // fetch decompressed it

    for (const bad of ['/viewer/index.js', '/viewer/..%2Fpackage.json', '/watch/bad%20show', '/watch/', '/', '/signal']) {
      expect((await fetch(`${sfu.url}${bad}`)).status, bad).toBe(404);
    }
    expect((await fetch(`${sfu.url}/healthz`, { method: 'POST' })).status).toBe(405);
  });
});

describe('shutdown', () => {
  it('tells every viewer the show ended, closes sockets and stops the workers', async () => {
    const sfu = await startSfuServer({ port: 0, workers: 2, logLevel: 'silent', defaultHostToken: TOKEN, viewerDir });
    const pids = sfu.workerPids();
    const { host } = await joinAsProducingHost(sfu, 'closing-time', TOKEN);
    const viewers = await Promise.all([1, 2].map(() => TestSignalClient.connect(sfu)));
    for (const v of viewers) await v.requests.request({ type: 'join', show: 'closing-time', role: 'viewer' });

    await sfu.close();
    for (const v of viewers) {
      expect(await v.waitForPush('showEnded')).toEqual({ type: 'showEnded', reason: 'server-shutdown' });
      expect((await v.closed).code).toBe(1001);
    }
    expect((await host.closed).code).toBe(1001);
    await until(() => pids.every((pid) => !processAlive(pid)));
    await sfu.close(); // a second close is harmless
  });
});

describe('worker death', () => {
  it('replaces a dead worker and tells its rooms to rejoin, which then works', async () => {
    const sfu = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', defaultHostToken: TOKEN, viewerDir });
    try {
      const { host } = await joinAsProducingHost(sfu, 'crash-test', TOKEN);
      const viewer = await TestSignalClient.connect(sfu);
      await viewer.requests.request({ type: 'join', show: 'crash-test', role: 'viewer' });
      const [pid] = sfu.workerPids();
      process.kill(pid!, 'SIGKILL');

      for (const client of [viewer, host]) {
        expect(await client.waitForPush('rejoin')).toEqual({ type: 'rejoin', reason: 'media-server-restarted' });
        expect((await client.closed).code).toBe(1012);
      }
      await until(() => sfu.health().ok === true && sfu.workerPids()[0] !== pid);

      // Rejoining lands on the new worker: the show goes live again and viewers can consume.
      const again = await joinAsProducingHost(sfu, 'crash-test', TOKEN);
      const back = await TestSignalClient.connect(sfu);
      const { room } = await back.requests.request({ type: 'join', show: 'crash-test', role: 'viewer' });
      expect(room.live).toBe(true);
      const { rtpCapabilities } = await back.requests.request({ type: 'routerRtpCapabilities' });
      const t = await back.requests.request({ type: 'createTransport', direction: 'recv' });
      await back.requests.request({ type: 'consume', transportId: t.transportId, producerId: again.videoProducerId, rtpCapabilities });
      again.host.close();
      back.close();
    } finally {
      await sfu.close();
    }
  });
});

describe('TLS', () => {
  it('serves health and signaling over https/wss when given a certificate', async () => {
    const certFile = path.join(viewerDir, 'cert.pem');
    const keyFile = path.join(viewerDir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
    const sfu = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', viewerDir, tls: { certFile, keyFile } });
    try {
      expect(sfu.url).toMatch(/^https:/);
      expect(sfu.signalUrl).toMatch(/^wss:/);
      const health = await new Promise<string>((resolve, reject) => {
        https.get(`${sfu.url}/healthz`, { rejectUnauthorized: false }, (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve(body));
        }).on('error', reject);
      });
      expect(JSON.parse(health)).toMatchObject({ ok: true });
      const ws = new WebSocket(sfu.signalUrl, { rejectUnauthorized: false });
      const reply = await new Promise<string>((resolve, reject) => {
        // No studio opened this show: the answer says so (the round trip over wss is what counts here).
        ws.once('open', () => ws.send(JSON.stringify({ type: 'join', requestId: 1, show: 'tls-show', role: 'viewer' })));
        ws.once('message', (d) => resolve(d.toString()));
        ws.once('error', reject);
      });
      expect(JSON.parse(reply)).toMatchObject({ type: 'error', requestId: 1, code: 'not-started' });
      ws.close();
    } finally {
      await sfu.close();
    }
  });
});

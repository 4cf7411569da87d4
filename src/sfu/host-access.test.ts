/**
 * Hosting is for the studio; watching is for anyone. A connection whose page
 * is another site's, or that reached the SFU through a name that is not its
 * own (DNS rebinding), may not join as host, even with the right token;
 * viewers join from any page and through any name (embeds, a public server).
 */
import fs from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/support/temp-dir.js';
import { TestSignalClient } from '../../tests/harness/signal-client.js';
import type { SignalRequestError } from '../shared/sfu/signal-requests.js';
import { startSfuServer, type SfuServer } from './sfu-server.js';

const TOKEN = 'host-access-token';
const clients: TestSignalClient[] = [];
let sfu: SfuServer;
beforeAll(async () => {
  sfu = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', defaultHostToken: TOKEN });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await sfu.close();
});

async function joinAs(server: SfuServer, role: 'host' | 'viewer', headers: Record<string, string>, show = 'access-show') {
  const client = await TestSignalClient.connect(server, headers);
  clients.push(client);
  const request =
    role === 'host' ? ({ type: 'join', show, role, hostToken: TOKEN } as const) : ({ type: 'join', show, role } as const);
  return client.requests.request(request).then(
    (reply) => ({ ok: true as const, role: reply.role }),
    (error: unknown) => ({ ok: false as const, code: (error as SignalRequestError).code, message: (error as Error).message }),
  );
}

describe('joining as host', () => {
  it("refuses another site's page, even with the right token, and says why", async () => {
    expect(await joinAs(sfu, 'host', { Origin: 'https://evil.example' })).toEqual({
      ok: false,
      code: 'forbidden',
      message:
        "Only the studio may join as host. A page from https://evil.example may not connect here; only this server's own pages may.",
    });
  });

  it('refuses a connection that reached the SFU through a name that is not its own (DNS rebinding)', async () => {
    const rebound = await joinAs(sfu, 'host', { Host: `evil.example:${sfu.port}`, Origin: `http://evil.example:${sfu.port}` });
    expect(rebound).toMatchObject({ ok: false, code: 'forbidden' });
    expect(!rebound.ok && rebound.message).toContain('This server answers only at its own address');
    expect(await joinAs(sfu, 'host', { Host: `evil.example:${sfu.port}` })).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('accepts the studio: a program (no Origin), or a studio page on this computer, whatever its port', async () => {
    expect(await joinAs(sfu, 'host', {})).toEqual({ ok: true, role: 'host' });
    expect(await joinAs(sfu, 'host', { Origin: 'http://127.0.0.1:4781' })).toEqual({ ok: true, role: 'host' });
    expect(await joinAs(sfu, 'host', { Origin: 'http://localhost:51234', Host: `localhost:${sfu.port}` })).toEqual({ ok: true, role: 'host' });
  });
});

describe('joining as viewer', () => {
  it('works from any page and through any name: the watch page is public and may be embedded', async () => {
    expect(await joinAs(sfu, 'viewer', { Origin: 'https://shop.example' })).toEqual({ ok: true, role: 'viewer' });
    expect(await joinAs(sfu, 'viewer', { Origin: 'null', Host: 'watch.example' })).toEqual({ ok: true, role: 'viewer' });
  });

  it('gets the watch page and the health report whatever the Host', async () => {
    const viewerDir = tempDir();
    fs.writeFileSync(`${viewerDir}/index.html`, '<!doctype html><title>watch</title>');
    const server = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', viewerDir });
    try {
      for (const path of ['/watch/access-show', '/healthz']) {
        const status = await new Promise<number>((resolve, reject) =>
          http
            .get({ host: '127.0.0.1', port: server.port, path, headers: { Host: 'watch.example' } }, (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            })
            .on('error', reject),
        );
        expect(status, path).toBe(200);
      }
    } finally {
      await server.close();
    }
  });
});

describe('a standalone SFU (reached by names it cannot know)', () => {
  let standalone: SfuServer;
  beforeAll(async () => {
    standalone = await startSfuServer({
      port: 0,
      workers: 1,
      logLevel: 'silent',
      defaultHostToken: TOKEN,
      hostAccess: { names: null, origins: ['app://studio'] },
    });
  });
  afterAll(() => standalone.close());

  it('accepts a host through any name, from the desktop window or a local studio page; never from another site', async () => {
    expect(await joinAs(standalone, 'host', { Host: 'sfu.example.com' }, 'a')).toEqual({ ok: true, role: 'host' });
    expect(await joinAs(standalone, 'host', { Host: 'sfu.example.com', Origin: 'app://studio' }, 'b')).toEqual({ ok: true, role: 'host' });
    expect(await joinAs(standalone, 'host', { Origin: 'http://127.0.0.1:4781' }, 'c')).toEqual({ ok: true, role: 'host' });
    expect(await joinAs(standalone, 'host', { Origin: 'https://evil.example' }, 'd')).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

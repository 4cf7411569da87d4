import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBED_ORIGINS_META } from '../shared/sfu/embed-messages.js';
import { frameAncestors } from './embed-routes.js';
import { startSfuServer, type SfuServer } from './sfu-server.js';

/**
 * The embedded player's framing rules on a real SFU server (one mediasoup
 * worker): `/embed/<show>` may be framed by the allowed origins only, the
 * allow-list is read per request (the studio's Settings change it live),
 * and the watch page stays unframeable whatever the list says.
 */

let root: string;
let sfu: SfuServer;
let allowed: string[] = [];

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-embed-route-'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><html><head><title>Live show</title></head><body></body></html>');
  fs.writeFileSync(path.join(root, 'embed.js'), 'void 0;');
  sfu = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', viewerDir: root, embedOrigins: () => allowed });
});
afterAll(async () => {
  await sfu.close();
  fs.rmSync(root, { recursive: true, force: true });
});

function get(rawPath: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: sfu.port, path: rawPath }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

const ancestorsOf = (csp: string | string[] | undefined): string => /frame-ancestors ([^;]+)/.exec(String(csp))?.[1] ?? '';

describe('GET /embed/<show>', () => {
  it('may be framed by the allowed origins only, and tells the player which they are', async () => {
    allowed = ['https://shop.example.com', 'http://localhost:8080'];
    const page = await get('/embed/spring-sale');
    expect(page.status).toBe(200);
    expect(ancestorsOf(page.headers['content-security-policy'])).toBe('https://shop.example.com http://localhost:8080');
    // X-Frame-Options would forbid every frame: the embed page has none.
    expect(page.headers['x-frame-options']).toBeUndefined();
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain(`<meta name="${EMBED_ORIGINS_META}" content="https://shop.example.com http://localhost:8080" />`);
  });

  it('may be framed by no page while the list is empty', async () => {
    allowed = [];
    const page = await get('/embed/spring-sale');
    expect(ancestorsOf(page.headers['content-security-policy'])).toBe("'none'");
    expect(page.body).toContain(`<meta name="${EMBED_ORIGINS_META}" content="" />`);
  });

  it('follows a change of the list at once (no restart)', async () => {
    allowed = ['https://a.example'];
    expect(ancestorsOf((await get('/embed/spring-sale')).headers['content-security-policy'])).toBe('https://a.example');
    allowed = ['https://b.example'];
    expect(ancestorsOf((await get('/embed/spring-sale')).headers['content-security-policy'])).toBe('https://b.example');
  });

  it('never lets a malformed entry widen the header', async () => {
    allowed = ['*', 'https://shop.example.com/path', "https://x.example; script-src 'unsafe-inline'", 'http://evil.example', 'https://ok.example'];
    const page = await get('/embed/spring-sale');
    expect(ancestorsOf(page.headers['content-security-policy'])).toBe('https://ok.example');
    expect(String(page.headers['content-security-policy'])).not.toContain('unsafe-inline');
  });

  it('has the watch page’s policy in all but frame-ancestors (one policy to keep strict)', async () => {
    allowed = ['https://shop.example.com'];
    const withoutAncestors = (csp: string | string[] | undefined) => String(csp).replace(/frame-ancestors [^;]+/, '');
    const [embed, watch] = await Promise.all([get('/embed/spring-sale'), get('/watch/spring-sale')]);
    expect(withoutAncestors(embed.headers['content-security-policy'])).toBe(withoutAncestors(watch.headers['content-security-policy']));
  });

  it('answers 404 for a show id of the wrong shape', async () => {
    expect((await get('/embed/..%2Fetc')).status).toBe(404);
    expect((await get('/embed/a%20b')).status).toBe(404);
  });
});

describe('the watch page', () => {
  it('may not be framed, whatever the embed list says', async () => {
    allowed = ['https://shop.example.com'];
    const page = await get('/watch/spring-sale');
    expect(page.status).toBe(200);
    expect(ancestorsOf(page.headers['content-security-policy'])).toBe("'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
  });
});

describe('GET /embed.js', () => {
  it('is a script other origins may load', async () => {
    const script = await get('/embed.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(script.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('frameAncestors', () => {
  it('deduplicates and keeps canonical origins only', () => {
    expect(frameAncestors(['https://a.example', 'https://a.example', 'HTTPS://B.example'])).toBe('frame-ancestors https://a.example');
    expect(frameAncestors([])).toBe("frame-ancestors 'none'");
  });
});

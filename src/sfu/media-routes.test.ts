import crypto from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solidPng } from '../../tests/harness/https-pictures.js';
import { SfuMediaStore } from './media-store.js';
import { startSfuServer, type SfuServer } from './sfu-server.js';

/**
 * `/media/<id>` on a real SFU server (one mediasoup worker): only the host of
 * the show may send a picture, its bytes must match its name, 10 MB at most;
 * anyone may then load it from this origin. (The studio's sender is tested
 * against it in src/main/sfu-link/picture-upload.test.ts.)
 */

const SHOW = 'spring-show';
const TOKEN = 'host-secret-token-for-tests';
let sfu: SfuServer;
const png = solidPng(5, 5, [220, 40, 120]);
const idOf = (bytes: Buffer, ext: string) => `${crypto.createHash('sha256').update(bytes).digest('hex')}.${ext}`;

beforeAll(async () => {
  sfu = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', hostTokens: { [SHOW]: TOKEN } });
});
afterAll(() => sfu.close());

function request(method: string, path: string, body?: Buffer, headers: Record<string, string> = {}, port = sfu.port): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: { ...headers, ...(body ? { 'Content-Length': String(body.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    // The server may answer (413) and close before the whole body is written.
    req.on('error', (error) => (/EPIPE|ECONNRESET/.test(String(error)) ? undefined : reject(error)));
    req.end(body);
  });
}

describe('/media/<id> on the SFU', () => {
  it('takes a picture from the host of the show and serves it from its own origin', async () => {
    const id = idOf(png, 'png');
    expect((await request('GET', `/media/${id}`)).status).toBe(404);
    const auth = { Authorization: `Bearer ${TOKEN}` };
    expect((await request('PUT', `/media/${id}?show=${SHOW}`, png, auth)).status).toBe(201);
    const served = await request('GET', `/media/${id}`);
    expect(served.status).toBe(200);
    expect(served.body).toEqual(png);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['cache-control']).toContain('immutable');
    // Sent again (a re-pin): nothing to read, still there.
    expect((await request('PUT', `/media/${id}?show=${SHOW}`, png, auth)).status).toBe(204);
  });

  it('refuses a picture without the host token of that show', async () => {
    const other = solidPng(2, 2, [1, 1, 1]);
    const id = idOf(other, 'png');
    expect((await request('PUT', `/media/${id}?show=${SHOW}`, other)).status).toBe(401);
    expect((await request('PUT', `/media/${id}?show=${SHOW}`, other, { Authorization: 'Bearer wrong-token' })).status).toBe(401);
    expect((await request('PUT', `/media/${id}?show=other-show`, other, { Authorization: `Bearer ${TOKEN}` })).status).toBe(401);
    expect((await request('GET', `/media/${id}`)).status).toBe(404);
  });

  it('counts wrong tokens toward the host-token lockout: guessing through the upload route is locked out too', async () => {
    const strict = await startSfuServer({
      port: 0,
      workers: 1,
      logLevel: 'silent',
      hostTokens: { [SHOW]: TOKEN },
      hostTokenLockout: { lockAfterFailures: 3, firstLockMs: 60_000, maxLockMs: 60_000, forgetAfterMs: 3_600_000, maxAddresses: 100 },
    });
    try {
      const id = idOf(png, 'png');
      const put = (token: string) => request('PUT', `/media/${id}?show=${SHOW}`, png, { Authorization: `Bearer ${token}` }, strict.port);
      expect((await put('guess-1')).status).toBe(401);
      expect((await put('guess-2')).status).toBe(401);
      expect((await put('guess-3')).status).toBe(401);
      expect((await put('guess-4')).status).toBe(429);
      // Locked: even the right token waits, so a guess that happens to be right tells nothing.
      expect((await put(TOKEN)).status).toBe(429);
    } finally {
      await strict.close();
    }
  });

  it('refuses bytes that do not match the name, and what is not a picture', async () => {
    const auth = { Authorization: `Bearer ${TOKEN}` };
    const claimed = idOf(solidPng(3, 3, [9, 9, 9]), 'png');
    expect((await request('PUT', `/media/${claimed}?show=${SHOW}`, png, auth)).status).toBe(422);
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    expect((await request('PUT', `/media/${idOf(html, 'png')}?show=${SHOW}`, html, auth)).status).toBe(422);
    expect((await request('PUT', `/media/secret.png?show=${SHOW}`, png, auth)).status).toBe(404);
    expect((await request('GET', `/media/${claimed}`)).status).toBe(404);
  });

  it('refuses a body over 10 MB', async () => {
    const big = Buffer.concat([png, Buffer.alloc(10 * 1024 * 1024)]);
    const answer = await request('PUT', `/media/${idOf(big, 'png')}?show=${SHOW}`, big, { Authorization: `Bearer ${TOKEN}` });
    expect(answer.status).toBe(413);
    expect((await request('GET', `/media/${idOf(big, 'png')}`)).status).toBe(404);
  });
});

describe('SfuMediaStore', () => {
  it('keeps at most its byte budget, dropping the least recently served first', () => {
    const store = new SfuMediaStore(10);
    const a = `${'a'.repeat(64)}.png`;
    const b = `${'b'.repeat(64)}.png`;
    const c = `${'c'.repeat(64)}.png`;
    store.put(a, Buffer.alloc(4));
    store.put(b, Buffer.alloc(4));
    expect(store.get(a)).not.toBeNull(); // a is now the most recent
    store.put(c, Buffer.alloc(4));
    expect([store.has(a), store.has(b), store.has(c)]).toEqual([true, false, true]);
    expect(store.size).toBe(8);
    store.put(`${'d'.repeat(64)}.png`, Buffer.alloc(11)); // larger than the whole budget: not kept
    expect(store.size).toBe(8);
  });
});

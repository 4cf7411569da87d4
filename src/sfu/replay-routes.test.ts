import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRange, REPLAY_CONTENT_SECURITY_POLICY } from './replay-routes.js';
import { startSfuServer, type SfuServer } from './sfu-server.js';

/**
 * `/replay/<name>/` on a real SFU server (one mediasoup worker): the files
 * of a published folder with the right types and a strict CSP, byte ranges
 * for the video, and nothing else — no listing, no way out of the folder.
 */

let root: string;
let replayDir: string;
let sfu: SfuServer;
let noReplays: SfuServer;
const video = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-replay-route-'));
  replayDir = path.join(root, 'replays');
  const show = path.join(replayDir, 'spring-drop');
  fs.mkdirSync(path.join(show, 'images'), { recursive: true });
  fs.writeFileSync(path.join(show, 'index.html'), '<!doctype html><title>Spring drop</title>');
  fs.writeFileSync(path.join(show, 'replay.js'), 'void 0;');
  fs.writeFileSync(path.join(show, 'replay.css'), 'body{}');
  fs.writeFileSync(path.join(show, 'timeline.json'), '{}');
  fs.writeFileSync(path.join(show, 'video.mp4'), video);
  fs.writeFileSync(path.join(show, 'images', '1.png'), 'png');
  fs.writeFileSync(path.join(show, 'notes.txt'), 'not part of a replay');
  // Secrets beside the replay folder, and a link that points at them.
  fs.writeFileSync(path.join(root, 'secret.json'), '{"token":"s3cret"}');
  fs.symlinkSync(path.join(root, 'secret.json'), path.join(show, 'escape.json'));
  sfu = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', replayDir });
  noReplays = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent' });
});
afterAll(async () => {
  await Promise.all([sfu.close(), noReplays.close()]);
  fs.rmSync(root, { recursive: true, force: true });
});

/** A raw GET (fetch would normalise "..", which is exactly what must be tried). */
function get(server: SfuServer, rawPath: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: rawPath, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('GET /replay/<name>/', () => {
  it('serves the page at the folder with a strict CSP and its files with their types', async () => {
    const page = await get(sfu, '/replay/spring-drop/');
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('Spring drop');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(REPLAY_CONTENT_SECURITY_POLICY);
    expect(REPLAY_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(REPLAY_CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(REPLAY_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe|https:|\*/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const types = {
      'replay.js': 'text/javascript; charset=utf-8',
      'replay.css': 'text/css; charset=utf-8',
      'timeline.json': 'application/json; charset=utf-8',
      'video.mp4': 'video/mp4',
      'images/1.png': 'image/png',
    };
    for (const [file, type] of Object.entries(types)) {
      const res = await get(sfu, `/replay/spring-drop/${file}`);
      expect([file, res.status, res.headers['content-type']]).toEqual([file, 200, type]);
      expect(res.headers['content-security-policy']).toBe(REPLAY_CONTENT_SECURITY_POLICY);
    }
  });

  it('sends /replay/<name> on to /replay/<name>/ so the page finds its files', async () => {
    const res = await get(sfu, '/replay/spring-drop');
    expect(res.status).toBe(308);
    expect(res.headers.location).toBe('/replay/spring-drop/');
  });

  it('answers byte ranges of the video (206, Content-Range), and 416 past its end', async () => {
    const whole = await get(sfu, '/replay/spring-drop/video.mp4');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.body.equals(video)).toBe(true);

    const middle = await get(sfu, '/replay/spring-drop/video.mp4', { Range: 'bytes=100-199' });
    expect(middle.status).toBe(206);
    expect(middle.headers['content-range']).toBe('bytes 100-199/1000');
    expect(middle.headers['content-length']).toBe('100');
    expect(middle.body.equals(video.subarray(100, 200))).toBe(true);

    const open = await get(sfu, '/replay/spring-drop/video.mp4', { Range: 'bytes=990-' });
    expect([open.status, open.headers['content-range'], open.body.length]).toEqual([206, 'bytes 990-999/1000', 10]);
    const tail = await get(sfu, '/replay/spring-drop/video.mp4', { Range: 'bytes=-5' });
    expect(tail.body.equals(video.subarray(995))).toBe(true);

    const beyond = await get(sfu, '/replay/spring-drop/video.mp4', { Range: 'bytes=1000-' });
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-range']).toBe('bytes */1000');
  });

  it('answers a repeat visit with 304 when nothing changed, and a stale If-Range with the whole file', async () => {
    const first = await get(sfu, '/replay/spring-drop/timeline.json');
    const again = await get(sfu, '/replay/spring-drop/timeline.json', { 'If-None-Match': first.headers.etag! });
    expect(again.status).toBe(304);
    const stale = await get(sfu, '/replay/spring-drop/video.mp4', { Range: 'bytes=0-9', 'If-Range': '"older"' });
    expect([stale.status, stale.body.length]).toEqual([200, 1000]);
  });

  it('refuses paths out of the folder, hidden or unknown files, symlinks out, and never lists a folder', async () => {
    for (const attempt of [
      '/replay/spring-drop/../../secret.json',
      '/replay/spring-drop/%2e%2e/%2e%2e/secret.json',
      '/replay/spring-drop/..%2f..%2fsecret.json',
      '/replay/..%2fsecret.json',
      '/replay/%2e%2e/secret.json',
      '/replay/spring-drop/escape.json',
      '/replay/spring-drop/notes.txt',
      '/replay/spring-drop/images/',
      '/replay/spring-drop/images',
      '/replay/spring-drop/.hidden.json',
      '/replay/spring-drop/images/../../../secret.json',
      '/replay/',
      '/replay',
      '/replay/no-such-show/',
    ]) {
      const res = await get(sfu, attempt);
      expect([attempt, res.status]).toEqual([attempt, 404]);
      expect(res.body.toString()).not.toContain('s3cret');
    }
  });

  it('is off on a server started without a replay folder', async () => {
    expect((await get(noReplays, '/replay/spring-drop/')).status).toBe(404);
  });
});

describe('parseRange', () => {
  it('reads one range and refuses what it cannot serve', () => {
    expect(parseRange(undefined, 10)).toBeNull();
    expect(parseRange('bytes=0-0', 10)).toEqual({ start: 0, end: 0 });
    expect(parseRange('bytes=5-100', 10)).toEqual({ start: 5, end: 9 });
    expect(parseRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange('bytes=-30', 10)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=10-', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=6-5', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 10)).toBe('unsatisfiable');
    // Several ranges or another unit: the whole file.
    expect(parseRange('bytes=0-1,4-5', 10)).toBeNull();
    expect(parseRange('items=0-1', 10)).toBeNull();
  });
});

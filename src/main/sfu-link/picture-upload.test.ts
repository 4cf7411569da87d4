import crypto from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solidPng } from '../../../tests/harness/https-pictures.js';
import { startSfuServer, type SfuServer } from '../../sfu/index.js';
import { PictureSender, uploadPicture } from './picture-upload.js';

/** The studio's side of /media/<id>, against a real SFU server (one mediasoup worker). */

const SHOW = 'picture-show';
const TOKEN = 'studio-host-token-for-tests';
let sfu: SfuServer;
const png = solidPng(4, 4, [80, 160, 240]);
const id = `${crypto.createHash('sha256').update(png).digest('hex')}.png`;
const signalUrl = () => `ws://127.0.0.1:${sfu.port}/signal`;

beforeAll(async () => {
  sfu = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', hostTokens: { [SHOW]: TOKEN } });
});
afterAll(() => sfu.close());

describe('uploadPicture', () => {
  it('sends a kept picture with the host token; the SFU then serves it', async () => {
    expect(await uploadPicture(signalUrl(), SHOW, 'not-the-token', id, png)).toBe(false);
    expect((await fetch(`http://127.0.0.1:${sfu.port}/media/${id}`)).status).toBe(404);
    expect(await uploadPicture(signalUrl(), SHOW, TOKEN, id, png)).toBe(true);
    const served = await fetch(`http://127.0.0.1:${sfu.port}/media/${id}`);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(png);
  });

  it('sends each picture once per connection, and again on a new one (a restarted SFU has none)', async () => {
    const reads: string[] = [];
    const sender = new PictureSender({
      signalUrl: signalUrl(),
      room: SHOW,
      hostToken: TOKEN,
      pictureBytes: (p) => (reads.push(p), Promise.resolve(png)),
    });
    const first = {};
    await sender.send(first, id);
    expect(sender.send(first, id)).toBeNull();
    expect(sender.send(first, undefined)).toBeNull();
    await sender.send({}, id);
    expect(reads).toEqual([id, id]);
  });

  it('holds a pin for its picture no longer than it may, and does not retry a refused picture at every card update', async () => {
    // A server that takes the request and never answers (a slow uplink), and one that answers 405 (an SFU without /media).
    const requests: string[] = [];
    const silent = http.createServer((req) => void requests.push(`silent ${req.method}`));
    const old = http.createServer((req, res) => {
      requests.push(`old ${req.method}`);
      req.resume();
      res.writeHead(405).end();
    });
    await Promise.all([silent, old].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()))));
    const urlOf = (s: http.Server) => `ws://127.0.0.1:${(s.address() as { port: number }).port}/signal`;
    try {
      const connection = {};
      const slow = new PictureSender({ signalUrl: urlOf(silent), room: SHOW, hostToken: TOKEN, pictureBytes: () => Promise.resolve(png) }, 100);
      const started = Date.now();
      await slow.send(connection, id);
      // It let the pin go (the upload goes on): the wait is capped far below the upload's 15 s limit.
      expect(Date.now() - started).toBeLessThan(5_000);
      await expect.poll(() => requests).toEqual(['silent PUT']);

      let clock = 1_000_000;
      const refusing = new PictureSender({ signalUrl: urlOf(old), room: SHOW, hostToken: TOKEN, pictureBytes: () => Promise.resolve(png) }, 5_000, () => clock);
      await refusing.send(connection, id);
      expect(requests.filter((r) => r.startsWith('old'))).toHaveLength(1);
      // Card updates (stock, a deal) right after: nothing is sent again, nothing waits.
      expect(refusing.send(connection, id)).toBeNull();
      clock += 61_000;
      await refusing.send(connection, id);
      expect(requests.filter((r) => r.startsWith('old'))).toHaveLength(2);
    } finally {
      silent.closeAllConnections();
      await Promise.all([silent, old].map((s) => new Promise<void>((r) => s.close(() => r()))));
    }
  });
});

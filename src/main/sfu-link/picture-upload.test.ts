import crypto from 'node:crypto';
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
});

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solidPng, startPictureServer, type PictureServer } from '../../../tests/harness/https-pictures.js';
import { testReplayPageDir } from '../../../tests/harness/test-studio.js';
import { makeTestMp4 } from '../../../tests/harness/test-video.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { readReplayTimeline } from '../../shared/replay/replay-timeline.js';
import { fetchImage, type ImageFetchOptions } from '../media/image-fetcher.js';
import { MediaFiles } from '../media/media-files.js';
import { isPublicAddress } from '../media/public-address.js';
import { writeReplayFolder, type ReplayFolderInput } from './replay-folder.js';
import { replayPicture } from './replay-pictures.js';
import type { PictureSource, PlannedPin, ReplayPlan } from './replay-plan.js';

/**
 * The folder a replay is published as, written for real: the page built
 * by esbuild, a real MP4 from ffmpeg, pictures fetched through the studio's
 * guarded fetcher from an https server on this machine (self-signed,
 * trusted through `ca`). The server is on 127.0.0.1, which the studio never
 * fetches from: the test names it "localhost" through the lookup seam and
 * lets exactly that address through, so every other address meets the real
 * policy (and the tests of that policy use none of the seams' leniency).
 */

let pictures: PictureServer;
let pageDir: string;
let video: string;
let videoDir: string;
let port: string;
let trusted: ImageFetchOptions;
const png = solidPng(8, 8, [200, 30, 60]);
const resolve = (hostname: string) => Promise.resolve(hostname === 'localhost' ? [{ address: '127.0.0.1', family: 4 as const }] : []);

beforeAll(async () => {
  pictures = await startPictureServer({
    '/mug.png': { body: png, type: 'image/png' },
    '/moved.png': { status: 302, location: '/mug.png' },
    '/page.png': { body: Buffer.from('<html><script>alert(1)</script></html>'), type: 'image/png' },
    '/to-http.png': { status: 302, location: 'http://127.0.0.1:9/mug.png' },
  });
  port = new URL(pictures.origin).port;
  trusted = { ca: pictures.certificate, timeoutMs: 5000, resolve, allowAddress: (a) => a === '127.0.0.1' || isPublicAddress(a) };
  pageDir = await testReplayPageDir();
  videoDir = fs.mkdtempSync(path.join(path.dirname(pageDir), 'lss-replay-video-'));
  video = path.join(videoDir, 'recording.mp4');
  await makeTestMp4(video, { seconds: 2 });
});
afterAll(async () => {
  await pictures.close();
  fs.rmSync(videoDir, { recursive: true, force: true });
});

/** The test's picture host, as the catalog would name it. */
const at = (p: string) => `https://localhost:${port}${p}`;
const web = (url: string): PictureSource => ({ mediaId: null, url });

const planned = (title: string, start: number, end: number, picture: PictureSource | null, extra: Partial<PlannedPin['product']> = {}): PlannedPin => ({
  start,
  end,
  wasOnDeal: false,
  picture,
  product: { key: title, title, variant: null, price: '20.00', compareAtPrice: null, currency: 'USD', buyUrl: 'https://shop.example.com/x', available: true, ...extra },
});

const plan = (title = 'Spring drop <b>sale</b> & "more"'): ReplayPlan => ({
  title,
  recordedAt: 1,
  durationMs: 2000,
  pins: [
    planned('Mug', 0.2, 0.6, web(at('/mug.png'))),
    planned('Mug again, same picture', 0.6, 0.8, web(at('/mug.png'))),
    planned('Moved', 0.8, 1.0, web(at('/moved.png'))),
    planned('Not a picture', 1.0, 1.2, web(at('/page.png'))),
    planned('Gone', 1.2, 1.4, web(at('/missing.png'))),
    planned('Plain http', 1.4, 1.6, web('http://localhost:9/mug.png')),
    planned('Downgraded', 1.6, 1.8, web(at('/to-http.png'))),
  ],
  chapters: [{ start: 0.2, pin: 0 }],
  chat: null,
});

const input = (dest: string, overrides: Partial<ReplayFolderInput> = {}): ReplayFolderInput => ({
  dest,
  video,
  pageDir,
  plan: plan(),
  // Nothing is kept in these: every picture comes through the guarded fetcher.
  picture: (source) => replayPicture(source, { kept: () => Promise.resolve(null), fetch: (url) => fetchImage(url, trusted) }),
  now: () => 42,
  ...overrides,
});

const readTimeline = (dir: string) => readReplayTimeline(JSON.parse(fs.readFileSync(path.join(dir, 'timeline.json'), 'utf8')));

describe('writeReplayFolder', () => {
  it('writes a folder that needs nothing from outside it', async () => {
    const dest = path.join(tempDir(), 'replays', 'spring-drop');
    const written = await writeReplayFolder(input(dest));

    expect(fs.readdirSync(dest).sort()).toEqual(['images', 'index.html', 'replay.css', 'replay.js', 'timeline.json', 'video.mp4']);
    expect(fs.readFileSync(path.join(dest, 'video.mp4')).equals(fs.readFileSync(video))).toBe(true);

    const html = fs.readFileSync(path.join(dest, 'index.html'), 'utf8');
    // Every address in the page is a file of the folder; no inline script or style.
    const refs = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    expect(refs.sort()).toEqual(['data:,', 'replay.css', 'replay.js', 'video.mp4']);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect(html).toContain(`content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'"`);
    // The show's name is text in the page, never markup.
    expect(html).toContain('<title>Spring drop &lt;b&gt;sale&lt;/b&gt; &amp; &quot;more&quot; · Replay</title>');
    expect(html).not.toContain('<b>sale');

    // Each picture once, kept only when it is one and came over https all the way.
    const timeline = readTimeline(dest);
    expect(timeline.pins.map((p) => [p.product.title, p.product.image])).toEqual([
      ['Mug', 'images/1.png'],
      ['Mug again, same picture', 'images/1.png'],
      ['Moved', 'images/2.png'],
      ['Not a picture', null],
      ['Gone', null],
      ['Plain http', null],
      ['Downgraded', null],
    ]);
    expect(fs.readdirSync(path.join(dest, 'images')).sort()).toEqual(['1.png', '2.png']);
    expect(fs.readFileSync(path.join(dest, 'images', '1.png')).equals(png)).toBe(true);
    expect(written.missingPictures).toBe(4);
    expect(pictures.requests.filter((r) => r === '/mug.png').length).toBe(2); // the first pin and the redirect, not the same card twice
    expect(timeline.publishedAt).toBe(42);
  });

  it('links the video instead of copying it when the recording is on the same disk', async () => {
    const dest = path.join(videoDir, 'replays', 'linked');
    await writeReplayFolder(input(dest, { plan: { ...plan(), pins: [] } }));
    expect(fs.statSync(path.join(dest, 'video.mp4')).ino).toBe(fs.statSync(video).ino);
  });

  it('replaces an earlier replay whole, and leaves nothing half-written beside it', async () => {
    const parent = path.join(tempDir(), 'replays');
    const dest = path.join(parent, 'spring-drop');
    await writeReplayFolder(input(dest));
    fs.writeFileSync(path.join(dest, 'images', 'stale.png'), png);
    const progress: string[] = [];
    await writeReplayFolder(input(dest, { plan: plan('Second take'), onProgress: (phase, f) => progress.push(`${phase} ${f}`) }));

    expect(readTimeline(dest).title).toBe('Second take');
    expect(fs.existsSync(path.join(dest, 'images', 'stale.png'))).toBe(false);
    expect(fs.readdirSync(parent)).toEqual(['spring-drop']);
    expect(progress[0]).toBe('video 0');
    expect(progress.at(-1)).toBe('finishing 1');
  });

  it('keeps the earlier replay as it was when publishing again fails', async () => {
    const parent = path.join(tempDir(), 'replays');
    const dest = path.join(parent, 'spring-drop');
    await writeReplayFolder(input(dest));
    const before = fs.readFileSync(path.join(dest, 'timeline.json'), 'utf8');
    await expect(writeReplayFolder(input(dest, { plan: plan('Broken'), video: path.join(videoDir, 'nope.mp4') }))).rejects.toThrow(
      /video file is missing/,
    );
    expect(fs.readFileSync(path.join(dest, 'timeline.json'), 'utf8')).toBe(before);
    expect(fs.readdirSync(parent)).toEqual(['spring-drop']);
  });

  it('clears what a crash left beside the folder', async () => {
    const parent = path.join(tempDir(), 'replays');
    fs.mkdirSync(path.join(parent, '.spring-drop.publishing-0a1b2c3d'), { recursive: true });
    fs.mkdirSync(path.join(parent, '.spring-drop.old-deadbeef'));
    fs.mkdirSync(path.join(parent, 'other-show'));
    await writeReplayFolder(input(path.join(parent, 'spring-drop'), { plan: { ...plan(), pins: [] } }));
    expect(fs.readdirSync(parent).sort()).toEqual(['other-show', 'spring-drop']);
  });

  it('never replaces a folder holding other files', async () => {
    const dest = path.join(tempDir(), 'Documents');
    fs.mkdirSync(dest);
    fs.writeFileSync(path.join(dest, 'taxes.pdf'), 'mine');
    await expect(writeReplayFolder(input(dest))).rejects.toThrow(/already holds other files/);
    expect(fs.readdirSync(dest)).toEqual(['taxes.pdf']);
    expect(fs.readdirSync(path.dirname(dest))).toEqual(['Documents']);
  });
});

describe("a replay's pictures", () => {
  const pinsOf = (sources: readonly (PictureSource | null)[]): ReplayPlan => ({
    ...plan(),
    pins: sources.map((source, i) => planned(`Card ${i + 1}`, i * 0.1, (i + 1) * 0.1, source)),
  });
  const publish = async (sources: readonly (PictureSource | null)[], picture: ReplayFolderInput['picture']) => {
    const dest = path.join(tempDir(), 'replays', 'spring-drop');
    const log: string[] = [];
    const written = await writeReplayFolder(input(dest, { plan: pinsOf(sources), picture, log: (m) => log.push(m) }));
    return { dest, log, written, timeline: readTimeline(dest) };
  };

  it('leaves out a picture on this computer or the local network, keeps its card, and never connects to it', async () => {
    const before = { connections: pictures.connections, requests: pictures.requests.length };
    const urls = [
      `https://127.0.0.1:${port}/mug.png`,
      'https://10.0.0.5/mug.png',
      'https://169.254.169.254/latest/meta-data/',
      `https://[::1]:${port}/mug.png`,
      // A name that resolves to this computer, through the system's resolver.
      `https://localhost:${port}/mug.png`,
    ];
    // The studio's own defaults: no trust, no lookup, no address rule given.
    const { log, written, timeline } = await publish(urls.map(web), (source) => replayPicture(source, { kept: () => Promise.resolve(null) }));

    expect(timeline.pins.map((p) => [p.product.title, p.product.image])).toEqual(urls.map((_, i) => [`Card ${i + 1}`, null]));
    expect(written.missingPictures).toBe(urls.length);
    expect(log).toHaveLength(urls.length);
    for (const url of urls) expect(log.find((m) => m.includes(`(${url})`)), url).toMatch(/private or local network/);
    expect(pictures.connections).toBe(before.connections);
    expect(pictures.requests.length).toBe(before.requests);
  });

  it('leaves out a name that resolves to this computer, with the real address rule', async () => {
    const before = pictures.connections;
    // The lookup seam names the server "localhost" (127.0.0.1), but the address rule is the studio's.
    const { log, timeline } = await publish([web(at('/mug.png'))], (source) =>
      replayPicture(source, { kept: () => Promise.resolve(null), fetch: (url) => fetchImage(url, { ca: pictures.certificate, resolve }) }),
    );
    expect(timeline.pins[0]?.product).toMatchObject({ title: 'Card 1', image: null });
    expect(log).toEqual([`A product picture was left out of the replay (${at('/mug.png')}): the address leads to a private or local network (127.0.0.1); only public websites are allowed`]);
    expect(pictures.connections).toBe(before);
  });

  it('takes a picture the studio keeps from the data folder, with no request, and fetches only what it does not keep', async () => {
    const files = new MediaFiles(path.join(tempDir(), 'media'));
    const kept = solidPng(4, 4, [10, 200, 90]);
    const id = await files.put(kept);
    const lost = `${'0'.repeat(64)}.png`; // named by a card, but its file is gone from the data folder
    const fetched: string[] = [];
    const before = { connections: pictures.connections, requests: pictures.requests.length };
    const { written, timeline, dest } = await publish(
      [{ mediaId: id, url: at('/page.png') }, { mediaId: id, url: null }, { mediaId: lost, url: at('/mug.png') }, { mediaId: lost.replace(/^0/, '1'), url: null }],
      (source) =>
        replayPicture(source, {
          kept: (mediaId) => files.read(mediaId),
          fetch: (url) => {
            fetched.push(url);
            return fetchImage(url, trusted);
          },
        }),
    );

    // The kept copy (whatever its address serves now), once for both cards that name it.
    expect(timeline.pins.map((p) => p.product.image)).toEqual(['images/1.png', 'images/1.png', 'images/2.png', null]);
    expect(fs.readFileSync(path.join(dest, 'images', '1.png')).equals(kept)).toBe(true);
    expect(fs.readFileSync(path.join(dest, 'images', '2.png')).equals(png)).toBe(true);
    expect(written.missingPictures).toBe(1);
    expect(fetched).toEqual([at('/mug.png')]);
    expect(pictures.requests.slice(before.requests)).toEqual(['/mug.png']);
    expect(pictures.connections).toBe(before.connections + 1);
  });
});

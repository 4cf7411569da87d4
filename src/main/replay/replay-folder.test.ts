import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solidPng, startPictureServer, type PictureServer } from '../../../tests/harness/https-pictures.js';
import { testReplayPageDir } from '../../../tests/harness/test-studio.js';
import { makeTestMp4 } from '../../../tests/harness/test-video.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { readReplayTimeline } from '../../shared/replay/replay-timeline.js';
import { writeReplayFolder, type ReplayFolderInput } from './replay-folder.js';
import { fetchPicture } from './replay-pictures.js';
import type { PlannedPin, ReplayPlan } from './replay-plan.js';

/**
 * The folder a replay is published as, written for real: the page built
 * by esbuild, a real MP4 from ffmpeg, pictures fetched over https from a
 * server on this machine (self-signed, trusted through `ca`).
 */

let pictures: PictureServer;
let pageDir: string;
let video: string;
let videoDir: string;
const png = solidPng(8, 8, [200, 30, 60]);

beforeAll(async () => {
  pictures = await startPictureServer({
    '/mug.png': { body: png, type: 'image/png' },
    '/moved.png': { status: 302, location: '/mug.png' },
    '/page.png': { body: Buffer.from('<html><script>alert(1)</script></html>'), type: 'image/png' },
    '/to-http.png': { status: 302, location: 'http://127.0.0.1:9/mug.png' },
  });
  pageDir = await testReplayPageDir();
  videoDir = fs.mkdtempSync(path.join(path.dirname(pageDir), 'lss-replay-video-'));
  video = path.join(videoDir, 'recording.mp4');
  await makeTestMp4(video, { seconds: 2 });
});
afterAll(async () => {
  await pictures.close();
  fs.rmSync(videoDir, { recursive: true, force: true });
});

const planned = (title: string, start: number, end: number, pictureUrl: string | null, extra: Partial<PlannedPin['product']> = {}): PlannedPin => ({
  start,
  end,
  wasOnDeal: false,
  pictureUrl,
  product: { key: title, title, variant: null, price: '20.00', compareAtPrice: null, currency: 'USD', buyUrl: 'https://shop.example.com/x', available: true, ...extra },
});

const plan = (title = 'Spring drop <b>sale</b> & "more"'): ReplayPlan => ({
  title,
  recordedAt: 1,
  durationMs: 2000,
  pins: [
    planned('Mug', 0.2, 0.6, `${pictures.origin}/mug.png`),
    planned('Mug again, same picture', 0.6, 0.8, `${pictures.origin}/mug.png`),
    planned('Moved', 0.8, 1.0, `${pictures.origin}/moved.png`),
    planned('Not a picture', 1.0, 1.2, `${pictures.origin}/page.png`),
    planned('Gone', 1.2, 1.4, `${pictures.origin}/missing.png`),
    planned('Plain http', 1.4, 1.6, 'http://127.0.0.1:9/mug.png'),
    planned('Downgraded', 1.6, 1.8, `${pictures.origin}/to-http.png`),
  ],
  chapters: [{ start: 0.2, pin: 0 }],
  chat: null,
});

const input = (dest: string, overrides: Partial<ReplayFolderInput> = {}): ReplayFolderInput => ({
  dest,
  video,
  pageDir,
  plan: plan(),
  fetchPicture: (url) => fetchPicture(url, { ca: pictures.certificate, timeoutMs: 5000 }),
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

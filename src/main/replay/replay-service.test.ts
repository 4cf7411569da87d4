import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solidPng, startPictureServer, type PictureServer } from '../../../tests/harness/https-pictures.js';
import { until, type TestStudio } from '../../../tests/harness/test-studio.js';
import { makeTestMp4 } from '../../../tests/harness/test-video.js';
import { liveTestHarness } from '../../../tests/support/live-world.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import type { PinRecord } from '../../shared/domain/live.js';
import type { ReplayList } from '../../shared/domain/replay.js';
import { readReplayTimeline } from '../../shared/replay/replay-timeline.js';

/**
 * "Publish replay" through the whole studio core: the API (validation and
 * roles included), a recording row with a real MP4 from ffmpeg, pins made
 * through the API, and the built-in SFU serving the result at its link.
 */

const live = liveTestHarness();

/** A picture host on this computer: the studio, with its shipped defaults, must never reach it. */
let pictureHost: PictureServer;
const png = solidPng(8, 8, [90, 40, 160]);
beforeAll(async () => {
  pictureHost = await startPictureServer({ '/mug.png': { body: png, type: 'image/png' } });
});
afterAll(() => pictureHost.close());

/** A finished recording of `seconds`, started `startedAt` (main's clock), as the recorder leaves it. */
async function addRecording(studio: TestStudio, fields: { startedAt: number; seconds?: number; status?: string; showName?: string }): Promise<number> {
  const { startedAt, seconds = 2, status = 'ready', showName = 'Spring Drop!' } = fields;
  const id = (studio.core.db.prepare('SELECT coalesce(max(id), 0) + 1 AS id FROM recordings').get() as { id: number }).id;
  const folder = `recordings/${id}-spring-drop`;
  fs.mkdirSync(path.join(studio.core.info().dataDir, folder), { recursive: true });
  if (status === 'ready') await makeTestMp4(path.join(studio.core.info().dataDir, folder, 'recording.mp4'), { seconds });
  studio.core.db
    .prepare(
      `INSERT INTO recordings (id, show_id, show_name, folder, status, mime_type, started_at, ended_at, duration_ms, bytes)
       VALUES (?, NULL, ?, ?, ?, 'video/mp4', ?, ?, ?, 0)`,
    )
    .run(id, showName, folder, status, startedAt, startedAt + seconds * 1000, status === 'ready' ? seconds * 1000 : null);
  return id;
}

const lastList = (studio: TestStudio): ReplayList | undefined =>
  studio.events.filter((e) => e.channel === 'studio:event:replays-changed').map((e) => e.payload as ReplayList).at(-1);

async function published(studio: TestStudio, recordingId: number): Promise<ReplayList['replays'][number]> {
  const list = await until(
    () => lastList(studio),
    (l) => ['done', 'failed'].includes(l?.replays.find((r) => r.recordingId === recordingId)?.job?.phase ?? ''),
    'the publish to finish',
    30_000,
  );
  return list!.replays.find((r) => r.recordingId === recordingId)!;
}

describe('publishReplay', () => {
  it('publishes a recording into the data folder, where the built-in SFU serves it at its link', async () => {
    const studio = await live.studio();
    const [mug] = studio.addProducts({ title: 'Mug <img src=x onerror=alert(1)>', buyUrl: 'https://shop.example.com/mug', images: [{ url: 'https://127.0.0.1:9/none.png', alt: '' }] });
    await studio.call('studio:live:pin', { productId: mug!.productId });
    await studio.call('studio:live:unpin');
    const [pin] = await studio.call<PinRecord[]>('studio:live:pin-history');
    // The recording started half a second before the pin.
    const recordingId = await addRecording(studio, { startedAt: pin!.pinnedAt - 500 });

    const answer = await studio.call<ReplayList>('studio:replay:publish', { recordingId });
    expect(answer.replays.find((r) => r.recordingId === recordingId)?.job?.phase).toBe('preparing');
    const replay = await published(studio, recordingId);
    const folder = path.join(studio.core.info().dataDir, 'replays', 'spring-drop');
    expect(replay.job).toMatchObject({ phase: 'done', progress: 1 });
    // The picture's website did not answer: the card goes without it, and the host is told.
    expect(replay.job?.message).toMatch(/1 product picture could not be fetched/);
    expect(replay.published).toMatchObject({ folder, present: true });
    const sfuBase = new URL(studio.core.live.status().viewerUrls[0]!).origin;
    expect(replay.published?.urls).toEqual([`${sfuBase}/replay/spring-drop/`]);
    expect(studio.core.db.prepare('SELECT replay_folder, published_at FROM recordings WHERE id = ?').get(recordingId)).toEqual({
      replay_folder: folder,
      published_at: expect.any(Number),
    });

    const page = await fetch(replay.published!.urls[0]!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<title>Spring Drop! · Replay</title>');
    const timeline = readReplayTimeline(await (await fetch(`${replay.published!.urls[0]}timeline.json`)).json());
    expect(timeline.pins).toHaveLength(1);
    expect(timeline.pins[0]).toMatchObject({ start: 0.5, end: (pin!.unpinnedAt! - pin!.pinnedAt + 500) / 1000, product: { title: 'Mug <img src=x onerror=alert(1)>', image: null, buyUrl: 'https://shop.example.com/mug' } });
    const head = await fetch(`${replay.published!.urls[0]}video.mp4`, { headers: { Range: 'bytes=0-7' } });
    expect(head.status).toBe(206);
    expect(Buffer.from(await head.arrayBuffer()).subarray(4, 8).toString('latin1')).toBe('ftyp');
  });

  it('leaves out a picture at a private or local address with the shipped defaults, and never connects to it', async () => {
    const studio = await live.studio();
    const { port } = new URL(pictureHost.origin);
    const products = studio.addProducts(
      { title: 'Mug by address', images: [{ url: `https://127.0.0.1:${port}/mug.png`, alt: '' }] },
      { title: 'Mug by name', images: [{ url: `https://localhost:${port}/mug.png`, alt: '' }] },
      { title: 'Router', images: [{ url: 'https://192.168.1.1/logo.png', alt: '' }] },
    );
    for (const product of products) await studio.call('studio:live:pin', { productId: product.productId });
    await studio.call('studio:live:unpin');
    const [first] = (await studio.call<PinRecord[]>('studio:live:pin-history')).sort((a, b) => a.pinnedAt - b.pinnedAt);
    const recordingId = await addRecording(studio, { startedAt: first!.pinnedAt - 500 });

    await studio.call('studio:replay:publish', { recordingId });
    const replay = await published(studio, recordingId);
    expect(replay.job).toMatchObject({ phase: 'done', message: expect.stringMatching(/3 product pictures could not be fetched/) });
    const timeline = readReplayTimeline(JSON.parse(fs.readFileSync(path.join(replay.published!.folder, 'timeline.json'), 'utf8')));
    // Every card is there, without its picture.
    expect(timeline.pins.map((p) => [p.product.title, p.product.image])).toEqual([
      ['Mug by address', null],
      ['Mug by name', null],
      ['Router', null],
    ]);
    expect(fs.existsSync(path.join(replay.published!.folder, 'images'))).toBe(true);
    expect(fs.readdirSync(path.join(replay.published!.folder, 'images'))).toEqual([]);
    expect(pictureHost.connections).toBe(0);
  });

  it('takes a picture the studio keeps, with no request', async () => {
    const studio = await live.studio();
    const { port } = new URL(pictureHost.origin);
    const [scarf] = studio.addProducts({ title: 'Scarf', images: [{ url: `https://localhost:${port}/mug.png`, alt: '' }] });
    // The host dropped a picture of its own on the product: the studio keeps it in its data folder.
    const own = solidPng(5, 5, [250, 250, 0]);
    await studio.core.pictures.service.attach(scarf!.productId, own);
    await studio.call('studio:live:pin', { productId: scarf!.productId });
    await studio.call('studio:live:unpin');
    const [pin] = await studio.call<PinRecord[]>('studio:live:pin-history');
    const recordingId = await addRecording(studio, { startedAt: pin!.pinnedAt - 500 });
    const before = pictureHost.connections;

    await studio.call('studio:replay:publish', { recordingId });
    const replay = await published(studio, recordingId);
    expect(replay.job).toMatchObject({ phase: 'done', message: 'Published.' });
    const folder = replay.published!.folder;
    const timeline = readReplayTimeline(JSON.parse(fs.readFileSync(path.join(folder, 'timeline.json'), 'utf8')));
    expect(timeline.pins[0]?.product).toMatchObject({ title: 'Scarf', image: 'images/1.png' });
    expect(fs.readFileSync(path.join(folder, 'images', '1.png')).equals(own)).toBe(true);
    expect(pictureHost.connections).toBe(before);
  });

  it('gives a second recording of the same show its own folder, and replaces a recording\'s own replay when published again', async () => {
    const studio = await live.studio();
    const first = await addRecording(studio, { startedAt: Date.now() - 60_000 });
    const second = await addRecording(studio, { startedAt: Date.now() - 30_000 });
    await studio.call('studio:replay:publish', { recordingId: first });
    expect((await published(studio, first)).published?.folder).toMatch(/replays\/spring-drop$/);
    await studio.call('studio:replay:publish', { recordingId: second });
    expect((await published(studio, second)).published?.folder).toMatch(new RegExp(`replays/spring-drop-${second}$`));
    await studio.call('studio:replay:publish', { recordingId: first, includeChat: true });
    const again = await until(
      () => lastList(studio)?.replays.find((r) => r.recordingId === first),
      (r) => r?.job?.phase === 'done' && r.published !== null,
      'the second publish',
    );
    expect(again?.published?.folder).toMatch(/replays\/spring-drop$/);
    expect(fs.readdirSync(path.join(studio.core.info().dataDir, 'replays')).sort()).toEqual(['spring-drop', `spring-drop-${second}`]);
    const timeline = readReplayTimeline(JSON.parse(fs.readFileSync(path.join(again!.published!.folder, 'timeline.json'), 'utf8')));
    expect(timeline.chat).toEqual([]);
  });

  it('says why it cannot publish, in words a host understands', async () => {
    const studio = await live.studio();
    const refusal = (input: unknown) => studio.call('studio:replay:publish', input).then(() => 'published', (e: Error) => e.message);
    const recording = await addRecording(studio, { startedAt: Date.now() - 10_000, status: 'recording' });
    expect(await refusal({ recordingId: recording })).toBe('This recording is not finished yet. Publish its replay once it is ready.');
    expect(await refusal({ recordingId: 999 })).toBe('That recording is no longer in the studio.');
    const ready = await addRecording(studio, { startedAt: Date.now() - 20_000 });
    expect(await refusal({ recordingId: ready, folder: 'relative/folder' })).toMatch(/full path on the studio computer/);
    expect(await refusal({ recordingId: ready, folder: path.join(tempDir(), 'missing') })).toMatch(/^There is no folder /);
    // The host's own folder may hold other things: the replay goes into a folder of its own inside it.
    const mine = tempDir();
    fs.writeFileSync(path.join(mine, 'notes.txt'), 'mine');
    fs.mkdirSync(path.join(mine, 'spring-drop'));
    fs.writeFileSync(path.join(mine, 'spring-drop', 'photo.jpg'), 'mine too');
    expect(await refusal({ recordingId: ready, folder: mine })).toMatch(/spring-drop already holds other files/);
    fs.rmSync(path.join(mine, 'spring-drop'), { recursive: true });
    expect(await refusal({ recordingId: ready, folder: mine })).toBe('published');
    const done = await published(studio, ready);
    expect(done.published).toMatchObject({ folder: path.join(mine, 'spring-drop'), urls: [] });
    expect(fs.readFileSync(path.join(mine, 'notes.txt'), 'utf8')).toBe('mine');

    // Only the host publishes: a producer's link is refused before anything runs.
    const asProducer = await studio.core.dispatch('studio:replay:publish', { recordingId: ready }, { transport: 'control', clientId: 'p', role: 'producer' });
    expect(asProducer).toEqual({ ok: false, error: { code: 'forbidden', message: "Your producer link can't publish replays." } });
    // The folder picker is the desktop window's; a browser types a path.
    const pick = await studio.core.dispatch('studio:replay:pick-folder', undefined, { transport: 'control', clientId: 'h', role: 'host' });
    expect(pick).toMatchObject({ ok: false, error: { message: 'Choosing a folder works in the desktop app. Type the folder path instead.' } });
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Recording, RecordingState } from '../../shared/domain/recording.js';
import { probeMedia, RECORDING_FIXTURES } from '../../../tests/harness/media-probe.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { openDatabase, type StudioDatabase } from '../db/open-database.js';
import { StudioEventBus } from '../events/event-bus.js';
import { RecordingService, type RecordingServiceDeps } from './recording-service.js';

/** The real capture's chunks (base64, as the window sends them). */
function realChunks(fixture = 'capture-h264.webm'): string[] {
  const whole = fs.readFileSync(path.join(RECORDING_FIXTURES, fixture));
  const sizes = JSON.parse(fs.readFileSync(path.join(RECORDING_FIXTURES, fixture.replace('.webm', '.chunks.json')), 'utf8')) as number[];
  let offset = 0;
  return sizes.map((size) => whole.subarray(offset, (offset += size)).toString('base64'));
}

const GB = 1024 ** 3;
const services: RecordingService[] = [];

interface World {
  readonly db: StudioDatabase;
  readonly dataDir: string;
  readonly service: RecordingService;
  readonly states: RecordingState[];
  readonly lists: Recording[][];
  /** Resolves with the recording once it is ready or failed. */
  settled(id: number): Promise<Recording>;
}

function world(options: Partial<RecordingServiceDeps> & { dataDir?: string; free?: () => number } = {}): World {
  const dataDir = options.dataDir ?? tempDir('lss-recording-');
  const db = openDatabase(path.join(dataDir, 'studio.sqlite'));
  if (!db.prepare('SELECT 1 FROM shows WHERE id = 1').get()) db.prepare("INSERT INTO shows (id, name, created_at) VALUES (1, 'Spring drop!', 0)").run();
  const events = new StudioEventBus();
  const states: RecordingState[] = [];
  const lists: Recording[][] = [];
  events.on('recordingChanged', (s) => states.push(s));
  events.on('recordingsChanged', (l) => lists.push(l));
  const service = new RecordingService({
    db,
    dataDir,
    events,
    ffmpegPath: () => 'ffmpeg',
    activeShow: () => ({ id: 1, name: 'Spring drop!' }),
    onAir: () => false,
    log: () => undefined,
    freeBytes: () => Promise.resolve(options.free?.() ?? 100 * GB),
    timing: { diskEveryMs: 50, windowGoneMs: 60_000, stopWaitMs: 60_000, lastChunkWaitMs: 2000 },
    ...options,
  });
  services.push(service);
  const settled = (id: number) =>
    new Promise<Recording>((resolve) => {
      const check = () => {
        const found = service.library.get(id);
        if (found && (found.status === 'ready' || found.status === 'failed')) return resolve(found);
        setTimeout(check, 50);
      };
      check();
    });
  return { db, dataDir, service, states, lists, settled };
}

afterEach(async () => {
  while (services.length) await services.pop()!.close();
});

const until = async (check: () => boolean, what: string, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('RecordingService (real SQLite, real ffmpeg)', () => {
  it('records a rehearsal: chunks out of order and twice, Stop, then an MP4 with its chapter', async () => {
    const { db, service, dataDir, states, settled } = world();
    await service.start();
    const started = await service.startRecording('video/x-matroska;codecs=avc1,opus');
    expect(started).toMatchObject({ status: 'recording', showName: 'Spring drop!', live: false, bytes: 0 });
    expect(started.folder).toBe(path.join(dataDir, 'recordings', `${started.id}-spring-drop`));
    expect(service.state().current?.id).toBe(started.id);
    // A pin one second in: the chapter.
    db.prepare("INSERT INTO pins (show_id, card, pinned_at) VALUES (1, ?, ?)").run(JSON.stringify({ productId: '7', title: 'Silk scarf', price: '25.00' }), started.startedAt + 1000);

    const chunks = realChunks();
    expect((await service.appendChunk(started.id, 1, chunks[1]!)).outcome).toBe('held');
    expect((await service.appendChunk(started.id, 0, chunks[0]!)).outcome).toBe('written');
    expect((await service.appendChunk(started.id, 0, chunks[0]!)).outcome).toBe('duplicate');
    await service.appendChunk(started.id, 2, chunks[2]!);
    const last = await service.appendChunk(started.id, 3, chunks[3]!);
    expect(last.bytes).toBe(fs.statSync(path.join(RECORDING_FIXTURES, 'capture-h264.webm')).size);
    expect(states.at(-1)!.current!.bytes).toBe(last.bytes);

    const afterStop = await service.stopRecording(started.id, 3);
    expect(afterStop.current).toBeNull();
    const ready = await settled(started.id);
    expect(ready).toMatchObject({ status: 'ready', stoppedBy: 'host', error: null, file: path.join(started.folder, 'recording.mp4') });
    expect(ready.durationMs).toBeGreaterThan(3500);
    // Once ready, the recording ends where its file does (on main's clock).
    expect(ready.endedAt).toBe(ready.startedAt + ready.durationMs!);
    expect(ready.bytes).toBe(fs.statSync(ready.file!).size);
    expect(ready.chapters).toEqual([{ productId: null, title: 'Silk scarf', variantTitle: null, atMs: 1000, endMs: null }]);
    expect(await probeMedia(ready.file!)).toMatchObject({ video: { codec: 'h264' }, audio: { codec: 'aac' } });
    expect(service.state().last).toMatchObject({ id: started.id, status: 'ready' });
    // A chunk after the stop is refused: the window's recorder stops too.
    await expect(service.appendChunk(started.id, 4, chunks[0]!)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('allows one recording at a time, and refuses to start on a nearly full disk or without ffmpeg', async () => {
    let free = 100 * GB;
    const { service } = world({ free: () => free });
    const first = await service.startRecording('video/webm');
    await expect(service.startRecording('video/webm')).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/^A recording is already running/) });
    await service.stopRecording(first.id, -1);
    free = 700 * 1024 * 1024;
    await expect(service.startRecording('video/webm')).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/^Only 0\.7 GB is free/) });

    const noFfmpeg = world({ ffmpegPath: () => '/nowhere/bin/ffmpeg' });
    await noFfmpeg.service.start();
    expect(noFfmpeg.service.state().ffmpeg).toMatchObject({ ok: false, message: expect.stringMatching(/^ffmpeg was not found/) });
    await expect(noFfmpeg.service.startRecording('video/webm')).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/^Recording needs ffmpeg to save the MP4\. ffmpeg was not found/),
    });
  });

  it('asks the recording window to stop at the end of the show, and stops without it when it does not answer', async () => {
    const { service, states, settled } = world({ timing: { diskEveryMs: 50, windowGoneMs: 60_000, stopWaitMs: 300, lastChunkWaitMs: 500 } });
    const recording = await service.startRecording('video/webm');
    await service.appendChunk(recording.id, 0, realChunks()[0]!);
    service.showEnded();
    expect(service.state().stopRequested).toBe('show-ended');
    expect(states.at(-1)).toMatchObject({ stopRequested: 'show-ended', current: { id: recording.id } });
    // The window never answers: stopped anyway, what it sent is saved.
    const saved = await settled(recording.id);
    expect(saved).toMatchObject({ stoppedBy: 'show-ended', status: 'ready' });
  });

  it('stops a recording whose window went quiet, and one when the disk is nearly full', async () => {
    const quiet = world({ timing: { diskEveryMs: 50, windowGoneMs: 300, stopWaitMs: 60_000, lastChunkWaitMs: 500 } });
    const gone = await quiet.service.startRecording('video/webm');
    await quiet.service.appendChunk(gone.id, 0, realChunks()[0]!);
    expect(await quiet.settled(gone.id)).toMatchObject({ stoppedBy: 'window-gone' });

    let free = 100 * GB;
    const filling = world({ free: () => free });
    const recording = await filling.service.startRecording('video/webm');
    free = 1.5 * GB;
    await until(() => filling.service.state().disk?.warning?.startsWith('About ') === true, 'the low-disk warning');
    expect(filling.service.state().stopRequested).toBeNull();
    free = 540 * 1024 * 1024;
    await until(() => filling.service.state().stopRequested === 'disk-full', 'the stop request');
    expect(filling.service.state().disk?.warning).toMatch(/^The disk is almost full/);
    // The window sends what it holds and stops.
    await filling.service.appendChunk(recording.id, 0, realChunks()[0]!);
    await filling.service.stopRecording(recording.id, 0);
    expect(filling.service.library.get(recording.id)).toMatchObject({ stoppedBy: 'disk-full' });
  });

  it('finishes, at the next start, a recording a crash cut short (a real capture cut mid-chunk)', async () => {
    const first = world();
    const recording = await first.service.startRecording('video/x-matroska;codecs=avc1,opus');
    for (const [seq, chunk] of realChunks().entries()) await first.service.appendChunk(recording.id, seq, chunk);
    // The crash: nothing closes; the last chunk was only half written.
    const capture = path.join(recording.folder, 'capture.webm');
    fs.truncateSync(capture, Math.round(fs.statSync(capture).size * 0.6));
    services.splice(services.indexOf(first.service), 1);
    first.db.close();

    const again = world({ dataDir: first.dataDir });
    await again.service.start();
    const saved = await again.settled(recording.id);
    expect(saved).toMatchObject({ status: 'ready', stoppedBy: 'crash' });
    expect(saved.durationMs).toBeGreaterThan(1500);
    expect(saved.durationMs).toBeLessThan(3200);
    expect(saved.endedAt).toBeGreaterThanOrEqual(recording.startedAt);
    expect(again.lists.at(-1)!.map((r) => r.id)).toEqual([recording.id]);
  });

  it('closing the studio mid-recording keeps the capture and makes the MP4 at the next start', async () => {
    const first = world();
    const recording = await first.service.startRecording('video/webm;codecs=vp8,opus');
    for (const [seq, chunk] of realChunks('capture-vp8.webm').entries()) await first.service.appendChunk(recording.id, seq, chunk);
    await first.service.close();
    services.splice(services.indexOf(first.service), 1);
    expect(first.service.library.store.get(recording.id)).toMatchObject({ status: 'finalizing', stopped_by: 'studio-closed' });
    first.db.close();

    const again = world({ dataDir: first.dataDir });
    await again.service.start();
    const saved = await again.settled(recording.id);
    expect(saved).toMatchObject({ status: 'ready', stoppedBy: 'studio-closed' });
    expect(await probeMedia(saved.file!)).toMatchObject({ video: { codec: 'h264' }, audio: { codec: 'aac' } });
  });

  it('fails in host words when nothing was captured; Try again and Delete', async () => {
    const { service, settled, dataDir } = world();
    const recording = await service.startRecording('video/webm');
    await service.stopRecording(recording.id, -1);
    const failed = await settled(recording.id);
    expect(failed).toMatchObject({ status: 'failed', error: 'Nothing was captured: the recording stopped before its first second reached the studio.' });
    await service.library.retry(recording.id);
    expect((await settled(recording.id)).status).toBe('failed');
    await service.library.delete(recording.id);
    expect(service.library.list()).toEqual([]);
    expect(fs.readdirSync(path.join(dataDir, 'recordings'))).toEqual([]);
  });
});

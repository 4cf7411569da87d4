import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Recording } from '../src/shared/domain/recording.js';
import { framePixel, probeMedia } from '../tests/harness/media-probe.js';
import { CARD_POINT, isWhite, outputPixel } from './compositor-pages.js';
import { getReadyToGoLive, livePill } from './go-live-pages.js';
import { freePort } from './sfu-fixtures/sfu-process.js';
import { expect, startStudio, test } from './studio-fixture.js';

/**
 * Recording the program (issue 16): the host records on their own computer
 * from the Stream panel, without going live (a rehearsal), in Chromium with
 * the fake camera and microphone; the real `studio web` writes the chunks
 * and makes the MP4 with the real ffmpeg; ffprobe and ffmpeg read the file
 * back, and Publish replay in the Recordings list makes a replay whose
 * chapter and card are at the pin's time. Then a crash: SIGKILL mid-recording, a restart on the same data
 * folder, and the recording is saved with what was captured.
 */

test.describe.configure({ timeout: 150_000 });

type Result<T> = { ok: true; value: T } | { ok: false; error: { message: string } };
async function must<T>(page: Page, call: () => Promise<Result<T>>): Promise<T> {
  const result = await page.evaluate(call);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
const recordingState = (page: Page) => must(page, () => window.studio!.getRecordingState());
const recordings = (page: Page) => must(page, () => window.studio!.listRecordings());

/** Waits until main has this much of the recording on its disk (time recorded and bytes written). */
async function recordUntil(page: Page, ms: number): Promise<void> {
  await expect
    .poll(async () => {
      const state = await recordingState(page);
      return state.current !== null && state.current.bytes > 0 && state.now - state.current.startedAt >= ms;
    }, { timeout: ms + 20_000 })
    .toBe(true);
}

const cardOnOutput = (host: Page) => outputPixel(host, ...CARD_POINT).then((p) => isWhite(p));

test('a host records a rehearsal with a product pinned part way; the Recordings list, the MP4 and its frames show it, and its replay plays the card from the pin\'s chapter', async ({ browser }) => {
  const { studio, stop } = await startStudio(['--sfu-port', '0'], { demo: true });
  try {
    const host = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await host.goto(`${studio.url}&lss-test-hooks`);
    await getReadyToGoLive(host);
    const stream = host.getByRole('region', { name: 'Stream' });

    // Record, beside Go live, without going live.
    await stream.getByRole('button', { name: 'Record', exact: true }).click();
    await expect(host.getByTestId('recording-indicator')).toContainText('REC');
    await expect(stream.getByTestId('recording-live')).toContainText('Recording a rehearsal');
    await expect(stream.getByRole('button', { name: 'Go live' })).toBeVisible();

    // Two seconds without a card, then a pin.
    await recordUntil(host, 2000);
    expect(await cardOnOutput(host)).toBe(false);
    await host.getByRole('grid', { name: 'Products' }).getByRole('button', { name: /^Pin / }).first().click();
    await expect.poll(() => cardOnOutput(host), { timeout: 5_000 }).toBe(true);
    const pin = (await must(host, () => window.studio!.getPinState())).current!;
    // Three more seconds with the card on, then Stop.
    await expect.poll(async () => (await recordingState(host)).now - pin.pinnedAt, { timeout: 20_000 }).toBeGreaterThanOrEqual(3000);
    await stream.getByRole('button', { name: 'Stop recording' }).click();
    await expect(stream.getByTestId('recording-last')).toContainText('Saved “', { timeout: 30_000 });
    await expect(host.getByTestId('recording-indicator')).toHaveCount(0);

    // The Recordings list: ready, a rehearsal, its chapter at the pin's time into the file.
    const [recording] = (await recordings(host)) as Recording[];
    expect(recording).toMatchObject({ status: 'ready', live: false, stoppedBy: 'host' });
    const pinAtMs = pin.pinnedAt - recording!.startedAt;
    expect(pinAtMs).toBeGreaterThanOrEqual(2000);
    expect(recording!.chapters).toEqual([{ productId: pin.productId, title: pin.card.title, variantTitle: pin.card.variantTitle, atMs: pinAtMs, endMs: null }]);
    await host.getByRole('button', { name: 'Recordings' }).click();
    const row = host.getByTestId('recording-row');
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('recording-state')).toHaveText('Ready');
    await expect(row).toContainText('Rehearsal');
    const seconds = Math.floor(pinAtMs / 1000);
    await expect(row.getByTestId('recording-chapter')).toHaveText(`${pin.card.title}${pin.card.variantTitle ? ` — ${pin.card.variantTitle}` : ''} @ 0:${String(seconds).padStart(2, '0')}`);
    // Open folder in a browser says where the file is (the desktop app opens it).
    await row.getByRole('button', { name: 'Open folder' }).click();
    await expect(row.getByTestId('recording-folder')).toContainText(recording!.folder);
    await host.screenshot({ path: test.info().outputPath('recordings-list.png') });

    // The file: an H.264 + AAC MP4 (index first) as long as the recording ran.
    const file = recording!.file!;
    expect(file).toBe(path.join(studio.dataDir, 'recordings', path.basename(recording!.folder), 'recording.mp4'));
    const info = await probeMedia(file);
    expect(info).toMatchObject({ brand: 'isom', video: { codec: 'h264', width: 1280, height: 720 }, audio: { codec: 'aac' }, indexFirst: true });
    // As long as the window's recorder ran (its start and stop events): nothing lost at either end.
    const ran = await host.evaluate(() => (window as unknown as { __lssRecording: { lastRun(): { startedAt: number; stoppedAt: number } } }).__lssRecording.lastRun());
    const ranMs = ran.stoppedAt - ran.startedAt;
    expect(info.durationMs).toBe(recording!.durationMs);
    // (The file is a little longer: its first frame comes before the recorder's start event is handled.)
    expect(info.durationMs!, `an MP4 of ${info.durationMs} ms from a recorder that ran ${ranMs} ms`).toBeGreaterThan(ranMs - 500);
    expect(info.durationMs!, `an MP4 of ${info.durationMs} ms from a recorder that ran ${ranMs} ms`).toBeLessThan(ranMs + 1000);
    expect(recording!.endedAt).toBe(recording!.startedAt + info.durationMs!);
    // A decoded frame a second after the pin shows the card; one a second before it does not.
    expect(isWhite(await framePixel(file, pinAtMs / 1000 + 1, ...CARD_POINT), 40)).toBe(true);
    expect(isWhite(await framePixel(file, pinAtMs / 1000 - 1, ...CARD_POINT), 40)).toBe(false);

    // Publish replay, from the recording's row; a viewer opens the link: one chapter, at the pin's time, shows its card.
    await row.getByRole('button', { name: 'Publish replay…' }).click();
    const dialog = host.getByRole('dialog', { name: /^Publish the replay of / });
    await dialog.getByRole('button', { name: 'Publish replay' }).click();
    const link = dialog.getByTestId('replay-link');
    await expect(link).toHaveText(/^http:\/\/127\.0\.0\.1:\d+\/replay\/[a-z0-9-]+\/$/, { timeout: 30_000 });
    const url = (await link.textContent())!;
    await dialog.screenshot({ path: test.info().outputPath('publish-replay-dialog.png') });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(row.getByTestId('recording-replay')).toContainText(`Replay published`);
    await expect(row.getByTestId('recording-replay')).toContainText(url);
    await expect(row.getByRole('button', { name: 'Replay…' })).toBeVisible();
    await row.screenshot({ path: test.info().outputPath('recording-row-published.png') });
    const viewer = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await viewer.goto(url);
    await expect(viewer.locator('html')).toHaveAttribute('data-replay-ready', 'true');
    const video = viewer.locator('video');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
    const card = viewer.getByRole('complementary', { name: 'Featured product' });
    await expect(card).toBeHidden(); // before the pin
    const chapter = viewer.getByTestId('replay-chapter');
    await expect(chapter).toHaveCount(1);
    await expect(chapter).toHaveAttribute('data-start', String(pinAtMs / 1000));
    await expect(chapter).toContainText(pin.card.title);
    await chapter.click();
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeCloseTo(pinAtMs / 1000, 2);
    await expect(card.getByTestId('replay-card-title')).toHaveText(pin.card.title);
    await expect(chapter).toHaveAttribute('aria-current', 'true');
  } finally {
    await stop();
  }
});

test('a studio killed mid-recording saves what was captured when it starts again', async ({ browser }) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-recording-crash-'));
  // The same ports after the restart: the open studio page finds its studio again.
  const args = ['--port', String(await freePort()), '--sfu-port', String(await freePort())];
  let run = await startStudio(args, { dataDir });
  try {
    const host = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await host.goto(run.studio.url);
    await getReadyToGoLive(host);
    const stream = host.getByRole('region', { name: 'Stream' });
    await stream.getByRole('button', { name: 'Record', exact: true }).click();
    // A second studio page (as a producer's console would) shows the REC badge too.
    const watcher = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await watcher.goto(run.studio.url);
    await expect(watcher.getByTestId('recording-indicator')).toContainText('REC');
    await recordUntil(host, 5000);
    const before = await recordingState(host);

    // The crash: SIGKILL, no shutdown code runs.
    await run.kill();
    const killedMs = Date.now() - before.current!.startedAt;
    run = await startStudio(args, { dataDir });

    // The window's recorder hears that the recording ended (its next chunk is refused) and says so.
    await expect(stream.getByTestId('recording-notice')).toContainText('The studio stopped unexpectedly and started again', { timeout: 60_000 });
    // No REC left showing: every window hears the recording ended, the one that recorded and the other.
    await expect(host.getByTestId('recording-indicator')).toHaveCount(0);
    await expect(watcher.getByTestId('recording-indicator')).toHaveCount(0, { timeout: 30_000 });
    await expect(stream.getByRole('button', { name: 'Record', exact: true })).toBeEnabled();
    await expect.poll(async () => (await recordings(host))[0]?.status, { timeout: 30_000 }).toBe('ready');
    const [saved] = (await recordings(host)) as Recording[];
    expect(saved).toMatchObject({ id: before.current!.id, stoppedBy: 'crash' });
    const info = await probeMedia(saved!.file!);
    expect(info).toMatchObject({ video: { codec: 'h264' }, audio: { codec: 'aac' } });
    // What was on main's disk when it died is saved: 5 s were recorded and chunks acknowledged, so
    // well over 2 s survive (docs/recording.md: the chunk in flight and the one being recorded are lost;
    // how far the window's recorder lags the wall clock depends on the machine's load, so the bound
    // is not the elapsed time minus a fixed slack — that failed once on a loaded CI machine).
    expect(info.durationMs!).toBeGreaterThan(2000);
    expect(info.durationMs!).toBeLessThan(killedMs + 500);
    await host.getByRole('button', { name: 'Recordings' }).click();
    await expect(host.getByTestId('recording-row')).toContainText('Saved after the studio stopped unexpectedly');
  } finally {
    await run.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a recording made while live ends with End show, and is saved as the show’s', async ({ browser }) => {
  const { studio, stop } = await startStudio(['--sfu-port', '0']);
  try {
    const host = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await host.goto(studio.url);
    await getReadyToGoLive(host);
    const stream = host.getByRole('region', { name: 'Stream' });
    await stream.getByRole('button', { name: 'Go live' }).click();
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    await stream.getByRole('button', { name: 'Record', exact: true }).click();
    await expect(stream.getByTestId('recording-live')).toContainText('Recording the show');
    await recordUntil(host, 2000);

    // End show asks nothing new; the recording stops with the show and is saved.
    await stream.getByRole('button', { name: /^End show/ }).click();
    await host.getByRole('alertdialog', { name: 'End the show for everyone?' }).getByRole('button', { name: 'End show', exact: true }).click();
    await expect(stream.getByTestId('recording-last')).toContainText('Stopped with End show', { timeout: 30_000 });
    const [saved] = (await recordings(host)) as Recording[];
    expect(saved).toMatchObject({ status: 'ready', live: true, stoppedBy: 'show-ended' });
    expect(saved!.durationMs!).toBeGreaterThan(1500);
  } finally {
    await stop();
  }
});

test('without ffmpeg, Record says how to get it, and Settings → Recording finds it once the path is right', async ({ browser, studio }) => {
  const host = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await host.goto(studio.url);
  await host.getByRole('button', { name: 'Settings' }).click();
  const section = host.getByTestId('recording-settings');
  await expect(section.getByTestId('ffmpeg-check')).toHaveText(/^Found ffmpeg \d/);
  const field = section.getByRole('textbox', { name: /^ffmpeg/ });
  await field.fill('/opt/nowhere/ffmpeg');
  await field.press('Enter');
  await expect(section.getByTestId('ffmpeg-check')).toHaveText(/^ffmpeg was not found \(“\/opt\/nowhere\/ffmpeg”\)\. Install ffmpeg/);

  // The Stream panel says it before Record is pressed, and Record is refused in the same words.
  await host.getByRole('button', { name: 'Close' }).click();
  const stream = host.getByRole('region', { name: 'Stream' });
  await expect(stream.getByTestId('recording-ffmpeg')).toContainText('Recording needs ffmpeg, which makes the MP4. ffmpeg was not found');
  await stream.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(stream.getByTestId('recording-notice')).toContainText('Recording needs ffmpeg to save the MP4. ffmpeg was not found');
  expect((await recordings(host)).length).toBe(0);

  await host.getByRole('button', { name: 'Settings' }).click();
  await expect(field).toHaveValue('/opt/nowhere/ffmpeg');
  await field.fill('ffmpeg');
  await field.blur();
  await expect(section.getByTestId('ffmpeg-check')).toHaveText(/^Found ffmpeg \d/);
});

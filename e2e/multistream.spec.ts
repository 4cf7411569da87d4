import type { Browser, Page, WebSocket } from '@playwright/test';
import { probeRtmpStream, readRtmpFrame, rtmpMissingReason, startRtmpServer, type RtmpServer } from '../tests/harness/rtmp-server.js';
import { CARD_POINT, isWhite, type Rgb } from './compositor-pages.js';
import { getReadyToGoLive, livePill } from './go-live-pages.js';
import { addDestination, destinationDialog, ffmpegUnder, openSettings, pushesTo, settingsRow, streamRow } from './multistream-pages.js';
import { expect, startStudio, test } from './studio-fixture.js';

/**
 * Issue 16, multistream, the host's side: Settings → Destinations, going
 * live on two real RTMP servers (Debian's nginx with its RTMP module, on
 * loopback), one failing and recovering while the other keeps going, End
 * show stopping them all; stream keys never reach a window.
 */

test.describe.configure({ timeout: 180_000 });

const GOOD_KEY = 'shop-a-key-1234';
const OTHER_KEY = 'shop-b-key-5678';
/** Shop B's key with its last character mistyped: the server refuses it. */
const TYPO_KEY = 'shop-b-key-5679';

/** Every frame a page received over its WebSockets (the studio's API and the SFU's signaling). */
function recordFrames(page: Page): string[] {
  const frames: string[] = [];
  const follow = (ws: WebSocket) => ws.on('framereceived', ({ payload }) => frames.push(typeof payload === 'string' ? payload : payload.toString('latin1')));
  page.on('websocket', follow);
  return frames;
}

test('Settings → Destinations: presets, mistakes said in host words, a pasted URL with its key split, keys never shown again', async ({ page, studio }) => {
  const frames = recordFrames(page);
  await page.goto(studio.url);
  await openSettings(page);
  const section = page.getByTestId('destination-settings');
  await expect(section).toContainText('No destinations yet');
  // With the built-in server, the host is told it is this computer that sends to each destination.
  await expect(page.getByTestId('destinations-where')).toContainText('from this computer to each destination');

  await page.getByRole('button', { name: 'Add destination…' }).click();
  const dialog = destinationDialog(page);
  // YouTube first: its server URL is filled in; Instagram says its URL and key come from Live Producer each time.
  await expect(dialog.getByRole('textbox', { name: 'Server URL' })).toHaveValue('rtmp://a.rtmp.youtube.com/live2');
  await dialog.getByRole('radio', { name: 'Instagram' }).check();
  await expect(dialog.getByRole('textbox', { name: 'Server URL' })).toHaveValue('');
  await expect(dialog.getByTestId('destination-help')).toContainText('Live Producer');
  await expect(dialog.getByTestId('destination-help')).toContainText('each time');
  await dialog.getByRole('radio', { name: 'TikTok' }).check();
  await expect(dialog.getByTestId('destination-help')).toContainText('TikTok LIVE Producer');
  await dialog.getByRole('radio', { name: 'Facebook' }).check();
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveValue('Facebook');
  await expect(dialog.getByRole('textbox', { name: 'Server URL' })).toHaveValue('rtmps://live-api-s.facebook.com:443/rtmp/');

  // A web page address instead of the server URL.
  const url = dialog.getByRole('textbox', { name: 'Server URL' });
  await url.fill('https://www.facebook.com/live/producer');
  await expect(dialog.getByRole('alert').filter({ hasText: 'That is a web page address (http://)' })).toBeVisible();
  // The stream URL with the key at its end: the studio offers to move the key into its own field.
  await url.fill(`rtmps://live-api-s.facebook.com:443/rtmp/FB-${GOOD_KEY}?s_bl=1`);
  await expect(dialog.getByTestId('destination-split')).toBeVisible();
  await dialog.getByRole('button', { name: 'Move the key' }).click();
  await expect(url).toHaveValue('rtmps://live-api-s.facebook.com:443/rtmp/');
  await expect(dialog.getByLabel('Stream key')).toHaveValue(`FB-${GOOD_KEY}?s_bl=1`);
  await expect(dialog.getByLabel('Stream key')).toHaveAttribute('type', 'password');
  await expect(dialog.getByTestId('destination-split')).toBeHidden();
  // A key pasted with a space in it: said before anything is saved.
  await dialog.getByLabel('Stream key').fill('FB-1234 5678');
  await dialog.getByRole('button', { name: 'Add destination' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'The stream key has a space or a line break in it' })).toBeVisible();
  await dialog.getByLabel('Stream key').fill(`FB-${GOOD_KEY}?s_bl=1`);
  // Enter saves the dialog, not the Settings form behind it.
  await dialog.getByLabel('Stream key').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(settingsRow(page, 'Facebook')).toContainText('Key saved');
  await expect(page.getByRole('status').filter({ hasText: 'Facebook added.' })).toBeVisible();

  await addDestination(page, { platform: 'Custom', name: 'Shop B', serverUrl: 'rtmp://127.0.0.1:1935/live', streamKey: OTHER_KEY });
  // Untick: not started with the show.
  await page.getByRole('checkbox', { name: 'Go live on Shop B when the show starts' }).uncheck();

  // Edit: the key is write-only ("Key saved" and Replace), and an edit without Replace keeps it.
  await page.getByRole('button', { name: 'Edit Facebook' }).click();
  await expect(dialog.getByTestId('destination-key-saved')).toHaveText('Key saved');
  await expect(dialog.getByLabel('Stream key')).toHaveCount(0);
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Shop’s Facebook page');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(settingsRow(page, 'Shop’s Facebook page')).toContainText('Key saved');

  // After a reload, the same: names, ticks, "Key saved".
  await page.reload();
  await expect(settingsRow(page, 'Shop’s Facebook page')).toContainText('rtmps://live-api-s.facebook.com:443/rtmp/');
  await expect(page.getByRole('checkbox', { name: 'Go live on Shop B when the show starts' })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Go live on Shop’s Facebook page when the show starts' })).toBeChecked();

  // Delete asks, then the destination and its key are gone.
  await page.getByRole('button', { name: 'Delete Shop B' }).click();
  await page.getByRole('dialog', { name: 'Delete Shop B?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(settingsRow(page, 'Shop B')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Shop B and its stream key were deleted.' })).toBeVisible();

  // The Stream panel, before going live, says where the show will go and links here.
  await page.getByRole('button', { name: 'Back to studio' }).click();
  await expect(page.getByTestId('destinations-summary')).toContainText('Also goes live on Shop’s Facebook page.');
  await page.getByTestId('destinations-summary').getByRole('link', { name: 'Destinations…' }).click();
  await expect(page.getByRole('heading', { name: 'Destinations' })).toBeFocused();

  // Not one frame this page received carried a key, typed or saved.
  const received = frames.join('\n');
  for (const key of [GOOD_KEY, OTHER_KEY]) expect(received.includes(key), 'a received frame carries a stream key').toBe(false);
  await page.screenshot({ path: test.info().outputPath('destinations-settings.png'), fullPage: true });
});

/** The pixel at a point (fractions of the frame) of a decoded RGB24 frame. */
function framePixel(frame: { width: number; height: number; rgb: Buffer }, [fx, fy]: readonly [number, number]): Rgb {
  const offset = (Math.round(fy * frame.height) * frame.width + Math.round(fx * frame.width)) * 3;
  return [frame.rgb[offset]!, frame.rgb[offset + 1]!, frame.rgb[offset + 2]!];
}

/**
 * Whether the server is receiving moving video now: frames decoded across 3 s of its stream (playback can
 * start just after a keyframe, and nothing before the next one, 2 s on, decodes).
 */
async function receiving(server: RtmpServer): Promise<boolean> {
  const probe = await probeRtmpStream(server.playUrl(), 3);
  return probe.videoFrames >= 10 && probe.lastPts !== null && probe.firstPts !== null && probe.lastPts > probe.firstPts;
}

interface TwoShops {
  readonly host: Page;
  readonly studioPid: number;
  readonly shopA: RtmpServer;
  readonly shopB: RtmpServer;
  readonly hostFrames: string[];
  readonly producerLink: string;
}

/**
 * Two RTMP servers (Shop A, Shop B), a studio with the demo catalog, both
 * added in Settings → Destinations with the key given for B, the camera on,
 * a product pinned, Go live. Stops everything after `run`.
 */
async function liveOnTwoShops(browser: Browser, keyForB: string, run: (world: TwoShops) => Promise<void>): Promise<void> {
  // `npm run setup` installs nginx's RTMP module and ffmpeg; a machine without them cannot run these two.
  test.skip(rtmpMissingReason() !== null, rtmpMissingReason() ?? '');
  const shopA = await startRtmpServer({ key: GOOD_KEY });
  const shopB = await startRtmpServer({ key: OTHER_KEY });
  const { studio, stop } = await startStudio(['--sfu-port', '0'], { demo: true });
  try {
    const host = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    const hostFrames = recordFrames(host);
    await host.goto(`${studio.url}&lss-test-hooks`);
    await openSettings(host);
    await addDestination(host, { platform: 'Custom', name: 'Shop A', serverUrl: shopA.url, streamKey: GOOD_KEY });
    await addDestination(host, { platform: 'Custom', name: 'Shop B', serverUrl: shopB.url, streamKey: keyForB });
    const producerLink = (await host.getByTestId('team-link-producer').locator('code.link-text').first().textContent())!.trim();
    await host.getByRole('button', { name: 'Back to studio' }).click();
    await expect(host.getByTestId('destinations-summary')).toContainText('Also goes live on Shop A, Shop B.');
    await getReadyToGoLive(host);
    await host.getByRole('grid', { name: 'Products' }).getByRole('button', { name: /^Pin / }).first().click();
    await expect(host.getByTestId('pinned-title')).not.toBeEmpty();
    await host.getByRole('button', { name: 'Go live' }).click();
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    await run({ host, studioPid: studio.pid, shopA, shopB, hostFrames, producerLink });
  } finally {
    await stop();
    await shopA.stop();
    await shopB.stop();
  }
}

/** End show… → End show; then every destination shows stopped, no button is left, and no ffmpeg runs. */
async function endShowStopsEverything(host: Page, studioPid: number): Promise<void> {
  await host.getByRole('region', { name: 'Stream' }).getByRole('button', { name: /^End show/ }).click();
  await host.getByRole('alertdialog', { name: 'End the show for everyone?' }).getByRole('button', { name: 'End show', exact: true }).click();
  await expect(livePill(host)).toHaveText('Show ended');
  for (const name of ['Shop A', 'Shop B']) await expect(streamRow(host, name)).toHaveAttribute('data-state', 'stopped', { timeout: 15_000 });
  await expect(host.getByRole('region', { name: 'Stream' }).getByRole('button', { name: /^(Stop|Start|Reconnect now): / })).toHaveCount(0);
  await expect.poll(() => ffmpegUnder(studioPid), { timeout: 15_000, message: 'no ffmpeg left after End show' }).toEqual([]);
}

/** When a destination went live this time and how often it reconnected, from main (`getEgress`, as the Stream panel reads it). */
async function liveRunOf(page: Page, name: string): Promise<{ liveSince: number | null; reconnects: number }> {
  const overview = await page.evaluate(() => window.studio!.getEgress());
  if (!overview.ok) throw new Error(overview.error.message);
  const row = overview.value.destinations.find((d) => d.name === name)!;
  expect(row.state).toBe('live');
  return { liveSince: row.liveSince, reconnects: row.reconnects };
}

function expectNoKeyReceived(who: string, frames: readonly string[]): void {
  const received = frames.join('\n');
  for (const key of [GOOD_KEY, OTHER_KEY, TYPO_KEY]) expect(received.includes(key), `${who} received a stream key`).toBe(false);
}

test('a host goes live on two RTMP servers: one gets H.264 + AAC with the pinned card, a wrong key fails with the server’s reason and is fixed while live; End show stops both', async ({
  browser,
}) => {
  await liveOnTwoShops(browser, TYPO_KEY, async ({ host, studioPid, shopA, shopB, hostFrames, producerLink }) => {
    // Shop A goes live; Shop B fails with the server's reason.
    const rowA = streamRow(host, 'Shop A');
    const rowB = streamRow(host, 'Shop B');
    await expect(rowA).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
    await expect(rowA.getByTestId('destination-state')).toHaveText(/^Live \d+:\d{2}$/);
    await expect(rowA.getByTestId('destination-bitrate')).toContainText(/\d/);
    await expect(rowB).toHaveAttribute('data-state', 'failed', { timeout: 60_000 });
    await expect(rowB.getByTestId('destination-detail')).toHaveText('The server refused the stream. Check the stream key.');

    // What Shop A's server receives: H.264 + AAC, the 16:9 program, frames moving, the pinned card in a decoded frame.
    // The size is the program's 1280×720 when the host's browser sends it; a browser short of CPU scales even its
    // top simulcast layer down (640×360), and the SFU can only encode what it gets (reported to the lead).
    const probe = await probeRtmpStream(shopA.playUrl(), 3);
    expect(probe.video).toMatchObject({ codec: 'h264' });
    expect([1280, 640]).toContain(probe.video!.width);
    expect(probe.video!.height).toBe((probe.video!.width * 9) / 16);
    expect(probe.audio).toMatchObject({ codec: 'aac' });
    expect(probe.videoFrames).toBeGreaterThanOrEqual(20);
    const frame = await readRtmpFrame(shopA.playUrl());
    expect(isWhite(framePixel(frame, CARD_POINT), 40), `the card's white at ${CARD_POINT.join(', ')}`).toBe(true);
    expect(isWhite(framePixel(frame, [0.3, 0.4]), 40), 'the camera beside the card').toBe(false);

    // Reconnect now on B: the server refuses the same key again.
    await rowB.getByRole('button', { name: 'Reconnect now: Shop B' }).click();
    await expect(rowB).toHaveAttribute('data-state', 'failed', { timeout: 30_000 });
    // The host fixes the key while live (Settings → Edit → Replace): B starts again with it and goes live; A never stops.
    await host.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
    await host.getByRole('button', { name: 'Edit Shop B' }).click();
    const dialog = destinationDialog(host);
    await dialog.getByRole('button', { name: 'Replace' }).click();
    await dialog.getByLabel('Stream key').fill(OTHER_KEY);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await host.getByRole('button', { name: 'Back to studio' }).click();
    await expect(rowB).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
    await expect(rowA).toHaveAttribute('data-state', 'live');
    await expect.poll(() => receiving(shopB), { timeout: 30_000, message: 'Shop B’s server receives the show' }).toBe(true);
    await host.getByRole('region', { name: 'Stream' }).screenshot({ path: test.info().outputPath('destinations-live.png') });

    // A producer's console sees both rows, with no buttons (they are the host's), and never a key.
    const producer = await (await host.context().browser()!.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    const producerFrames = recordFrames(producer);
    await producer.goto(producerLink);
    await expect(streamRow(producer, 'Shop A')).toHaveAttribute('data-state', 'live');
    await expect(streamRow(producer, 'Shop B')).toHaveAttribute('data-state', 'live');
    await expect(producer.getByRole('region', { name: 'Stream' }).getByRole('button', { name: /^(Stop|Start|Reconnect now): / })).toHaveCount(0);

    await endShowStopsEverything(host, studioPid);
    await expect(streamRow(producer, 'Shop B')).toHaveAttribute('data-state', 'stopped');
    expectNoKeyReceived('the host’s page', hostFrames);
    expectNoKeyReceived('the producer’s console', producerFrames);
  });
});

test('one platform’s server dies and comes back while the other never stops; Stop on one leaves the other live', async ({ browser }) => {
  await liveOnTwoShops(browser, OTHER_KEY, async ({ host, studioPid, shopA, shopB, hostFrames }) => {
    const rowA = streamRow(host, 'Shop A');
    const rowB = streamRow(host, 'Shop B');
    await expect(rowA).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
    await expect(rowB).toHaveAttribute('data-state', 'live', { timeout: 60_000 });

    // B's run as main sees it: it must be the same run (never dropped, never restarted) through all that follows.
    const bRun = await liveRunOf(host, 'Shop B');

    // Shop A's server dies: A reconnects (and says why), B stays live and its server keeps receiving.
    await shopA.kill();
    await expect(rowA).toHaveAttribute('data-state', 'reconnecting', { timeout: 30_000 });
    await expect(rowA.getByTestId('destination-state')).toHaveText(/^Reconnecting/);
    await expect(rowA.getByTestId('destination-detail')).toContainText('the server refused the connection');
    await expect(rowA.getByRole('button', { name: 'Reconnect now: Shop A' })).toBeVisible();
    await host.getByRole('region', { name: 'Stream' }).screenshot({ path: test.info().outputPath('destinations-reconnecting.png') });
    await expect(rowB).toHaveAttribute('data-state', 'live');
    expect(await receiving(shopB)).toBe(true);
    // Back on the same port: A is live again by itself, and counts the reconnect.
    await shopA.restart();
    await expect(rowA).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
    await expect(rowA.getByTestId('destination-reconnects')).not.toHaveText('0');
    await expect.poll(() => receiving(shopA), { timeout: 30_000, message: 'Shop A’s server receives the show again' }).toBe(true);

    // Stop on A: its push ends, B keeps going; A can be started again.
    await rowA.getByRole('button', { name: 'Stop: Shop A' }).click();
    await expect(rowA).toHaveAttribute('data-state', 'stopped');
    await expect.poll(() => pushesTo(studioPid, shopA.port), { message: 'the push to Shop A ended' }).toBe(false);
    await expect(rowB).toHaveAttribute('data-state', 'live');
    expect(await receiving(shopB)).toBe(true);
    await expect(rowA.getByRole('button', { name: 'Start: Shop A' })).toBeVisible();
    // The same run: the same reconnect count, and the same start (to within the clocks' jitter; a new run starts seconds later).
    const bNow = await liveRunOf(host, 'Shop B');
    expect(bNow.reconnects, 'Shop B never reconnected while Shop A failed, came back and stopped').toBe(bRun.reconnects);
    expect(Math.abs(bNow.liveSince! - bRun.liveSince!), 'Shop B is still on the run it started with').toBeLessThan(1000);

    await endShowStopsEverything(host, studioPid);
    expectNoKeyReceived('the host’s page', hostFrames);
  });
});

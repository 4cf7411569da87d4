import type { Page } from '@playwright/test';
import { probeRtmpStream, rtmpMissingReason, startRtmpServer } from '../tests/harness/rtmp-server.js';
import { getReadyToGoLive, livePill } from './go-live-pages.js';
import { addDestination, ffmpegUnder, openSettings, streamRow } from './multistream-pages.js';
import { expect, startStudio, test } from './studio-fixture.js';

/**
 * Issue 18, multistream in both orientations with the real studio (demo
 * catalog, built-in SFU, fake camera) and two real RTMP servers (nginx-rtmp
 * on loopback): the host makes one destination Vertical 9:16 on its Stream
 * panel row while live; it waits and says how to turn vertical output on,
 * starts by itself once it is on, and its server receives the 9:16 picture
 * while the other keeps the 16:9 one on the same run. End show stops both.
 */

test.describe.configure({ timeout: 240_000 });

const WIDE_KEY = 'site-key-2468';
const TALL_KEY = 'tiktok-key-1357';

test('a destination switched to Vertical 9:16 waits for the vertical output, then gets 9:16 while the other keeps 16:9; End show stops both', async ({
  browser,
}) => {
  test.skip(rtmpMissingReason() !== null, rtmpMissingReason() ?? '');
  const wide = await startRtmpServer({ key: WIDE_KEY });
  const tall = await startRtmpServer({ key: TALL_KEY });
  const { studio, stop } = await startStudio(['--sfu-port', '0'], { demo: true });
  try {
    const host = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await host.goto(`${studio.url}&lss-test-hooks`);
    await openSettings(host);
    await addDestination(host, { platform: 'Custom', name: 'Shop site', serverUrl: wide.url, streamKey: WIDE_KEY });
    await addDestination(host, { platform: 'Custom', name: 'TikTok', serverUrl: tall.url, streamKey: TALL_KEY });
    await host.getByRole('button', { name: 'Back to studio' }).click();
    await getReadyToGoLive(host);
    await host.getByRole('button', { name: 'Go live' }).click();
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    const siteRow = streamRow(host, 'Shop site');
    const tiktokRow = streamRow(host, 'TikTok');
    await expect(siteRow).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
    await expect(tiktokRow).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
    const siteSince = await liveSinceOf(host, 'Shop site');

    // TikTok → Vertical 9:16 on its row: vertical output is off, so it waits and says what to do.
    const orientation = host.getByRole('combobox', { name: 'Orientation: TikTok' });
    await expect(orientation).toHaveValue('horizontal');
    await orientation.selectOption({ label: 'Vertical 9:16' });
    await expect(tiktokRow).toHaveAttribute('data-state', 'waiting', { timeout: 30_000 });
    await expect(tiktokRow.getByTestId('destination-detail')).toHaveText(/^Vertical output is off in the studio — turn it on in Settings/);
    await host.getByRole('region', { name: 'Stream' }).screenshot({ path: test.info().outputPath('vertical-destination-waiting.png') });

    // Vertical output on (Settings): TikTok starts by itself and its server gets the 9:16 picture.
    await host.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
    const verticalBox = host.getByTestId('vertical-output-settings').getByLabel('Make a vertical (9:16) output');
    await expect(verticalBox).toBeEnabled();
    await verticalBox.click();
    await expect(verticalBox).toBeChecked();
    await host.getByRole('button', { name: 'Back to studio' }).click();
    await expect(tiktokRow).toHaveAttribute('data-state', 'live', { timeout: 90_000 });
    const tallProbe = await probeRtmpStream(tall.playUrl(), 3);
    expect(tallProbe.video).toMatchObject({ codec: 'h264' });
    // The vertical output's 720x1280 when the studio's browser sends its top layer (a browser short of CPU scales it down).
    console.log(`vertical destination receives ${tallProbe.video!.width}x${tallProbe.video!.height}`);
    expect([720, 360]).toContain(tallProbe.video!.width);
    expect(tallProbe.video!.height).toBe((tallProbe.video!.width * 16) / 9);
    expect(tallProbe.audio).toMatchObject({ codec: 'aac' });
    expect(tallProbe.videoFrames).toBeGreaterThan(10);
    const wideProbe = await probeRtmpStream(wide.playUrl(), 2);
    expect(wideProbe.video!.height).toBe((wideProbe.video!.width * 9) / 16);

    // The shop site never stopped: the same run all along.
    await expect(siteRow).toHaveAttribute('data-state', 'live');
    expect(Math.abs((await liveSinceOf(host, 'Shop site')) - siteSince)).toBeLessThan(1000);

    // End show stops both orientations, and every ffmpeg.
    await host.getByRole('region', { name: 'Stream' }).getByRole('button', { name: /^End show/ }).click();
    await host.getByRole('alertdialog', { name: 'End the show for everyone?' }).getByRole('button', { name: 'End show', exact: true }).click();
    await expect(livePill(host)).toHaveText('Show ended');
    for (const row of [siteRow, tiktokRow]) await expect(row).toHaveAttribute('data-state', 'stopped', { timeout: 15_000 });
    await expect.poll(() => ffmpegUnder(studio.pid), { timeout: 15_000, message: 'no ffmpeg left after End show' }).toEqual([]);
  } finally {
    await stop();
    await wide.stop();
    await tall.stop();
  }
});

/** When a destination went live this time, from main (`getEgress`, as the Stream panel reads it). */
async function liveSinceOf(page: Page, name: string): Promise<number> {
  const overview = await page.evaluate(() => window.studio!.getEgress());
  if (!overview.ok) throw new Error(overview.error.message);
  const row = overview.value.destinations.find((d) => d.name === name)!;
  expect(row.state).toBe('live');
  return row.liveSince!;
}

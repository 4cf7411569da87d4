import type { Page, WebSocket } from '@playwright/test';
import { addDestination, destinationDialog, openSettings, settingsRow } from './multistream-pages.js';
import { expect, test } from './studio-fixture.js';

/**
 * Issue 16, multistream, the host's side: Settings → Destinations, going
 * live on two real RTMP servers (Debian's nginx with its RTMP module, on
 * loopback), one failing and recovering while the other keeps going, End
 * show stopping them all; stream keys never reach a window.
 */

test.describe.configure({ timeout: 180_000 });

const GOOD_KEY = 'shop-a-key-1234';
const OTHER_KEY = 'shop-b-key-5678';

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

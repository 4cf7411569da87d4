import {
  expectPicturePlaying,
  getReadyToGoLive,
  importShopifyTemplate,
  livePill,
  openStudio,
  openViewer,
  rawViewerRequests,
  startLiveStudio,
  viewerUrlOf,
} from './go-live-pages.js';
import { freePort, startSfuProcess } from './sfu-fixtures/sfu-process.js';
import { expect, test } from './studio-fixture.js';

/**
 * Going live for real: the studio (`studio web`, its built-in mediasoup SFU
 * on a free port), its UI in Debian's Chromium with the fake camera and
 * microphone, the host clicking through the go-live checklist, viewers on
 * the real watch page, and pins sent by main's own host link.
 */

test.describe.configure({ timeout: 150_000 });

test('the host goes live from the studio; viewers get picture, sound and every pin', async ({ browser }) => {
  const { studio, stop } = await startLiveStudio();
  try {
    const host = await openStudio(browser, studio);
    await expect(livePill(host)).toHaveText('Offline');
    await importShopifyTemplate(host);

    // The checklist turns green once camera, mic and the built-in SFU are ready.
    await expect(host.getByRole('button', { name: 'Go live' })).toBeDisabled();
    await getReadyToGoLive(host);
    await expect(host.getByTestId('check-camera')).toContainText('1280×720');
    await expect(host.getByTestId('program-video')).toBeVisible();

    await host.getByRole('button', { name: 'Go live' }).click();
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    await expect(livePill(host)).toContainText('Live');

    // The viewer link the host copies is the one the SFU serves.
    const url = await viewerUrlOf(host);
    await expect(host.getByTestId('viewer-link').first()).toHaveText(url);

    const viewer = await openViewer(browser, url);
    const picture = await expectPicturePlaying(viewer);
    console.log(`viewer 1: ${picture.width}x${picture.height}, ${picture.frames} frames in 0.2 s, audio tracks ${picture.audioTracks}`);
    expect(picture.audioTracks).toBe(1);
    expect(picture.audioFlowing).toBe(true);
    await expect(viewer.getByRole('button', { name: 'Tap to unmute' })).toBeVisible();

    // Stream health fills in within a couple of 2-second windows; the viewer is counted.
    const health = host.getByTestId('stream-health');
    await expect(health.getByTestId('health-bitrate')).toContainText(/\d+(\.\d)? (kbps|Mbps)/, { timeout: 10_000 });
    await expect(health.getByTestId('health-fps')).toContainText(/\d+ fps/);
    await expect(health.getByTestId('health-rtt')).toContainText(/\d+ ms/);
    await expect(health.getByTestId('health-loss')).toContainText('%');
    await expect(health.getByTestId('health-viewers')).toContainText('1', { timeout: 10_000 });
    await expect(livePill(host)).toContainText('1 watching');

    // Pin from the catalog: the viewer's card shows the product at once.
    await host.getByRole('searchbox', { name: 'Search products' }).fill('SRT_COT_322');
    const row = host.getByRole('grid', { name: 'Products' }).getByRole('row', { name: /SRT_COT_322/ });
    await row.getByRole('button', { name: /^Pin Example T-Shirt/ }).click();
    const card = viewer.getByRole('complementary', { name: 'Featured product' });
    await expect(card.getByTestId('pin-title')).toHaveText('Example T-Shirt');
    await expect(card.getByTestId('pin-price')).toContainText('25');
    await expect(host.getByTestId('pinned-title')).toHaveText('Example T-Shirt');
    await expect(host.getByTestId('pin-delivery')).toHaveAttribute('data-state', 'delivered');
    await expect(row.getByRole('button', { name: /^Unpin Example T-Shirt/ })).toHaveAttribute('aria-pressed', 'true');

    // A viewer who arrives now sees the card immediately (it comes with the join reply).
    const late = await openViewer(browser, url, false);
    await expect(late.getByTestId('pin-title')).toHaveText('Example T-Shirt', { timeout: 3_000 });
    await expect(livePill(host)).toContainText('2 watching', { timeout: 10_000 });

    // Pin from the rundown: the item goes in with "+ Rundown", its Pin replaces the card.
    await host.getByRole('searchbox', { name: 'Search products' }).fill('PNT_DEN_285');
    const jeans = host.getByRole('grid', { name: 'Products' }).getByRole('row', { name: /PNT_DEN_285/ });
    await jeans.getByRole('button', { name: '+ Rundown' }).click();
    // The jeans come in three sizes: the whole product goes in as one item (Enter).
    await expect(host.getByRole('dialog', { name: 'Add “Example Jeans” to the rundown' })).toBeVisible();
    await host.keyboard.press('Enter');
    const item = host.getByRole('list', { name: 'Rundown items' }).getByRole('listitem').first();
    await item.getByRole('button', { name: /^Pin / }).click();
    await expect(card.getByTestId('pin-title')).toHaveText('Example Jeans');
    await expect(late.getByTestId('pin-title')).toHaveText('Example Jeans');
    const history = await host.evaluate(() => window.studio!.listPinHistory());
    expect(history.ok && history.value[0]?.rundownItemId).toEqual(expect.any(Number));
    expect(history.ok && history.value.map((p) => p.card.title)).toEqual(['Example Jeans', 'Example T-Shirt']);

    // Unpin from the Program panel: the card leaves every screen.
    await host.getByTestId('pinned-strip').getByRole('button', { name: /^Unpin/ }).click();
    await expect(card).toBeHidden();
    await expect(late.getByRole('complementary', { name: 'Featured product' })).toBeHidden();

    // A viewer can neither publish nor pin: the SFU answers with errors and nothing changes.
    const sfu = await host.evaluate(() => window.studio!.getSfuStatus());
    if (!sfu.ok || !sfu.value.signalUrl) throw new Error('no signal URL');
    const codes = await rawViewerRequests(late, sfu.value.signalUrl, sfu.value.room, [
      { type: 'setPin', card: { productId: 'x', title: 'Free stuff', price: '0.00' } },
      { type: 'clearPin' },
      { type: 'createTransport', direction: 'send' },
      {
        type: 'produce',
        transportId: 'not-mine',
        kind: 'video',
        rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }] },
      },
    ]);
    expect(codes).toEqual(['forbidden', 'forbidden', 'forbidden', 'forbidden']);
    await expect(card).toBeHidden();

    // Stop is a pause: viewers are told the host will be right back, and Resume brings the picture back.
    await host.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(livePill(host)).toHaveText(/^Paused/);
    await expect(viewer.getByRole('status')).toContainText('The host will be right back', { timeout: 10_000 });
    await host.getByRole('button', { name: 'Resume' }).click();
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    await expect(viewer.locator('#watch')).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    await expectPicturePlaying(viewer);

    // End show (it asks first): every viewer is told it is over.
    await host.getByRole('button', { name: 'End show…' }).click();
    await host.getByRole('alertdialog', { name: 'End the show for everyone?' }).getByRole('button', { name: 'End show', exact: true }).click();
    await expect(livePill(host)).toHaveText('Show ended');
    await expect(viewer.getByRole('status')).toContainText('The show has ended');
    await expect(late.getByRole('status')).toContainText('The show has ended');
  } finally {
    await stop();
  }
});

test('the host and the viewers come back by themselves when the SFU crashes and restarts', async ({ browser }) => {
  const hostToken = 'e2e-remote-sfu-token';
  const port = await freePort();
  const sfuArgs = ['--port', String(port), '--listen-ip', '127.0.0.1', '--workers', '1', '--host-token', hostToken];
  let sfu = await startSfuProcess(sfuArgs);
  const { studio, stop } = await startLiveStudio();
  try {
    const host = await openStudio(browser, studio);
    await importShopifyTemplate(host);
    // A remote SFU, as a host sets it in Settings: its address and host token.
    const saved = await host.evaluate(
      ({ url, hostToken }) => window.studio!.updateSettings({ sfu: { url, hostToken } }),
      { url: `ws://127.0.0.1:${port}`, hostToken },
    );
    expect(saved.ok).toBe(true);
    await getReadyToGoLive(host);
    await expect(host.getByTestId('check-server')).toContainText(`Remote SFU 127.0.0.1:${port}`);
    await host.getByRole('button', { name: 'Go live' }).click();
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });

    const url = await viewerUrlOf(host);
    expect(url).toContain(`127.0.0.1:${port}/watch/`);
    const viewer = await openViewer(browser, url);
    await expectPicturePlaying(viewer);
    await host.getByRole('searchbox', { name: 'Search products' }).fill('HAT_GRY_275');
    await host.getByRole('grid', { name: 'Products' }).getByRole('button', { name: /^Pin Example Beanie/ }).click();
    await expect(viewer.getByTestId('pin-title')).toHaveText('Example Beanie');

    // The SFU process dies without a word.
    await sfu.crash();
    await expect(livePill(host)).toHaveAttribute('data-phase', 'reconnecting', { timeout: 10_000 });
    await expect(host.getByRole('region', { name: 'Stream' })).toContainText(/Reconnecting \(attempt \d+\)/);
    await expect(viewer.getByRole('status')).toContainText('Reconnecting…');

    // Back on the same address: nobody clicks anything.
    sfu = await startSfuProcess(sfuArgs);
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live', { timeout: 30_000 });
    await expect(viewer.locator('#watch')).toHaveAttribute('data-phase', 'live', { timeout: 30_000 });
    await expectPicturePlaying(viewer);
    // The studio is the source of truth for the pin: the new SFU gets it again.
    await expect(viewer.getByTestId('pin-title')).toHaveText('Example Beanie', { timeout: 15_000 });
    await expect(host.getByTestId('pin-delivery')).toHaveAttribute('data-state', 'delivered');
  } finally {
    await stop();
    await sfu.stop();
  }
});

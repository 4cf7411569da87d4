import { TestSignalClient } from '../tests/harness/signal-client.js';
import type { Rgb } from './compositor-pages.js';
import { getReadyToGoLive, livePill, openStudio, startLiveStudio, viewerUrlOf } from './go-live-pages.js';
import {
  backstage,
  createInvite,
  expectInviteRefused,
  guestRow,
  guestStatus,
  inviteRow,
  joinAsGuest,
  launchWithDevices,
  openWatchPage,
  viewerColourAt,
  viewerTonesDb,
  whoseColour,
} from './guest-pages.js';
import { expect, test } from './studio-fixture.js';

/**
 * Issue 18, guests on air: the real studio with its built-in SFU, the host's
 * Backstage panel in Chromium, two guests on the real guest page in their own
 * Chromium (each with a solid-colour camera and a microphone humming its own
 * tone), and a viewer on the watch page whose decoded frames and sound say
 * who is in the program: the host's camera and the on-air guest side by side,
 * the host's and that guest's voices, never the guest left backstage.
 */

test.describe.configure({ timeout: 600_000 });
// Four Chromiums (the studio publishing, two guests publishing, a viewer decoding) share a 2-core machine:
// the host's page answers slowly, so each condition gets longer to become true (it is still a condition).
const SLOW_MS = 60_000;
const slowExpect = expect.configure({ timeout: SLOW_MS });

/** The host's camera is a solid colour too, so "the host is in the picture" is a measurement, not the absence of a guest. */
const HOST: Rgb = [240, 200, 20];
const DANA: Rgb = [230, 30, 200];
const SAM: Rgb = [20, 200, 230];
const HOST_HZ = 500;
const DANA_HZ = 1500;
const SAM_HZ = 3100;
const PALETTE = { host: HOST, dana: DANA, sam: SAM, nobody: [0, 0, 0] as Rgb };
const LEFT: [number, number] = [0.25, 0.5];
const RIGHT: [number, number] = [0.75, 0.5];

/** The ready-made "Host + guest" scene (migration 0200): the host's camera on the left half, the first guest on air on the right. */
const SIDE_BY_SIDE = 'host-guest';

/** Where the walk is, with the time: on a loaded machine the log says which step took long. */
const mark = (step: string) => console.log(`[guests walk] ${new Date().toISOString()} ${step}`);

test('two guests join from invites, the host brings one on air beside them for viewers, and a removed guest is off air with a dead link', async ({ playwright }) => {
  const { studio, stop } = await startLiveStudio();
  const studioBrowser = await launchWithDevices(playwright, { colour: HOST, size: [1280, 720], toneHz: HOST_HZ });
  const danaBrowser = await launchWithDevices(playwright, { colour: DANA, toneHz: DANA_HZ });
  const samBrowser = await launchWithDevices(playwright, { colour: SAM, toneHz: SAM_HZ });
  try {
    mark('studio open');
    const host = await openStudio(studioBrowser, studio);
    // The studio page's own warnings (a guest feed not received, a retry) go to the log with the steps.
    host.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') mark(`studio page ${message.type()}: ${message.text()}`);
    });
    // An invite belongs to a show: until one is open the Backstage says so.
    await slowExpect(backstage(host).getByTestId('backstage-no-show')).toHaveText('Open a show to invite guests.');
    await host.evaluate(async () => {
      const show = await window.studio!.createShow({ name: 'Guests night', scheduledStart: null });
      if (!show.ok) throw new Error(show.error.message);
      await window.studio!.setActiveShow({ showId: show.value.id });
    });

    mark('show open');
    await getReadyToGoLive(host);
    await host.getByRole('button', { name: 'Go live' }).click();
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live', { timeout: SLOW_MS });
    const taken = await host.evaluate((sceneId) => window.studio!.takeScene({ sceneId }), SIDE_BY_SIDE);
    expect(taken.ok).toBe(true);

    mark('live');
    const danaLink = await createInvite(host, 'Dana from Acme');
    const samLink = await createInvite(host, 'Sam (customer)');
    mark('invites made');
    const dana = await joinAsGuest(danaBrowser, danaLink, 'Dana');
    const sam = await joinAsGuest(samBrowser, samLink, 'Sam');
    await slowExpect(guestRow(host, 'Dana').getByTestId('guest-where')).toHaveText('Backstage');
    await slowExpect(guestRow(host, 'Sam').getByTestId('guest-where')).toHaveText('Backstage');
    await slowExpect(guestRow(host, 'Dana')).toContainText('Dana from Acme');
    await slowExpect(inviteRow(host, 'Dana from Acme')).toContainText('Used');

    mark('guests backstage');
    const viewer = await openWatchPage(studioBrowser, await viewerUrlOf(host), SLOW_MS);
    // Decoded frames are read as they come (a loaded machine may publish a few a second): each check waits for its picture.
    // Backstage is nobody's picture but the host's: no guest colour on either side.
    // Each sample is a real picture: the host's colour is on the left in the same frame that has no guest colour.
    await expect
      .poll(
        async () => {
          const [left, right] = [await viewerColourAt(viewer, ...LEFT), await viewerColourAt(viewer, ...RIGHT)];
          return { left: whoseColour(left, PALETTE), right: whoseColour(right, PALETTE) };
        },
        { timeout: SLOW_MS, message: 'the viewer sees the host and no guest while both are backstage' },
      )
      .toEqual({ left: 'host', right: 'nobody' });

    mark('viewer sees the host alone');
    await guestRow(host, 'Dana').getByRole('button', { name: 'On air' }).click();
    await expect(guestRow(host, 'Dana').getByTestId('guest-where')).toHaveText('On air · slot 1', { timeout: SLOW_MS });
    await expect(guestStatus(dana)).toHaveAttribute('data-phase', 'on-air');
    await expect(guestStatus(sam)).toHaveAttribute('data-phase', 'backstage');
    // Side by side: the host's camera on the left, Dana's on the right; Sam (backstage) is nowhere.
    await expect
      .poll(
        async () => {
          const [left, right] = [await viewerColourAt(viewer, ...LEFT), await viewerColourAt(viewer, ...RIGHT)];
          return { left: whoseColour(left, PALETTE), right: whoseColour(right, PALETTE) };
        },
        { timeout: SLOW_MS, message: 'the viewer sees the host and Dana side by side' },
      )
      .toEqual({ left: 'host', right: 'dana' });
    mark('viewer sees host and Dana');
    // The host's backstage previews Dana's camera from the publishing window's media.
    await slowExpect(guestRow(host, 'Dana').getByTestId('guest-preview')).toHaveAttribute('data-live', 'true');
    mark('Dana previewed');
    // The program's sound has the host's voice and Dana's, not Sam's.
    await expect
      .poll(
        async () => {
          const [hostDb, danaDb, samDb] = await viewerTonesDb(viewer, [HOST_HZ, DANA_HZ, SAM_HZ]);
          return { host: hostDb! > 20, dana: danaDb! > 20, sam: samDb! > 20 };
        },
        { timeout: SLOW_MS, message: 'the viewer hears the host and Dana, never Sam' },
      )
      .toEqual({ host: true, dana: true, sam: false });

    mark('viewer hears host and Dana');
    // A guest token is a guest's: it can neither pin nor publish the show's vertical feed, nor act as the host.
    const probeLink = await createInvite(host, 'Probe', 'reusable');
    const sfu = await host.evaluate(() => window.studio!.getSfuStatus());
    if (!sfu.ok || !sfu.value.signalUrl) throw new Error('no signal URL');
    const probe = await TestSignalClient.connect({ signalUrl: sfu.value.signalUrl });
    try {
      await probe.requests.request({
        type: 'join',
        show: sfu.value.room,
        role: 'guest',
        guestToken: new URL(probeLink).hash.replace('#invite=', ''),
        name: 'Probe',
        guestKey: 'probe-key-0123456789abcdef',
      });
      const refusal = async (body: Parameters<typeof probe.requests.request>[0]) =>
        probe.requests.request(body).then(
          () => 'allowed',
          (error: { code?: string }) => error.code,
        );
      const transport = await probe.requests.request({ type: 'createTransport', direction: 'send' });
      expect(await refusal({ type: 'setPin', card: { productId: 'x', title: 'Free stuff', price: '0.00' } })).toBe('forbidden');
      expect(await refusal({ type: 'clearPin' })).toBe('forbidden');
      expect(await refusal({ type: 'mintPublishToken', ttlSeconds: 60 })).toBe('forbidden');
      expect(await refusal({ type: 'guestControl', guestId: 'guest-aaaaaaaa', action: 'onAir' })).toBe('forbidden');
      expect(
        await refusal({
          type: 'produce',
          transportId: transport.transportId,
          kind: 'video',
          feed: 'vertical',
          rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }] },
        }),
      ).toBe('forbidden');
    } finally {
      probe.close();
    }

    mark('guest token refused');
    // Remove (confirmed): Dana leaves the program and the show, and her link admits nobody any more.
    await guestRow(host, 'Dana').getByRole('button', { name: 'Remove…' }).click();
    await guestRow(host, 'Dana').getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(dana.getByTestId('guest-final')).toContainText('The host removed you from the show.', { timeout: SLOW_MS });
    await slowExpect(guestRow(host, 'Dana')).toHaveCount(0);
    await slowExpect(inviteRow(host, 'Dana from Acme')).toHaveAttribute('data-status', 'revoked');
    // A sample counts only when it is real: the host's colour (and voice) in the same sample from which Dana's are gone.
    await expect
      .poll(
        async () => {
          const [left, right] = [await viewerColourAt(viewer, ...LEFT), await viewerColourAt(viewer, ...RIGHT)];
          return { left: whoseColour(left, PALETTE), right: whoseColour(right, PALETTE) };
        },
        { timeout: SLOW_MS, message: 'Dana is off the viewer’s picture, the host still in it' },
      )
      .toEqual({ left: 'host', right: 'nobody' });
    await expect
      .poll(
        async () => {
          const [hostDb, danaDb] = await viewerTonesDb(viewer, [HOST_HZ, DANA_HZ]);
          return { host: hostDb! > 20, danaGone: danaDb! < 20 };
        },
        { timeout: SLOW_MS, message: 'Dana is off the program’s sound, the host still in it' },
      )
      .toEqual({ host: true, danaGone: true });
    mark('Dana off picture and sound');
    await expectInviteRefused(danaBrowser, danaLink, 'Dana');
    // Sam, backstage all along, is still there.
    await expect(guestStatus(sam)).toHaveAttribute('data-phase', 'backstage');
    await slowExpect(guestRow(host, 'Sam').getByTestId('guest-where')).toHaveText('Backstage');
  } catch (error) {
    // The studio's window at the failure (this test's browsers are its own, so Playwright's screenshot does not have it).
    for (const page of studioBrowser.contexts().flatMap((c) => c.pages())) await page.screenshot({ path: test.info().outputPath('studio-at-failure.png'), fullPage: true }).catch(() => undefined);
    throw error;
  } finally {
    await Promise.all([studioBrowser.close(), danaBrowser.close(), samBrowser.close()]);
    await stop();
  }
});

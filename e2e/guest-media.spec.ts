import { getReadyToGoLive, livePill, startLiveStudio } from './go-live-pages.js';
import { isDark, isNear, outputPixel, outputRowHasLight, takeWithSpace, type Rgb } from './compositor-pages.js';
import { mixLevels, openTestGuest, startGuestSite } from './guest-media-pages.js';
import { expect, test } from './studio-fixture.js';

/**
 * Guests' media in the studio (issue 18), for real: `studio web` with its
 * built-in SFU, the studio UI in Chromium with the fake camera and mic, an
 * invite made through the studio's API, and a guest in a second Chromium
 * context (mediasoup-client) sending a solid magenta picture. The host
 * brings the guest on air; the program canvas shows the guest in the
 * "Host + guest" scene, and the SFU offers the guest the host's return feed.
 */

const MAGENTA: Rgb = [255, 0, 255];
/** CALM_TILE_BACKGROUND (draw-people.ts): a hidden camera's tile. */
const CALM: Rgb = [0x2b, 0x34, 0x42];
/** In the guest's half of "Host + guest", clear of the pinned card, the name strip and a calm tile's name. */
const GUEST_POINT = [0.6, 0.25] as const;
const HOST_POINT = [0.25, 0.5] as const;

let site: Awaited<ReturnType<typeof startGuestSite>>;
test.beforeAll(async () => {
  site = await startGuestSite();
});
test.afterAll(async () => {
  await site?.close();
});

test.describe.configure({ timeout: 150_000 });

test('a guest on air is drawn in the "Host + guest" scene, hidden and backstage as the host says, mixed into the program but not the return feed', async ({ browser }) => {
  const { studio, stop } = await startLiveStudio();
  try {
    const host = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await host.goto(`${studio.url}&lss-test-hooks`);
    // An invite belongs to a show: open one.
    await host.evaluate(async () => {
      const show = await window.studio!.createShow({ name: 'Guest night', scheduledStart: null });
      if (!show.ok) throw new Error(show.error.message);
      await window.studio!.setActiveShow({ showId: show.value.id });
    });
    await getReadyToGoLive(host);
    await host.getByRole('button', { name: 'Go live' }).click();
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });

    const invite = await host.evaluate(() => window.studio!.createGuestInvite({ label: 'Dana from Acme', singleUse: true, expiry: '1h' }));
    if (!invite.ok) throw new Error(invite.error.message);
    const link = invite.value.invites[0]!.url;
    const token = new URL(link).hash.replace('#invite=', '');
    const sfu = await host.evaluate(() => window.studio!.getSfuStatus());
    if (!sfu.ok || !sfu.value.signalUrl) throw new Error('no signal URL');
    const name = 'Dana <b>Acme</b>';
    const guest = await openTestGuest(browser, site.origin, { signalUrl: sfu.value.signalUrl, show: sfu.value.room, token, name, colour: '#ff00ff' });
    const guestId = await guest.evaluate(() => window.testGuest.guestId!);

    // The studio sees the guest with both feeds, backstage.
    await expect
      .poll(async () => {
        const state = await host.evaluate(() => window.studio!.getGuests());
        const seen = state.ok ? state.value.guests.find((g) => g.guestId === guestId) : undefined;
        return seen ? `${seen.connected} ${seen.producers.length} ${seen.onAir}` : 'absent';
      }, { timeout: 20_000 })
      .toBe('true 2 false');

    // "Host + guest" on air before the guest: the empty slot draws nothing (black), the host is on the left.
    await host.locator('[data-scene="host-guest"]').click();
    await takeWithSpace(host);
    await expect(host.locator('[data-scene="host-guest"]')).toHaveClass(/scene-program/);
    await expect.poll(() => outputPixel(host, ...GUEST_POINT).then(isDark), { timeout: 5_000 }).toBe(true);

    // On air: the guest's magenta picture fills the right half, their name on a strip; the host's camera stays on the left.
    const onAir = await host.evaluate((id) => window.studio!.controlGuest({ guestId: id, action: 'onAir' }), guestId);
    expect(onAir.ok).toBe(true);
    await expect.poll(() => outputPixel(host, ...GUEST_POINT).then((p) => isNear(p, MAGENTA, 40)), { timeout: 20_000 }).toBe(true);
    expect(isNear(await outputPixel(host, ...HOST_POINT), MAGENTA, 60)).toBe(false);
    await expect.poll(() => outputRowHasLight(host, 0.9375, 0.5, 0.7)).toBe(true);
    await host.screenshot({ path: test.info().outputPath('guest-on-air.png') });

    // The SFU got the host's `return` feed (the program without guests): it is the program sound the guest is given.
    await expect
      .poll(() => guest.evaluate(() => window.testGuest.view?.play.filter((p) => p.from === 'program').map((p) => p.kind).sort() ?? []), { timeout: 10_000 })
      .toEqual(['audio', 'video']);

    // Sound: with the host's mic muted, the program still carries the guest's voice; the return feed (what guests hear) does not.
    // The host's own mic (the backstage has a Mute mic per guest too).
    const muteMic = host.locator('.audio-controls').getByRole('button', { name: /^(Mute mic|Mic muted)$/ });
    await muteMic.click();
    await expect(muteMic).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(async () => (await mixLevels(host)).program, { timeout: 15_000 }).toBeGreaterThan(0.01);
    expect((await mixLevels(host)).return).toBeLessThan(0.001);
    // The host's own voice is in the return feed (the fake mic's tone), and the guest muted by the host leaves the program.
    await muteMic.click();
    await expect(muteMic).toHaveAttribute('aria-pressed', 'false');
    await expect.poll(async () => (await mixLevels(host)).return, { timeout: 15_000 }).toBeGreaterThan(0.01);
    await muteMic.click();
    await expect(muteMic).toHaveAttribute('aria-pressed', 'true');
    await host.evaluate((id) => window.studio!.controlGuest({ guestId: id, action: 'mute' }), guestId);
    await expect.poll(async () => (await mixLevels(host)).program, { timeout: 15_000 }).toBeLessThan(0.001);

    // Camera hidden: the guest's name on a calm tile instead of the frozen picture.
    await host.evaluate((id) => window.studio!.controlGuest({ guestId: id, action: 'hideCamera' }), guestId);
    await expect.poll(() => outputPixel(host, ...GUEST_POINT).then((p) => isNear(p, CALM, 12)), { timeout: 10_000 }).toBe(true);

    // Back to backstage: the slot is empty again.
    await host.evaluate((id) => window.studio!.controlGuest({ guestId: id, action: 'backstage' }), guestId);
    await expect.poll(() => outputPixel(host, ...GUEST_POINT).then(isDark), { timeout: 10_000 }).toBe(true);
  } finally {
    await stop();
  }
});

test('before Go live the host previews a guest backstage and puts them in the program; going live keeps them there', async ({ browser }) => {
  const { studio, stop } = await startLiveStudio();
  try {
    const host = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await host.goto(`${studio.url}&lss-test-hooks`);
    await host.evaluate(async () => {
      const show = await window.studio!.createShow({ name: 'Rehearsal with Dana', scheduledStart: null });
      if (!show.ok) throw new Error(show.error.message);
      await window.studio!.setActiveShow({ showId: show.value.id });
    });
    const invite = await host.evaluate(() => window.studio!.createGuestInvite({ label: 'Dana', singleUse: true, expiry: '1h' }));
    if (!invite.ok) throw new Error(invite.error.message);
    const token = new URL(invite.value.invites[0]!.url).hash.replace('#invite=', '');
    const sfu = await host.evaluate(() => window.studio!.getSfuStatus());
    if (!sfu.ok || !sfu.value.signalUrl) throw new Error('no signal URL');
    const guest = await openTestGuest(browser, site.origin, { signalUrl: sfu.value.signalUrl, show: sfu.value.room, token, name: 'Dana', colour: '#ff00ff' });
    const guestId = await guest.evaluate(() => window.testGuest.guestId!);

    // Not live: the Backstage shows Dana's camera as it arrives (a receive-only connection, not the publisher's).
    await expect(livePill(host)).not.toHaveAttribute('data-phase', 'live');
    const row = host.getByRole('region', { name: 'Backstage' }).getByTestId('guest').filter({ hasText: 'Dana' });
    await expect(row.getByTestId('guest-preview')).toHaveAttribute('data-live', 'true', { timeout: 20_000 });

    // On air before the show starts: the program (what viewers will see) has her in the "Host + guest" scene.
    await host.locator('[data-scene="host-guest"]').click();
    await takeWithSpace(host);
    await expect(host.locator('[data-scene="host-guest"]')).toHaveClass(/scene-program/);
    expect((await host.evaluate((id) => window.studio!.controlGuest({ guestId: id, action: 'onAir' }), guestId)).ok).toBe(true);
    await expect.poll(() => outputPixel(host, ...GUEST_POINT).then((p) => isNear(p, MAGENTA, 40)), { timeout: 20_000 }).toBe(true);

    // Go live: the publishing session takes the guest over; she stays in the program and the preview stays live.
    await getReadyToGoLive(host);
    await host.getByRole('button', { name: 'Go live' }).click();
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    await expect.poll(() => guest.evaluate(() => window.testGuest.view?.play.filter((p) => p.from === 'program').length ?? 0), { timeout: 20_000 }).toBe(2);
    await expect.poll(() => outputPixel(host, ...GUEST_POINT).then((p) => isNear(p, MAGENTA, 40)), { timeout: 20_000 }).toBe(true);
    await expect(row.getByTestId('guest-preview')).toHaveAttribute('data-live', 'true');
  } finally {
    await stop();
  }
});

import { expectPicturePlaying, getReadyToGoLive, livePill, openStudio, openViewer, startLiveStudio, viewerUrlOf } from './go-live-pages.js';
import { expect, test } from './studio-fixture.js';

/**
 * One publisher per show: two studio pages on the same studio (`studio web`,
 * its built-in SFU), both ready to go live with Chromium's fake camera.
 * Main decides who publishes; the other page shows who is live and offers
 * Take over; the page taken over says so and stops; the program scene is
 * main's, so a Take in either page changes it in both.
 */

test.describe.configure({ timeout: 150_000 });

test('a second page shows who is live, takes over after confirming, and the first stops; a Take changes the program everywhere', async ({ browser }) => {
  const { studio, stop } = await startLiveStudio();
  try {
    const a = await openStudio(browser, studio);
    const b = await openStudio(browser, studio);
    await getReadyToGoLive(a);
    await getReadyToGoLive(b);

    await a.getByRole('button', { name: 'Go live' }).click();
    await expect(livePill(a)).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    const viewer = await openViewer(browser, await viewerUrlOf(a));
    await expectPicturePlaying(viewer);

    // Page B shows the real state of the show (not its own "Offline"), and where it comes from.
    await expect(livePill(b)).toHaveAttribute('data-phase', 'live', { timeout: 10_000 });
    await expect(livePill(b)).toHaveAttribute('data-publisher', 'elsewhere');
    await expect(livePill(b)).toContainText('from a browser on this computer');
    await expect(b.getByTestId('live-elsewhere')).toHaveText('Live from a browser on this computer');
    // B's Go live is a Take over, and it asks first; cancelling changes nothing.
    await expect(b.getByRole('button', { name: 'Go live' })).toHaveCount(0);
    await b.getByRole('button', { name: 'Take over…' }).click();
    const dialog = b.getByRole('dialog', { name: 'Take over the show?' });
    await expect(dialog).toContainText('The show is live from a browser on this computer.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(livePill(a)).toHaveAttribute('data-phase', 'live');

    await b.getByRole('button', { name: 'Take over…' }).click();
    await b.getByRole('dialog', { name: 'Take over the show?' }).getByRole('button', { name: 'Take over', exact: true }).click();

    // A says so at once and stops: no LIVE of its own over a picture nobody sees.
    await expect(a.getByTestId('taken-over')).toHaveText(/^Another window took over the show at \d{1,2}[:.]\d{2}.*You're no longer publishing\.$/);
    await expect(livePill(b)).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    await expect(livePill(b)).not.toHaveAttribute('data-publisher', 'elsewhere');
    await expect(livePill(a)).toHaveAttribute('data-publisher', 'elsewhere');
    await expect(livePill(a)).toHaveAttribute('data-phase', 'live');
    await expect(a.getByRole('button', { name: 'Take over…' })).toBeVisible();
    await expect(a.getByRole('button', { name: 'Stop', exact: true })).toHaveCount(0);
    // The viewers stay and get the picture from B.
    await expect(viewer.locator('#watch')).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    await expectPicturePlaying(viewer);

    // The program scene is main's: a Take in B changes A's program indicator.
    const sceneIn = (page: typeof a, id: string) => page.getByRole('toolbar', { name: 'Scenes' }).locator(`[data-scene="${id}"]`);
    await expect(sceneIn(a, 'camera')).toHaveClass(/scene-program/);
    await sceneIn(b, 'starting-soon').click();
    await b.getByRole('button', { name: 'Take', exact: true }).click();
    await expect(sceneIn(b, 'starting-soon')).toHaveClass(/scene-program/);
    await expect(sceneIn(a, 'starting-soon')).toHaveClass(/scene-program/);
    await expect(sceneIn(a, 'camera')).not.toHaveClass(/scene-program/);

    // B pauses: nobody publishes now, so A may simply go live again; the show is B's to resume or end, not A's.
    await b.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(b.getByRole('button', { name: 'Resume' })).toBeVisible();
    await expect(livePill(a)).toHaveText(/^Paused/);
    await expect(a.getByRole('button', { name: 'Go live' })).toBeEnabled();
    await expect(a.getByRole('button', { name: 'End show' })).toHaveCount(0);
  } finally {
    await stop();
  }
});

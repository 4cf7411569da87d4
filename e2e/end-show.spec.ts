import type { Page } from '@playwright/test';
import { expectPicturePlaying, getReadyToGoLive, livePill, openStudio, openViewer, startLiveStudio, viewerUrlOf } from './go-live-pages.js';
import { expect, test } from './studio-fixture.js';

/**
 * End show ends the show for every viewer and cannot be undone, so it asks
 * first and says what ending does; Stop (a pause) stays one click and sits
 * apart from it. The real studio, its built-in SFU, a viewer on the watch page.
 */

test.describe.configure({ timeout: 150_000 });

const endShowDialog = (page: Page) => page.getByRole('alertdialog', { name: 'End the show for everyone?' });

test('End show asks first: Esc keeps the show on, Enter ends it for every viewer; Stop is a one-click pause apart from it', async ({ browser }) => {
  const { studio, stop } = await startLiveStudio();
  try {
    const host = await openStudio(browser, studio);
    await getReadyToGoLive(host);
    await host.getByRole('button', { name: 'Go live' }).click();
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    const viewer = await openViewer(browser, await viewerUrlOf(host));
    await expectPicturePlaying(viewer);

    // Stop and End show are apart: End show sits on its own line, well clear of Stop.
    const stream = host.getByRole('region', { name: 'Stream' });
    const stopButton = stream.getByRole('button', { name: 'Stop', exact: true });
    const endButton = stream.getByRole('button', { name: /^End show/ });
    const stopBox = (await stopButton.boundingBox())!;
    const endBox = (await endButton.boundingBox())!;
    expect(endBox.y - (stopBox.y + stopBox.height)).toBeGreaterThanOrEqual(16);
    expect(endBox.height).toBeLessThan(stopBox.height);

    // End show opens a question, with the focus on its answer, that says what ending does.
    await endButton.click();
    const dialog = endShowDialog(host);
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'End show', exact: true })).toBeFocused();
    await expect(dialog).toContainText('stops publishing');
    await expect(dialog).toContainText('ends a running flash deal');
    await expect(dialog).toContainText('stops claims');
    await expect(dialog).toContainText('press Stop');

    // Esc: nothing happened. Still live, and the viewer's picture still moves.
    await host.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live');
    await expect(viewer.locator('#watch')).toHaveAttribute('data-phase', 'live');
    await expectPicturePlaying(viewer);

    // "Keep the show on" says no too.
    await endButton.click();
    await endShowDialog(host).getByRole('button', { name: 'Keep the show on' }).click();
    await expect(endShowDialog(host)).toBeHidden();
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live');

    // Stop is still one click, a pause: viewers see "right back"; the show can still be ended from there.
    await stopButton.click();
    await expect(livePill(host)).toHaveText(/^Paused/);
    await expect(viewer.getByRole('status')).toContainText('The host will be right back', { timeout: 10_000 });
    await stream.getByRole('button', { name: /^End show/ }).click();
    await expect(endShowDialog(host)).toBeVisible();
    await host.keyboard.press('Enter');
    await expect(livePill(host)).toHaveText('Show ended');
    await expect(stream.getByRole('status').filter({ hasText: 'The show has ended. Viewers were told.' })).toBeVisible();
    await expect(viewer.getByRole('status')).toContainText('The show has ended', { timeout: 10_000 });

    // Straight from live: End show, Enter.
    await host.getByRole('button', { name: 'Go live again' }).click();
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    await expect(viewer.locator('#watch')).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    await expectPicturePlaying(viewer);
    await stream.getByRole('button', { name: /^End show/ }).click();
    await expect(endShowDialog(host).getByRole('button', { name: 'End show', exact: true })).toBeFocused();
    await host.keyboard.press('Enter');
    await expect(livePill(host)).toHaveText('Show ended');
    await expect(viewer.getByRole('status')).toContainText('The show has ended', { timeout: 10_000 });
  } finally {
    await stop();
  }
});

import type { Page } from '@playwright/test';
import { openChatViewer, sendFromViewer } from './chat-pages.js';
import { claimsStockLeft, buildShirtShow, rundownRow, SHIRT, writeShirtCatalog } from './first-show-pages.js';
import { getReadyToGoLive, livePill, openStudio, startLiveStudio } from './go-live-pages.js';
import { claimRows, importCatalog, pressSellingKey, viewerCard } from './selling-pages.js';
import { expect, test } from './studio-fixture.js';

/**
 * What a new host ran into in their first show (issue 15), walked in
 * Chromium with the real parts: `studio web`, its built-in SFU, viewers on
 * the real watch page claiming in chat.
 */

test.describe.configure({ timeout: 180_000 });

test('one number of units left: the rundown, the pinned card, the watch page and the Claims tab agree after claims and a cancel', async ({ browser }) => {
  const { studio, stop } = await startLiveStudio();
  try {
    const host = await openStudio(browser, studio);
    await importCatalog(host, writeShirtCatalog());
    await buildShirtShow(host);
    // Before anything is claimed: the 20 imported (S 5 + M 15), on the rundown as on the card.
    await expect(rundownRow(host, SHIRT.title)).toContainText('20 left');

    await getReadyToGoLive(host);
    await host.getByRole('button', { name: 'Go live' }).click();
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });

    const anna = await openChatViewer(browser, host);
    const ben = await openChatViewer(browser, host);
    await pressSellingKey(host, '1');
    await expect(viewerCard(anna).getByTestId('pin-title')).toHaveText(SHIRT.title);
    // A big number is a number too, never a vague "In stock".
    await expect(viewerCard(anna).getByTestId('pin-stock')).toHaveText('20 left');

    // Anna claims an M, Ben an S, Anna a second M.
    await sendFromViewer(anna, 'sold M', 'Anna');
    await expect(anna.getByTestId('chat-notice')).toContainText('You got it');
    await sendFromViewer(ben, 'sold S', 'Ben');
    await expect(ben.getByTestId('chat-notice')).toContainText('You got it');
    await sendFromViewer(anna, 'claim M');
    await host.getByRole('tab', { name: 'Claims' }).click();
    await expect(claimRows(host)).toHaveCount(3);

    await expectUnitsLeftEverywhere(host, [anna, ben], '17 left');
    await expect(host.getByTestId('claims-stock-row').filter({ hasText: SHIRT.title })).toContainText('S 4 · M 13');

    // The host cancels Ben's claim in the Claims tab: his S comes back on every screen.
    const bens = claimRows(host).and(host.locator('[data-viewer="Ben"]'));
    await bens.getByRole('button', { name: /^Cancel / }).click();
    await bens.getByRole('button', { name: 'Yes, cancel' }).click();
    await expect(bens).toHaveAttribute('data-status', 'cancelled');

    await expectUnitsLeftEverywhere(host, [anna, ben], '18 left');
    await expect(host.getByTestId('claims-stock-row').filter({ hasText: SHIRT.title })).toContainText('S 5 · M 13');
    await host.locator('.panel-chat').screenshot({ path: test.info().outputPath('claims-units-left.png') });
  } catch (error) {
    console.log(studio.output().slice(-3000));
    throw error;
  } finally {
    for (const context of browser.contexts()) await context.close().catch(() => undefined);
    await stop();
  }
});

/** The rundown row, the studio's pinned card, every watch page's card and the Claims tab say the same. */
async function expectUnitsLeftEverywhere(host: Page, viewers: readonly Page[], text: string): Promise<void> {
  await expect(rundownRow(host, SHIRT.title).getByTestId('rundown-stock')).toHaveText(text);
  await expect(host.getByTestId('pinned-stock')).toHaveText(text);
  for (const viewer of viewers) await expect(viewerCard(viewer).getByTestId('pin-stock')).toHaveText(text);
  await expect(claimsStockLeft(host, SHIRT.title)).toHaveText(text);
}

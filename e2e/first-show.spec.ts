import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { openChatViewer, sendFromViewer } from './chat-pages.js';
import { claimsStockLeft, buildShirtShow, myClaims, rundownRow, SHIRT, writeShirtCatalog } from './first-show-pages.js';
import { getReadyToGoLive, livePill, openStudio, startLiveStudio } from './go-live-pages.js';
import {
  buildSellingShow,
  claimRows,
  importCatalog,
  parseCsv,
  pressSellingKey,
  TOTE,
  viewerCard,
  writeSellingCatalog,
} from './selling-pages.js';
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

test('a buyer keeps track of their claims: My claims survives a reload, the seller gets their contact, "one more" adds a unit, a cancel shows', async ({
  browser,
}) => {
  const { studio, stop } = await startLiveStudio();
  try {
    const host = await openStudio(browser, studio);
    await importCatalog(host, writeSellingCatalog());
    await buildSellingShow(host);
    // Settings → Selling: at most 2 of a product per buyer.
    await host.evaluate(() => window.studio!.updateSettings({ selling: { claimLimitPerViewer: 2 } }));
    const anna = await openChatViewer(browser, host);
    const ben = await openChatViewer(browser, host);
    await pressSellingKey(host, '1');
    await expect(viewerCard(anna).getByTestId('pin-title')).toHaveText(TOTE.title);

    // Anna claims: "My claims" shows it, and asks (without insisting) where the seller can reach her.
    await sendFromViewer(anna, 'sold', 'Anna');
    await expect(myClaims(anna).getByTestId('my-claim')).toHaveCount(1);
    await expect(myClaims(anna).getByTestId('my-claim')).toContainText([`${TOTE.title}${TOTE.price}Confirmed`]);
    const contact = anna.getByRole('textbox', { name: 'Where can the seller reach you about this order?' });
    await expect(contact).toBeVisible();
    await expect(myClaims(anna)).toContainText('E-mail or @handle — only the seller sees it');
    await anna.screenshot({ path: test.info().outputPath('watch-page-my-claims-ask.png') });
    await contact.fill('anna at home');
    await myClaims(anna).getByRole('button', { name: 'Save' }).click();
    await expect(myClaims(anna).getByRole('alert')).toContainText('Type an e-mail (like name@example.com) or a handle starting with @');
    await contact.fill('@anna.shop');
    await myClaims(anna).getByRole('button', { name: 'Save' }).click();
    await expect(myClaims(anna).getByTestId('contact-line')).toContainText('The seller can reach you at @anna.shop');
    await expect(contact).toBeHidden();
    await myClaims(anna).screenshot({ path: test.info().outputPath('my-claims.png') });

    // The host sees it on Anna's claim in the Claims tab.
    await host.getByRole('tab', { name: 'Claims' }).click();
    const annas = claimRows(host).and(host.locator('[data-viewer="Anna"]'));
    await expect(annas.getByTestId('claim-contact')).toContainText('@anna.shop');

    // A reload: the notice is long gone, "My claims" is back with its status and the contact; nothing is asked again.
    await anna.reload();
    await expect(myClaims(anna).getByTestId('my-claim')).toHaveCount(1);
    await expect(myClaims(anna).getByTestId('my-claim-status')).toHaveText(['Confirmed']);
    await expect(myClaims(anna).getByTestId('contact-line')).toContainText('@anna.shop');
    await expect(contact).toBeHidden();

    // "Sold, one more please": a second unit. "One more question…" is not a claim. Over the limit: told privately.
    await sendFromViewer(anna, 'sold, one more please');
    await expect(myClaims(anna).getByTestId('my-claim-status')).toHaveText(['Confirmed', 'Confirmed']);
    await sendFromViewer(anna, 'one more question for you');
    await sendFromViewer(anna, 'another one please');
    await expect(anna.getByTestId('chat-notice')).toHaveText(`You've reached the limit of 2 per buyer for ${TOTE.title}.`);
    await expect(annas).toHaveCount(2);

    // The export has her contact on each of her rows (a handle starts with "@": kept as text, not a formula).
    const [download] = await Promise.all([host.waitForEvent('download'), host.getByRole('button', { name: 'Export CSV' }).click()]);
    const [header, ...rows] = parseCsv(fs.readFileSync(await download.path(), 'utf8')).filter((r) => r.some((c) => c !== ''));
    const column = header!.indexOf('Contact');
    expect(column).toBeGreaterThan(0);
    expect(rows.map((r) => [r[0], r[column]])).toEqual([
      ['Anna', "'@anna.shop"],
      ['Anna', "'@anna.shop"],
    ]);

    // The host cancels the newer one: Anna's page shows it (newest first), with no reload.
    await annas.first().getByRole('button', { name: /^Cancel / }).click();
    await annas.first().getByRole('button', { name: 'Yes, cancel' }).click();
    await expect(myClaims(anna).getByTestId('my-claim-status')).toHaveText(['Cancelled by the seller', 'Confirmed']);

    // Ben never sees Anna's claims or contact.
    await expect(myClaims(ben)).toBeHidden();
    expect(await ben.locator('body').textContent()).not.toContain('anna.shop');
  } catch (error) {
    console.log(studio.output().slice(-3000));
    throw error;
  } finally {
    for (const context of browser.contexts()) await context.close().catch(() => undefined);
    await stop();
  }
});

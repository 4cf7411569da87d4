import fs from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { consoleRow, openChatViewer, sendFromViewer } from './chat-pages.js';
import { openStudio, startLiveStudio } from './go-live-pages.js';
import {
  buildSellingShow,
  claimRows,
  countdownSeconds,
  HOOPS,
  importCatalog,
  parseCsv,
  pressSellingKey,
  SCARF,
  TOTE,
  viewerCard,
  writeSellingCatalog,
} from './selling-pages.js';
import { expect, test, type RunningStudio } from './studio-fixture.js';

/**
 * The selling tools with the real parts: `studio web` with its built-in
 * SFU, the studio UI in Chromium driven from the keyboard, viewers on the
 * real watch page claiming in chat. Pins and deals need no camera: the
 * card reaches viewers before the show goes live, as it does during it.
 */

test.describe.configure({ timeout: 150_000 });

async function sellingStudio(browser: Browser): Promise<{ studio: RunningStudio; stop: () => Promise<void>; host: Page }> {
  const { studio, stop: stopStudio } = await startLiveStudio();
  // The studio page and the watch pages of a test go with it: an old studio page
  // would keep its compositor drawing and slow the next test on a 2-core machine.
  const stop = async () => {
    for (const context of browser.contexts()) await context.close().catch(() => undefined);
    await stopStudio();
  };
  try {
    const host = await openStudio(browser, studio);
    await importCatalog(host, writeSellingCatalog());
    await buildSellingShow(host);
    return { studio, stop, host };
  } catch (error) {
    console.log(studio.output().slice(-3000));
    await stop();
    throw error;
  }
}

const rundownNow = (host: Page) => host.getByRole('region', { name: 'Live cursor' }).locator('.live-line').first();

test('hotkeys: N, P, 1–9 and U pin and unpin on every viewer, late joiners included', async ({ browser }) => {
  const { studio, stop, host } = await sellingStudio(browser);
  try {
    const viewer = await openChatViewer(browser, host);
    await expect(host.getByTestId('pin-keys-legend')).toContainText('P pin · N next + pin · U unpin · 1–9 pin item');

    // Before the show starts P has nothing to pin: the host is told why, nothing is pinned.
    await pressSellingKey(host, 'p');
    await expect(host.getByTestId('pin-notice')).toContainText('The show has not started');

    // N starts the show on the intro (a segment: nothing to pin), N again pins the first product.
    await pressSellingKey(host, 'n');
    await expect(rundownNow(host)).toContainText('Welcome');
    await expect(host.getByTestId('pin-notice')).toContainText('Now: Welcome');
    await pressSellingKey(host, 'n');
    await expect(rundownNow(host)).toContainText(TOTE.title);
    await expect(viewerCard(viewer).getByTestId('pin-title')).toHaveText(TOTE.title);
    await expect(host.getByTestId('pinned-title')).toHaveText(TOTE.title);
    await expect(host.getByTestId('pinned-stock')).toHaveText(`${TOTE.stock} left`);
    await host.getByTestId('pinned-strip').screenshot({ path: test.info().outputPath('selling-strip.png') });

    // U takes it down; P puts the current rundown item back up.
    await pressSellingKey(host, 'u');
    await expect(viewerCard(viewer)).toBeHidden();
    await pressSellingKey(host, 'p');
    await expect(viewerCard(viewer).getByTestId('pin-title')).toHaveText(TOTE.title);
    // Pressed again: already up, nothing is re-sent (a re-pin would end a running deal).
    await pressSellingKey(host, 'p');
    await expect(host.getByTestId('pin-notice')).toHaveText(`${TOTE.title} is already on viewers’ screens.`);

    // A viewer who arrives now sees the pinned card at once.
    const late = await openChatViewer(browser, host);
    await expect(viewerCard(late).getByTestId('pin-title')).toHaveText(TOTE.title, { timeout: 5_000 });

    // Typing in a field is typing: "p" in the catalog search pins nothing (checked in the history below).
    await host.getByRole('searchbox', { name: 'Search products' }).pressSequentially('pu1');
    await host.getByRole('searchbox', { name: 'Search products' }).fill('');

    // N: the next product replaces the card everywhere.
    await pressSellingKey(host, 'n');
    await expect(viewerCard(viewer).getByTestId('pin-title')).toHaveText(HOOPS.title);
    await expect(viewerCard(late).getByTestId('pin-title')).toHaveText(HOOPS.title);

    // 3 pins the third product without moving the rundown: Hoops stays "Now", the Scarf's button reads Unpin.
    await pressSellingKey(host, '3');
    await expect(viewerCard(viewer).getByTestId('pin-title')).toHaveText(SCARF.title);
    await expect(viewerCard(late).getByTestId('pin-title')).toHaveText(SCARF.title);
    await expect(rundownNow(host)).toContainText(HOOPS.title);
    const scarfItem = host.getByRole('list', { name: 'Rundown items' }).getByRole('listitem').filter({ hasText: SCARF.title });
    await expect(scarfItem.getByRole('button', { name: `Unpin ${SCARF.title}` })).toHaveAttribute('aria-pressed', 'true');

    await pressSellingKey(host, 'u');
    await expect(viewerCard(viewer)).toBeHidden();
    await expect(viewerCard(late)).toBeHidden();
    await expect(host.getByTestId('pinned-strip')).toContainText('Nothing pinned');

    // Exactly the pins the keys made, newest first: the typed "p", "u" and "1" did nothing.
    const history = await host.evaluate(() => window.studio!.listPinHistory());
    expect(history.ok && history.value.map((p) => p.card.title)).toEqual([SCARF.title, HOOPS.title, TOTE.title, TOTE.title]);
    expect(history.ok && history.value.every((p) => p.rundownItemId !== null)).toBe(true);
  } catch (error) {
    console.log(studio.output().slice(-3000));
    throw error;
  } finally {
    await stop();
  }
});

test('a flash deal counts down on viewers with the studio, then the regular price returns', async ({ browser }) => {
  const { studio, stop, host } = await sellingStudio(browser);
  try {
    const viewer = await openChatViewer(browser, host);
    await pressSellingKey(host, '1');
    const card = viewerCard(viewer);
    await expect(card.getByTestId('pin-title')).toHaveText(TOTE.title);

    // A 15 s deal at 19.00 (custom length; the quick choices start at 30 s).
    const deal = host.getByRole('form', { name: `Flash deal on ${TOTE.title}` });
    await deal.getByRole('textbox', { name: 'Deal price' }).fill('19.00');
    await deal.getByRole('combobox', { name: 'Deal length' }).selectOption({ label: 'Custom…' });
    await deal.getByRole('textbox', { name: 'Custom deal length' }).fill('15 s');
    await deal.getByRole('button', { name: 'Start deal' }).click();

    await expect(host.getByTestId('deal-countdown')).toBeVisible();
    await expect(host.getByTestId('deal-price')).toContainText('19.00');
    await expect(card.getByTestId('pin-deal-countdown')).toBeVisible();
    // The sale price, and the regular one struck through.
    await expect(card.getByTestId('pin-deal-price')).toContainText('19');
    await expect(card.getByTestId('pin-deal-was')).toContainText('25');
    await host.getByTestId('pinned-strip').screenshot({ path: test.info().outputPath('selling-deal-strip.png') });
    await card.screenshot({ path: test.info().outputPath('selling-deal-card.png') });

    // A viewer who joins during the deal, on a computer whose clock is two hours slow,
    // counts down with the studio (within a second): the page counts on the SFU's clock.
    const late = await openChatViewer(browser, host, -2 * 3600_000);
    expect(await late.evaluate(() => Date.now())).toBeLessThan(Date.now() - 3600_000);
    await expect(viewerCard(late).getByTestId('pin-deal-countdown')).toBeVisible();
    // Two pages are read one after the other, so a read can straddle a tick: poll rather than read once.
    await expect
      .poll(async () => {
        const [studioLeft, lateLeft] = await Promise.all([
          host.getByTestId('deal-countdown').textContent(),
          viewerCard(late).getByTestId('pin-deal-countdown').textContent(),
        ]);
        return Math.abs(countdownSeconds(studioLeft) - countdownSeconds(lateLeft));
      })
      .toBeLessThanOrEqual(1);

    // It runs: it comes to show less (a frozen countdown never does).
    const first = countdownSeconds(await card.getByTestId('pin-deal-countdown').textContent());
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(15);
    await expect.poll(async () => countdownSeconds(await card.getByTestId('pin-deal-countdown').textContent()), { timeout: 5_000 }).toBeLessThan(first);

    // At zero: "Deal ended" and the regular price on every screen, the studio included.
    await expect(card.getByTestId('pin-deal-ended')).toBeVisible({ timeout: 20_000 });
    await expect(card.getByTestId('pin-deal-countdown')).toBeHidden();
    await expect(card.getByTestId('pin-price')).toContainText('25');
    await expect(card.getByTestId('pin-deal-price')).toBeHidden();
    await expect(viewerCard(late).getByTestId('pin-deal-ended')).toBeVisible();
    await expect(host.getByTestId('deal-ended')).toBeVisible();
    await expect(host.getByTestId('deal-countdown')).toBeHidden();
  } catch (error) {
    console.log(studio.output().slice(-3000));
    throw error;
  } finally {
    await stop();
  }
});

test('two viewers claim the last scarf at once: one gets it, one waits; cancel promotes; the CSV has the right rows', async ({ browser }) => {
  const { studio, stop, host } = await sellingStudio(browser);
  try {
    // Names that a spreadsheet would run as formulas: the CSV must neutralise them.
    const anna = await openChatViewer(browser, host);
    const ben = await openChatViewer(browser, host);
    await sendFromViewer(anna, 'hello from Anna', '=Anna');
    await sendFromViewer(ben, 'hello from Ben', '+Ben');

    // P with a chat message selected pins the message (the chat's own key), not the current rundown product.
    await pressSellingKey(host, 'n');
    await pressSellingKey(host, 'n');
    await expect(viewerCard(anna).getByTestId('pin-title')).toHaveText(TOTE.title);
    await pressSellingKey(host, 'u');
    await expect(viewerCard(anna)).toBeHidden();
    await consoleRow(host, 'hello from Ben').click();
    await host.keyboard.press('p');
    await expect(anna.getByTestId('chat-pinned')).toContainText('hello from Ben');
    await expect(host.getByTestId('pinned-strip')).toContainText('Nothing pinned');
    const pins = await host.evaluate(() => window.studio!.listPinHistory());
    expect(pins.ok && pins.value.map((p) => p.card.title)).toEqual([TOTE.title]);

    await pressSellingKey(host, '3');
    await expect(viewerCard(anna).getByTestId('pin-title')).toHaveText(SCARF.title);
    await expect(viewerCard(ben).getByTestId('pin-title')).toHaveText(SCARF.title);
    await expect(viewerCard(anna).getByTestId('pin-stock')).toHaveText('1 left');

    // Both write "sold" at the same moment.
    await Promise.all([
      anna.getByRole('textbox', { name: 'Message' }).fill('sold'),
      ben.getByRole('textbox', { name: 'Message' }).fill('sold'),
    ]);
    await Promise.all([anna.getByRole('button', { name: 'Send' }).click(), ben.getByRole('button', { name: 'Send' }).click()]);

    // Exactly one is told it is theirs, the other that they are on the waitlist (privately).
    const notices = await Promise.all(
      [anna, ben].map(async (viewer) => {
        const notice = viewer.getByTestId('chat-notice');
        await expect(notice).toContainText(/You got it|waitlist/, { timeout: 15_000 });
        return (await notice.textContent()) ?? '';
      }),
    );
    const winners = notices.map((n) => /You got it/.test(n));
    expect(winners.filter(Boolean)).toHaveLength(1);
    expect(notices.filter((n) => /waitlist/.test(n))).toHaveLength(1);
    const [winnerName, loserName] = winners[0] ? ['=Anna', '+Ben'] : ['+Ben', '=Anna'];
    const loser = winners[0] ? ben : anna;

    // Sold out on every card and in the studio.
    await expect(viewerCard(anna).getByTestId('pin-stock')).toHaveText('Sold out');
    await expect(viewerCard(ben).getByTestId('pin-stock')).toHaveText('Sold out');
    await expect(host.getByTestId('pinned-stock')).toHaveText('Sold out');

    // The Claims tab: one confirmed, one waitlisted, with the scarf's price as revenue.
    await host.getByRole('tab', { name: 'Claims' }).click();
    await expect(claimRows(host)).toHaveCount(2);
    const claimOf = (name: string) => claimRows(host).and(host.locator(`[data-viewer="${name}"]`));
    await expect(claimOf(winnerName)).toHaveAttribute('data-status', 'confirmed');
    await expect(claimOf(loserName)).toHaveAttribute('data-status', 'waitlisted');
    await expect(host.getByTestId('claims-confirmed')).toHaveText('1 confirmed');
    await expect(host.getByTestId('claims-revenue')).toContainText('40.00');
    await host.locator('.panel-chat').screenshot({ path: test.info().outputPath('selling-claims.png') });

    // Cancel the winner's claim (asked once, on the row): the scarf goes to the waitlist's first viewer.
    await claimOf(winnerName).getByRole('button', { name: /^Cancel / }).click();
    await claimOf(winnerName).getByRole('button', { name: 'Yes, cancel' }).click();
    await expect(claimOf(winnerName)).toHaveAttribute('data-status', 'cancelled');
    await expect(claimOf(loserName)).toHaveAttribute('data-status', 'confirmed');
    await expect(loser.getByTestId('chat-notice')).toContainText('Good news!');

    // Export CSV: one row per confirmed claim, for invoicing; no cell a spreadsheet would run.
    const [download] = await Promise.all([host.waitForEvent('download'), host.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^claims-.*\.csv$/);
    const rows = parseCsv(fs.readFileSync(await download.path(), 'utf8')).filter((r) => r.some((c) => c !== ''));
    expect(rows).toHaveLength(2);
    const [header, row] = rows as [string[], string[]];
    const at = (name: string) => {
      const index = header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
      expect(index, `column ${name} in ${header.join(',')}`).toBeGreaterThanOrEqual(0);
      return row[index] ?? '';
    };
    expect(at('Viewer')).toContain(loserName.slice(1));
    expect(at('Product')).toBe(SCARF.title);
    expect(at('SKU')).toBe(SCARF.sku);
    expect(at('Price paid')).toMatch(/^40(\.00?)?$/);
    for (const cell of rows.flat()) expect(cell, `CSV cell ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r]/);

    // Move: the viewer meant the tote. Found by search in the Move dialog; it has stock, so it stays confirmed and the viewer is told.
    await claimOf(loserName).getByRole('button', { name: /^Move / }).click();
    const move = host.getByRole('dialog', { name: /^Move .* claim$/ });
    await move.getByRole('searchbox', { name: 'Find a product' }).fill(TOTE.sku);
    await move.getByRole('button', { name: TOTE.title }).click();
    await expect(move).toBeHidden();
    await expect(claimOf(loserName)).toContainText(TOTE.title);
    await expect(claimOf(loserName)).toHaveAttribute('data-status', 'confirmed');
    await expect(loser.getByTestId('chat-notice')).toContainText(TOTE.title);
    await expect(host.getByTestId('claims-revenue')).toContainText('25.00');
  } catch (error) {
    console.log(studio.output().slice(-3000));
    throw error;
  } finally {
    await stop();
  }
});

test('Settings → Selling: auto-unpin takes the card down by itself, with a countdown in the studio', async ({ browser }) => {
  const { studio, stop, host } = await sellingStudio(browser);
  try {
    const viewer = await openChatViewer(browser, host);
    await host.getByRole('button', { name: 'Settings' }).click();
    const selling = host.getByRole('region', { name: 'Selling' });
    await selling.getByRole('checkbox', { name: /^Unpin products by themselves/ }).check();
    const seconds = selling.getByRole('textbox', { name: /Unpin after/ });
    await expect(seconds).toHaveValue('60');
    await seconds.fill('2');
    await seconds.press('Enter');
    await expect(selling.getByRole('alert')).toHaveText('Auto-unpin: 5 seconds at least.');
    await seconds.fill('6');
    await seconds.press('Enter');
    await expect(selling.getByRole('status')).toHaveText('Pins now come down by themselves after 6 seconds.');
    await selling.screenshot({ path: test.info().outputPath('selling-settings.png') });
    await host.getByRole('button', { name: 'Close' }).click();
    // Back in the studio once Settings is gone (keys do nothing while a dialog is open) and the rundown is on screen.
    await expect(selling).toBeHidden();
    await expect(host.getByRole('list', { name: 'Rundown items' }).getByRole('listitem').filter({ hasText: HOOPS.title })).toBeVisible();

    await pressSellingKey(host, '2');
    await expect(viewerCard(viewer).getByTestId('pin-title')).toHaveText(HOOPS.title);
    await expect(host.getByTestId('pin-auto-unpin')).toContainText(/Unpins in 00:0[1-6]/);
    // Nobody presses anything: it leaves the viewer's screen and the studio's.
    await expect(viewerCard(viewer)).toBeHidden({ timeout: 12_000 });
    await expect(host.getByTestId('pinned-strip')).toContainText('Nothing pinned');
  } catch (error) {
    console.log(studio.output().slice(-3000));
    throw error;
  } finally {
    await stop();
  }
});

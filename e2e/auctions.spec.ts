import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { openChatViewer, sendFromViewer } from './chat-pages.js';
import { outputPixel, type Rgb } from './compositor-pages.js';
import { openStudio, startLiveStudio } from './go-live-pages.js';
import { buildSellingShow, claimRows, countdownSeconds, HOOPS, importCatalog, pressSellingKey, SCARF, TOTE, viewerCard } from './selling-pages.js';
import { expect, test, type RunningStudio } from './studio-fixture.js';

/**
 * Auctions end to end with the real parts: `studio web` with its built-in
 * SFU, the studio UI in Chromium (the auction bar under the pinned product,
 * H to open it), viewers on the real watch page bidding with its buttons, a
 * maximum and in chat, the compositor drawing the auction on the program
 * video (`?lss-test-hooks` exposes what its last frame showed). Every wait
 * is for a condition on screen.
 */

test.describe.configure({ timeout: 150_000 });

/**
 * The selling catalog with a currency: bids are prices, so an auction needs
 * one (a Shopify export carries none). A plain CSV whose headers the import
 * maps by itself.
 */
function writeAuctionCatalog(): string {
  const rows = [TOTE, HOOPS, SCARF].map((p) => `${p.title},${p.sku},${p.price},USD,${p.stock}`);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lss-auctions-')), 'auction-catalog.csv');
  fs.writeFileSync(file, ['Title,SKU,Price,Currency,Stock', ...rows].join('\n') + '\n');
  return file;
}

async function auctionStudio(browser: Browser): Promise<{ studio: RunningStudio; stop: () => Promise<void>; host: Page }> {
  const { studio, stop: stopStudio } = await startLiveStudio();
  const stop = async () => {
    for (const context of browser.contexts()) await context.close().catch(() => undefined);
    await stopStudio();
  };
  try {
    const host = await openStudio(browser, studio);
    await host.goto(`${studio.url}&lss-test-hooks`);
    await importCatalog(host, writeAuctionCatalog());
    await buildSellingShow(host);
    return { studio, stop, host };
  } catch (error) {
    console.log(studio.output().slice(-3000));
    await stop();
    throw error;
  }
}

interface AuctionChoice {
  readonly price: string;
  readonly length: string;
  readonly mode: 'Soft close' | 'Sudden death';
  readonly adds?: string;
  readonly reserve?: string;
}

/** H opens the form on the pinned product with the price field focused; Enter starts it. */
async function startAuctionWithKey(host: Page, title: string, choice: AuctionChoice): Promise<void> {
  await pressSellingKey(host, 'h');
  const form = host.getByRole('form', { name: `Auction on ${title}` });
  await expect(form.getByRole('textbox', { name: 'Starting price' })).toBeFocused();
  await host.keyboard.type(choice.price);
  await form.getByRole('combobox', { name: 'Auction length' }).selectOption({ label: 'Custom…' });
  await form.getByRole('textbox', { name: 'Custom auction length' }).fill(choice.length);
  await form.getByRole('combobox', { name: 'Auction close' }).selectOption({ label: choice.mode });
  if (choice.adds) await form.getByRole('textbox', { name: 'Seconds a late bid adds' }).fill(choice.adds);
  if (choice.reserve) await form.getByRole('textbox', { name: 'Reserve price' }).fill(choice.reserve);
  await form.getByRole('textbox', { name: 'Starting price' }).press('Enter');
  await expect(host.getByTestId('auction-running')).toBeVisible();
}

/** What the last program frame drew of the auction ("" when nothing). */
const auctionOnVideo = (host: Page): Promise<string> =>
  host.evaluate(() => (window as unknown as { __lssCompositor: { auctionOnVideo(): { text: string } | null } }).__lssCompositor.auctionOnVideo()?.text ?? '');

/** A spot in the auction panel of the first-run scene's pinned card (below the countdown, right of the words), and its colours (draw-auction.ts). */
const PANEL_POINT = [0.66, 0.885] as const;
const AUCTION_PANEL: Rgb = [0x14, 0x16, 0x1b];
const SOLD_PANEL: Rgb = [0x13, 0x7a, 0x4b];
const near = (a: Rgb, b: Rgb): boolean => a.every((v, i) => Math.abs(v - b[i]!) <= 12);

/** The program frame as a PNG in the test's output, to look at. */
async function saveProgramFrame(host: Page, name: string): Promise<void> {
  const url = await host.evaluate(() => (window as unknown as { __lssCompositor: { canvas: HTMLCanvasElement } }).__lssCompositor.canvas.toDataURL('image/png'));
  fs.writeFileSync(test.info().outputPath(name), Buffer.from(url.split(',')[1]!, 'base64'));
}

const studioCountdown = async (host: Page): Promise<number> => countdownSeconds(await host.getByTestId('auction-countdown').textContent());

/** The auction block on a watch page. */
const viewerAuction = (viewer: Page) => viewer.getByRole('region', { name: 'Auction' });

/** Seconds left on a watch page's auction countdown. */
const viewerCountdown = async (viewer: Page): Promise<number> => countdownSeconds(await viewerAuction(viewer).getByTestId('auction-countdown').textContent());

test('a soft-close auction: button, maximum and chat bids, a late bid puts the clock back, the winner gets the claim', async ({ browser }) => {
  const { studio, stop, host } = await auctionStudio(browser);
  try {
    const ana = await openChatViewer(browser, host);
    const ben = await openChatViewer(browser, host);
    // Their chat names first: a bid without one would ask for it.
    await sendFromViewer(ana, 'hi from Ana', 'Ana');
    await sendFromViewer(ben, 'hi from Ben', 'Ben');

    await pressSellingKey(host, '1');
    await expect(viewerCard(ana).getByTestId('pin-title')).toHaveText(TOTE.title);
    await expect(host.getByTestId('pinned-title')).toHaveText(TOTE.title);
    await startAuctionWithKey(host, TOTE.title, { price: '10', length: '8 s', mode: 'Soft close', adds: '5' });
    await expect(host.getByTestId('auction-price')).toHaveText('$10.00');
    await expect(host.getByTestId('auction-leader')).toContainText('No bids yet');
    // Cancel works only before a bid.
    await expect(host.getByRole('button', { name: 'Cancel auction' })).toBeEnabled();
    await expect(viewerAuction(ana).getByTestId('auction-rule')).toHaveText('Bids in the last 5 s add time');

    // Ana bids the opening price with the button.
    await viewerAuction(ana).getByRole('button', { name: 'Bid $10' }).click();
    await expect(host.getByTestId('auction-leader')).toHaveText('Ana leads');
    await expect(viewerAuction(ana).getByTestId('auction-standing')).toHaveText('You’re winning');
    const cancel = host.getByRole('button', { name: 'Cancel auction' });
    await expect(cancel).toBeDisabled();
    await expect(cancel).toHaveAttribute('title', /runs to the end/);

    // Ben sets a maximum of $14: the studio bids for him, one step above Ana.
    await viewerAuction(ben).getByRole('textbox', { name: 'Bid for me up to' }).fill('14');
    await viewerAuction(ben).getByRole('button', { name: 'Set max' }).click();
    await expect(host.getByTestId('auction-leader')).toHaveText('Ben leads');
    await expect(host.getByTestId('auction-price')).toHaveText('$11.00');
    await expect(viewerAuction(ben).getByTestId('auction-standing')).toHaveText('You’re winning');

    // Ana answers in chat with "$15", above Ben's maximum.
    await sendFromViewer(ana, '$15');
    await expect(host.getByTestId('auction-price')).toHaveText('$15.00');
    await expect(host.getByTestId('auction-leader')).toHaveText('Ana leads');
    await expect(host.getByTestId('auction-log-line').first()).toHaveText('Ana bid $15.00 in chat');
    await expect(viewerAuction(ben).getByTestId('auction-standing')).toHaveText('Outbid');
    await expect(viewerAuction(ben).getByTestId('auction-price')).toHaveText('$15');
    // Every viewer and every platform: the published frame shows the price and the leader.
    await expect.poll(() => auctionOnVideo(host)).toContain('$15.00 Ana is winning');
    await saveProgramFrame(host, 'auction-on-video.png');
    // The pixels too: the auction's dark panel over the bottom of the card (white without it).
    expect(near(await outputPixel(host, PANEL_POINT[0], PANEL_POINT[1]), AUCTION_PANEL)).toBe(true);

    // In the last seconds Ben bids again: the clock goes back to 5 s, on his page and in the studio.
    await expect.poll(() => viewerCountdown(ben), { timeout: 15_000 }).toBeLessThanOrEqual(2);
    await viewerAuction(ben).getByRole('button', { name: 'Bid $16' }).click();
    await expect(host.getByTestId('auction-leader')).toHaveText('Ben leads');
    await expect.poll(() => viewerCountdown(ben)).toBeGreaterThanOrEqual(4);
    await expect.poll(() => studioCountdown(host)).toBeGreaterThanOrEqual(4);
    await host.getByTestId('pinned-strip').screenshot({ path: test.info().outputPath('auction-running.png') });

    // The end, everywhere: both pages, the studio, the video; the winner's claim at the winning price.
    await expect(viewerAuction(ana).getByTestId('auction-result')).toHaveText('Sold to Ben for $16', { timeout: 20_000 });
    await expect(viewerAuction(ben).getByTestId('auction-result')).toHaveText('Sold to you for $16');
    await expect(viewerAuction(ben).getByTestId('auction-standing')).toHaveText('You won!');
    await expect(host.getByTestId('auction-result')).toHaveText('Sold to Ben for $16.00');
    await expect.poll(() => auctionOnVideo(host)).toBe('SOLD to Ben — $16.00');
    await saveProgramFrame(host, 'auction-sold-on-video.png');
    expect(near(await outputPixel(host, PANEL_POINT[0], PANEL_POINT[1]), SOLD_PANEL)).toBe(true);
    await host.getByTestId('auction-claim-link').click();
    const claim = claimRows(host).filter({ hasText: 'Ben' });
    await expect(claim).toHaveCount(1);
    await expect(claim).toContainText('$16.00');
    await expect(claim).toHaveAttribute('data-status', 'confirmed');
  } catch (error) {
    console.log(studio.output().slice(-3000));
    throw error;
  } finally {
    await stop();
  }
});

test('sudden death with a reserve and the seller’s bid steps: a too-low bid is refused privately, and the end says "Not sold: reserve not met"', async ({ browser }) => {
  const { studio, stop, host } = await auctionStudio(browser);
  try {
    const ana = await openChatViewer(browser, host);
    const ben = await openChatViewer(browser, host);
    await sendFromViewer(ana, 'hi from Ana', 'Ana');
    await sendFromViewer(ben, 'hi from Ben', 'Ben');

    // The seller's bid steps (Settings → Selling): $2 steps from $0. A word where a price belongs is named by row.
    await host.getByRole('button', { name: 'Settings' }).click();
    const steps = host.getByTestId('bid-increments');
    await steps.getByRole('textbox', { name: 'Row 1: step' }).fill('two');
    await steps.getByRole('button', { name: 'Save bid steps' }).click();
    await expect(steps.getByRole('alert')).toHaveText('Row 1, the step: A price is a decimal number such as "10.00".');
    await steps.getByRole('textbox', { name: 'Row 1: step' }).fill('2');
    await steps.getByRole('button', { name: 'Save bid steps' }).click();
    await expect(host.getByTestId('selling-settings').getByRole('status')).toHaveText('Bid steps saved: new auctions use them.');
    await host.getByRole('button', { name: 'Back to studio' }).click();

    await pressSellingKey(host, '1');
    await expect(host.getByTestId('pinned-title')).toHaveText(TOTE.title);

    // A wrong entry is answered in host words, and nothing starts.
    await pressSellingKey(host, 'h');
    const form = host.getByRole('form', { name: `Auction on ${TOTE.title}` });
    await form.getByRole('combobox', { name: 'Auction length' }).selectOption({ label: 'Custom…' });
    await form.getByRole('textbox', { name: 'Custom auction length' }).fill('3 s');
    await form.getByRole('textbox', { name: 'Starting price' }).fill('10');
    await form.getByRole('button', { name: 'Start auction' }).click();
    await expect(form.getByRole('alert')).toHaveText('An auction lasts at least 5 seconds.');
    await form.getByRole('textbox', { name: 'Custom auction length' }).fill('15 s');
    await form.getByRole('textbox', { name: 'Reserve price' }).fill('5');
    await form.getByRole('button', { name: 'Start auction' }).click();
    await expect(form.getByRole('alert')).toHaveText('The reserve must be at least the starting price of $10.00, or left empty.');
    await expect(viewerAuction(ana)).toBeHidden();
    await form.getByRole('button', { name: 'Close' }).click();

    await startAuctionWithKey(host, TOTE.title, { price: '10', length: '15 s', mode: 'Sudden death', reserve: '50' });
    await expect(host.getByTestId('auction-reserve')).toHaveText('Reserve not met');
    await expect(viewerAuction(ana).getByTestId('auction-reserve')).toHaveText('Reserve not met yet');
    await viewerAuction(ana).getByRole('button', { name: 'Bid $10' }).click();
    await expect(host.getByTestId('auction-price')).toHaveText('$10.00');
    await expect(host.getByTestId('auction-leader')).toHaveText('Ana leads');

    // The next bid is one $2 step up. Ben says "11" in chat: below it. Refused, the reason told to Ben
    // alone, marked in the host's bid log; the price stays.
    await expect(viewerAuction(ben).getByRole('button', { name: 'Bid $12' })).toBeVisible();
    await sendFromViewer(ben, '11');
    await expect(viewerAuction(ben).getByTestId('auction-notice')).toHaveText(/^The next bid must be at least \$12(\.00)?\.$/);
    const refused = host.getByTestId('auction-log-line').first();
    await expect(refused).toHaveAttribute('data-action', 'refused');
    await expect(refused).toContainText('Ben $11.00 refused: too low');
    await expect(host.getByTestId('auction-price')).toHaveText('$10.00');
    await expect(viewerAuction(ana).getByTestId('auction-notice')).not.toContainText('at least');
    // Sudden death: the clock only goes down.
    const left = await studioCountdown(host);
    await expect.poll(() => studioCountdown(host)).toBeLessThan(left);

    await expect(host.getByTestId('auction-result')).toHaveText('Not sold: reserve not met', { timeout: 30_000 });
    await expect(viewerAuction(ana).getByTestId('auction-result')).toHaveText('Not sold: reserve not met');
    await expect(viewerAuction(ben).getByTestId('auction-result')).toHaveText('Not sold: reserve not met');
    await expect.poll(() => auctionOnVideo(host)).toBe('NOT SOLD — reserve not met');
    await expect(host.getByTestId('auction-claim-link')).toBeHidden();
  } catch (error) {
    console.log(studio.output().slice(-3000));
    throw error;
  } finally {
    await stop();
  }
});

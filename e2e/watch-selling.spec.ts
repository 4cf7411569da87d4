import type { SellIncoming } from '../src/shared/sfu/protocol-selling.js';
import { sampleAuction, sampleGiveaway, sellState } from '../tests/harness/sell-fixtures.js';
import { TestSignalClient } from '../tests/harness/signal-client.js';
import { startSfuProcess, type RunningSfu } from './sfu-fixtures/sfu-process.js';
import { expect, test } from './studio-fixture.js';

/**
 * A buyer bids and enters a giveaway on the real watch page (Chromium, a
 * phone's screen) through the real `studio sfu` process. The test plays the
 * studio: a raw host socket joined as the studio's link (`confirmsChat`)
 * sends the selling state and the private verdicts, and receives the bids.
 * The studio's own auction service is tested end to end in its own spec.
 */

const HOST_TOKEN = 'e2e-selling-token';
const SHOW = 'denim-auction';

let sfu: RunningSfu;
let studio: TestSignalClient;
test.beforeAll(async () => {
  sfu = await startSfuProcess(['--port', '0', '--listen-ip', '127.0.0.1', '--workers', '1', '--host-token', HOST_TOKEN]);
  studio = await TestSignalClient.connect(sfu);
  await studio.requests.request({ type: 'join', show: SHOW, role: 'host', hostToken: HOST_TOKEN, confirmsChat: true });
});
test.afterAll(async () => {
  studio?.close();
  await sfu?.stop();
});

test.describe.configure({ timeout: 90_000 });

test('a buyer bids, is told they are winning and that they won, then enters a giveaway in a practice show', async ({ browser }) => {
  // The studio's clock is an hour ahead of the SFU's: the page still counts the real 45 s down.
  const hostNow = () => Date.now() + 3_600_000;
  const ana = { viewerId: 'v_ana', name: 'Ana <img src=x onerror=alert(1)>' };
  const running = sampleAuction(hostNow(), { price: '10.00', nextBid: '11.00', leader: ana, bids: 1, bidders: 1, endsAt: hostNow() + 45_000, reserveMet: false });
  await studio.requests.request({ type: 'sellState', state: sellState({ auction: running }), hostNow: hostNow() });

  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await page.goto(`${sfu.url}/watch/${SHOW}`);
  const auction = page.getByRole('region', { name: 'Auction' });
  await expect(auction.getByTestId('auction-title')).toHaveText('Denim jacket — M / Blue');
  await expect(auction.getByTestId('auction-price')).toHaveText('$10');
  await expect(auction.getByTestId('auction-leader')).toHaveText('Ana <img src=x onerror=alert(1)> leads · 1 bid · 1 bidder');
  await expect(auction.getByTestId('auction-countdown')).toHaveText(/^00:[34]\d$/);
  await expect(auction.getByTestId('auction-reserve')).toHaveText('Reserve not met yet');
  await expect(auction.getByTestId('auction-rule')).toHaveText('Bids in the last 10 s add time');

  // No chat name yet: the page asks for one, then sends the bid.
  await auction.getByRole('button', { name: 'Bid $11' }).click();
  await expect(page.getByText('Pick a name to bid — everyone sees who leads')).toBeVisible();
  await page.getByPlaceholder('Your name').fill('Cleo');
  await page.getByRole('button', { name: 'Continue' }).click();
  const bid = (await studio.waitForPush('sellIncoming', 15_000)).action;
  expect(bid).toMatchObject({ name: 'Cleo', action: { kind: 'bid', auctionId: 7, amount: '11.00' } });
  await expect(auction.getByTestId('auction-notice')).toHaveText('Bid sent…');

  // The studio decided: Cleo leads.
  const cleo = { viewerId: bid.viewerId, name: 'Cleo' };
  const leading = { ...running, price: '11.00', nextBid: '12.00', leader: cleo, bids: 2, bidders: 2 };
  await studio.requests.request({ type: 'sellState', state: sellState({ auction: leading }), hostNow: hostNow() });
  const accepted = { kind: 'bid', auctionId: 7, outcome: 'accepted', reason: null, amount: '11.00', text: 'Your bid of $11 leads.' } as const;
  expect(await studio.requests.request({ type: 'sellNotice', viewerId: bid.viewerId, notice: accepted })).toEqual({ delivered: 1 });
  await expect(auction.getByTestId('auction-standing')).toHaveText('You’re winning');
  await expect(auction.getByTestId('auction-notice')).toHaveText('Your bid of $11 leads.');
  await expect(auction.getByTestId('auction-price')).toHaveText('$11');
  await expect(auction.getByRole('button', { name: 'Bid $12' })).toBeDisabled();

  // Sold.
  const sold = { ...leading, status: 'sold', winner: cleo, endedAt: hostNow(), endsAt: hostNow() } as const;
  await studio.requests.request({ type: 'sellState', state: sellState({ auction: sold }), hostNow: hostNow() });
  const won = { kind: 'bid', auctionId: 7, outcome: 'won', reason: null, amount: '11.00', text: 'You won! The seller will send you checkout details.' } as const;
  await studio.requests.request({ type: 'sellNotice', viewerId: bid.viewerId, notice: won });
  await expect(auction.getByTestId('auction-result')).toHaveText('Sold to you for $11');
  await expect(auction.getByTestId('auction-standing')).toHaveText('You won!');
  await expect(auction.getByTestId('auction-notice')).toHaveText(won.text);
  await expect(auction.getByRole('button', { name: /^Bid/ })).toBeHidden();

  // A practice show with a giveaway: the banner across the page, and Enter (the name is known now).
  await expect(page.getByTestId('practice-banner')).toBeHidden();
  await studio.requests.request({ type: 'sellState', state: sellState({ practice: true, giveaway: sampleGiveaway({ entries: 2 }) }), hostNow: hostNow() });
  await expect(page.getByTestId('practice-banner')).toHaveText('Practice show — nothing here is real');
  const giveaway = page.getByRole('region', { name: 'Giveaway' });
  await expect(giveaway.getByTestId('giveaway-prize')).toHaveText('Silk scarf');
  await expect(giveaway.getByTestId('giveaway-howto')).toHaveText('Type ENTER in chat or tap Enter');
  await giveaway.getByRole('button', { name: 'Enter' }).click();
  await studio.waitFor(() => studio.pushes('sellIncoming').length === 2);
  const entry: SellIncoming = studio.pushes('sellIncoming')[1]!.action;
  expect(entry).toMatchObject({ viewerId: bid.viewerId, name: 'Cleo', action: { kind: 'enterGiveaway', giveawayId: 3 } });
  expect(entry.watchingSince).toBeLessThanOrEqual(entry.ts);
  await studio.requests.request({ type: 'sellNotice', viewerId: bid.viewerId, notice: { kind: 'giveaway', giveawayId: 3, outcome: 'entered', text: 'You’re in the giveaway. Good luck!' } });
  await expect(giveaway.getByTestId('giveaway-mine')).toHaveText('You’re in');
  await expect(giveaway.getByRole('button', { name: 'Enter' })).toBeHidden();
  // Nothing the studio or a buyer typed became markup.
  expect(await page.locator('#watch img').count()).toBe(0);
});

import { getReadyToGoLive, livePill, viewerUrlOf } from './go-live-pages.js';
import { expect, startStudio, test } from './studio-fixture.js';

/**
 * Issue 19, prices and currency: a new user's demo catalog has a currency
 * (USD), and a price reads in the locale of whoever looks at it. The host's
 * studio runs in en-US and shows "$68.00"; a viewer whose Chromium runs in
 * de-DE sees the same pinned card as "68,00 $" on the watch page.
 */

test.describe.configure({ timeout: 150_000 });

test('the pinned price reads "$68.00" in an en-US studio and "68,00 $" on a de-DE viewer page', async ({ browser }) => {
  const { studio, stop } = await startStudio(['--sfu-port', '0'], { demo: true });
  try {
    const host = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' })).newPage();
    await host.goto(studio.url);
    await getReadyToGoLive(host);
    await host.getByRole('button', { name: 'Go live' }).click();
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });

    // The demo dress, one size: 68.00 in the demo file, which names no currency (a Shopify export).
    await host.getByRole('searchbox', { name: 'Search products' }).fill('HP-LWD-M-SND');
    const row = host.getByRole('grid', { name: 'Products' }).getByRole('row', { name: /HP-LWD-M-SND/ });
    await expect(row).toContainText('$68.00');
    await row.getByRole('button', { name: /^Pin / }).click();
    await expect(host.locator('.pinned-price')).toHaveText('$68.00');

    const viewer = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'de-DE' })).newPage();
    await viewer.goto(await viewerUrlOf(host));
    const card = viewer.getByRole('complementary', { name: 'Featured product' });
    await expect(card.getByTestId('pin-title')).toHaveText('Linen Wrap Dress');
    // Intl writes a no-break space between the amount and the sign.
    await expect(card.getByTestId('pin-price')).toHaveText(/^68,00\s\$$/);
    await expect(card.getByTestId('pin-compare-at')).toHaveText(/^89,00\s\$$/);
  } finally {
    await stop();
  }
});

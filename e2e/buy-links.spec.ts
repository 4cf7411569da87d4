import path from 'node:path';
import { getReadyToGoLive, livePill, viewerUrlOf, waitForPicture } from './go-live-pages.js';
import { importCatalog, viewerCard } from './selling-pages.js';
import { expect, repoRoot, startStudio, test } from './studio-fixture.js';

/**
 * Issue 19, Buy buttons that fill the cart: a seller imports a Shopify export
 * that carries "Variant ID", sets the store in Settings → Store (a wrong
 * address is refused beside the field), pins a product in their show, and a
 * viewer's Buy button is the store's cart permalink naming the show.
 */

test.describe.configure({ timeout: 150_000 });

const CATALOG = path.resolve(repoRoot, 'tests/fixtures/catalogs/shopify-variant-ids.csv');

test("a viewer's Buy button fills the Shopify cart with the pinned variant, naming the show", async ({ browser }) => {
  const { studio, stop } = await startStudio(['--sfu-port', '0']);
  try {
    const host = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await host.goto(`${studio.url}&lss-test-hooks`);
    await importCatalog(host, CATALOG);
    await host.evaluate(async () => {
      const studioApi = window.studio!;
      const show = await studioApi.createShow({ name: 'Summer Linen Live', scheduledStart: null });
      if (!show.ok) throw new Error(show.error.message);
      const active = await studioApi.setActiveShow({ showId: show.value.id });
      if (!active.ok) throw new Error(active.error.message);
    });

    // Settings → Store: an http:// address is refused beside the field, in plain words; https is saved.
    await host.getByRole('button', { name: 'Settings' }).click();
    const store = host.getByTestId('store-settings');
    await store.getByLabel('Platform').selectOption('shopify');
    await store.getByLabel('Store address').fill('http://linen.example.com');
    await store.getByRole('button', { name: 'Save store' }).click();
    await expect(store.locator('.field-error')).toHaveText('The store address starts with https:// (for example https://shop.example.com).');
    await store.getByLabel('Store address').fill('https://linen.example.com');
    await store.getByLabel('Store currency').fill('usd');
    await store.getByRole('button', { name: 'Add a web page' }).click();
    await store.getByLabel('Embed address 1').fill('https://linen.example.com/');
    await store.getByRole('button', { name: 'Save store' }).click();
    await expect(store.getByRole('status')).toHaveText('Store saved. Buy buttons go to your store from the next pin.');
    await expect(store.locator('.field-error')).toHaveCount(0);
    // Saved as the settings schema normalises it.
    await expect(store.getByLabel('Store currency')).toHaveValue('USD');
    await expect(store.getByLabel('Embed address 1')).toHaveValue('https://linen.example.com');
    await host.getByRole('button', { name: 'Close' }).click();

    await getReadyToGoLive(host);
    await host.getByRole('button', { name: 'Go live' }).click();
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    await host.getByRole('grid', { name: 'Products' }).getByRole('button', { name: 'Pin Canvas Tote' }).click();
    await expect(host.getByTestId('pinned-title')).toHaveText('Canvas Tote');

    const viewer = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await viewer.goto(await viewerUrlOf(host));
    await waitForPicture(viewer);
    await expect(viewerCard(viewer).getByTestId('pin-title')).toHaveText('Canvas Tote');
    await expect(viewerCard(viewer).getByTestId('pin-buy')).toHaveAttribute(
      'href',
      'https://linen.example.com/cart/40100000000021:1?utm_source=live-seller-studio&utm_medium=live&utm_campaign=summer-linen-live',
    );
  } finally {
    await stop();
  }
});

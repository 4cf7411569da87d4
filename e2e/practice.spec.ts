import type { Page } from '@playwright/test';
import { consoleList, openChatViewer, viewerChat } from './chat-pages.js';
import { importShopifyTemplate, openStudio, startLiveStudio } from './go-live-pages.js';
import { expect, test } from './studio-fixture.js';

/**
 * A practice show as a host rehearses one, with the real parts: `studio web`
 * and its built-in SFU, the studio in Chromium, a real watch page. The
 * simulated audience is real viewer connections to that SFU, so what it says
 * reaches the watch page and the chat console the way a viewer's chat does.
 */

test.describe.configure({ timeout: 150_000 });

/** The first catalog product goes into the show and onto the card (viewers claim what is pinned). */
async function pinFirstProduct(host: Page): Promise<void> {
  await host.evaluate(async () => {
    const studio = window.studio!;
    const must = <T,>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const row = must(await studio.searchCatalog({ query: '', offset: 0, limit: 1 })).rows[0]!;
    const show = must(await studio.getActiveRundown())!;
    must(await studio.addRundownItems({ showId: show.show.id, items: [{ kind: 'product', productId: row.productId, variantId: null }] }));
    must(await studio.pinProduct({ productId: row.productId, variantId: null, rundownItemId: null }));
  });
}

test('a practice show: PRACTICE on the studio and the watch page, a simulated audience chatting and claiming, no claims export', async ({ browser }) => {
  const { studio, stop } = await startLiveStudio();
  try {
    const host = await openStudio(browser, studio);
    const rundown = host.getByRole('region', { name: 'Rundown' });
    const banner = host.getByRole('banner').getByTestId('practice-banner');

    await importShopifyTemplate(host);

    // A new show, ticked as practice: the studio says PRACTICE at once, for as long as it is open.
    await expect(banner).toHaveCount(0);
    await rundown.getByRole('button', { name: 'New show' }).click();
    const form = rundown.getByRole('form', { name: 'New show' });
    await form.getByLabel('Show name').fill('Dress rehearsal');
    await form.getByRole('checkbox', { name: /Practice show/ }).check();
    await form.getByRole('button', { name: 'Create show' }).click();
    await expect(banner).toHaveText(/PRACTICE/);
    await expect(rundown.getByRole('checkbox', { name: 'Practice show' })).toBeChecked();
    await pinFirstProduct(host);

    // A viewer's page says PRACTICE too.
    const viewer = await openChatViewer(browser, host);
    await expect(viewer.getByTestId('practice-banner')).toBeVisible();
    await expect(viewer.getByTestId('practice-banner')).toContainText(/practice/i);

    // Ten simulated viewers at a brisk pace, a good share claiming.
    const panel = rundown.getByTestId('practice-audience');
    await panel.getByRole('slider', { name: 'Viewers' }).fill('10');
    await panel.getByRole('slider', { name: 'Chat pace' }).fill('300');
    await panel.getByRole('slider', { name: 'Claims' }).fill('40');
    await expect(panel.getByTestId('practice-dial-viewers')).toHaveText('10');
    await panel.getByRole('button', { name: 'Start audience' }).click();
    await expect(panel.getByTestId('practice-counts')).toContainText('10 of 10 connected');

    // Their chat comes through the SFU and moderation: on the watch page and in the host's console.
    await expect.poll(() => viewerChat(viewer).count(), { timeout: 30_000 }).toBeGreaterThan(3);
    await expect.poll(() => consoleList(host).getByRole('option').count(), { timeout: 30_000 }).toBeGreaterThan(3);
    await expect(panel.getByTestId('practice-sent')).not.toHaveText('0 messages sent');

    // Their claims are rehearsal: the Claims tab says so, and the export is refused in the host's words.
    const chat = host.getByRole('region', { name: 'Chat' });
    await chat.getByRole('tab', { name: 'Claims' }).click();
    await expect(host.getByTestId('claims-practice-note')).toContainText('PRACTICE');
    await expect(host.getByTestId('claims-confirmed')).not.toHaveText('0 confirmed', { timeout: 30_000 });
    await host.getByTestId('claims-panel').getByRole('button', { name: 'Export CSV' }).click();
    await expect(host.getByTestId('claims-panel').getByRole('alert')).toContainText(
      '“Dress rehearsal” is a practice show: its claims are rehearsal, not orders, so there is nothing to export for invoicing.',
    );

    // Stop: every simulated viewer leaves.
    await panel.getByRole('button', { name: 'Stop audience' }).click();
    await expect(panel.getByTestId('practice-counts')).toContainText('Not running');
    await expect(panel.getByRole('button', { name: 'Start audience' })).toBeVisible();
  } catch (error) {
    console.log(studio.output().slice(-3000));
    throw error;
  } finally {
    for (const context of browser.contexts()) await context.close().catch(() => undefined);
    await stop();
  }
});

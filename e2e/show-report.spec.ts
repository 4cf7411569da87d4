import fs from 'node:fs';
import { expect, startStudio, test } from './studio-fixture.js';

test('the show report counts pins live, exports a safe CSV and prints alone', async ({ browser }) => {
  const { studio, stop } = await startStudio(['--sfu-port', '0'], { demo: true });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
    await page.goto(studio.url);

    // Pin the first demo product from the catalog, as a host would.
    const pin = page.getByRole('grid', { name: 'Products' }).getByRole('button', { name: /^Pin / }).first();
    await pin.click();
    await expect(page.getByTestId('pinned-title')).not.toBeEmpty();
    const pinnedTitle = (await page.getByTestId('pinned-title').textContent())?.trim() ?? '';
    expect(pinnedTitle).not.toBe('');

    // During the show, a glance beside the chat: the same live report, compact.
    await page.getByRole('tablist', { name: 'Chat views' }).getByRole('tab', { name: 'Report' }).click();
    const glance = page.getByRole('region', { name: 'Demo show: Friday boutique drop so far' });
    await expect(glance.getByRole('table', { name: 'Products' }).getByRole('row', { name: new RegExp(escapeRegExp(pinnedTitle)) })).toBeVisible();
    await glance.screenshot({ path: test.info().outputPath('report-compact.png') });

    // The full report: one click from the studio.
    await page.getByRole('banner').getByRole('button', { name: 'Report' }).click();
    const report = page.getByRole('region', { name: 'Demo show: Friday boutique drop' });
    await expect(report).toBeVisible();
    const products = report.getByRole('table', { name: 'Products' });
    const row = products.getByRole('row', { name: new RegExp(escapeRegExp(pinnedTitle)) });
    await expect(row).toBeVisible();
    // The pin is still on screen: its time grows with the next refresh (every 5 s).
    const pinnedCell = row.getByRole('cell').first();
    const before = await pinnedCell.textContent();
    await expect.poll(() => pinnedCell.textContent(), { timeout: 12_000 }).not.toBe(before);
    await expect(report.getByRole('img', { name: /Show timeline/ })).toBeVisible();

    // Export CSV: a download of the summary and the product rows.
    const [download] = await Promise.all([page.waitForEvent('download'), report.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('show-report-demo-show-friday-boutique-drop.csv');
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFFShow,Demo show: Friday boutique drop\r\n')).toBe(true);
    expect(csv).toContain('\r\n\r\nProduct,Pinned (min:sec),Pins,Confirmed,Waitlisted,Cancelled,Revenue,Currency\r\n');

    // Printing shows the report alone.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('banner').getByRole('button', { name: 'Report' })).toBeHidden();
    await expect(report.getByRole('heading', { name: 'Demo show: Friday boutique drop' })).toBeVisible();
    await expect(report.getByRole('button', { name: 'Print report' })).toBeHidden();
    const colors = await report.evaluate((el) => {
      const style = getComputedStyle(el);
      return [style.color, style.backgroundColor];
    });
    expect(colors).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
  } finally {
    await stop();
  }
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

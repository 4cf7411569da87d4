import type { Page } from '@playwright/test';
import { expect, startStudio, test } from './studio-fixture.js';

/** The host reads a role's link in Settings → Producer console, as a host would to hand it out. */
async function linkFromSettings(host: Page, role: 'producer' | 'moderator'): Promise<string> {
  const row = host.getByTestId(`team-link-${role}`);
  await expect(row.getByRole('listitem').first()).toBeVisible();
  return (await row.locator('code.link-text').first().textContent())!.trim();
}

test('each role sees only what it can use: a moderator the chat console, a producer the show without settings', async ({ browser }) => {
  const { studio, stop } = await startStudio(['--sfu-port', '0'], { demo: true });
  try {
    const host = await (await browser.newContext()).newPage();
    await host.goto(`${studio.url}#settings`);
    await expect(host.getByTestId('control-status')).toHaveAttribute('data-state', 'running');
    // Browser mode keeps the links in a file only this account can read, and says where.
    await expect(host.getByTestId('secrets-stored')).toContainText(`${studio.dataDir}/secrets.json, readable only by your user account`);
    // A new moderator link that expires after 12 hours: the one given to the moderator.
    const moderatorRow = host.getByTestId('team-link-moderator');
    const before = await moderatorRow.getByTestId('control-token-moderator').textContent();
    await moderatorRow.getByRole('button', { name: 'New moderator link…' }).click();
    await moderatorRow.getByLabel('How long the new moderator link works').selectOption('12h');
    await moderatorRow.getByRole('button', { name: 'Make new link' }).click();
    await expect(moderatorRow.getByTestId('control-token-moderator')).not.toHaveText(before!);
    await expect(moderatorRow).toContainText('Expires');
    const moderatorLink = await linkFromSettings(host, 'moderator');
    const producerLink = await linkFromSettings(host, 'producer');

    // The moderator: the chat console alone; no Go live, no settings, no show panels.
    const moderator = await (await browser.newContext()).newPage();
    await moderator.goto(moderatorLink);
    await expect(moderator.getByTestId('role-badge')).toHaveText('Producer console · Moderator');
    await expect(moderator.getByRole('heading', { name: 'Chat', exact: true })).toBeVisible();
    await expect(moderator.getByRole('tablist', { name: 'Chat views' }).getByRole('tab', { name: 'Messages' })).toBeVisible();
    for (const title of ['Rundown', 'Catalog', 'Stream']) {
      await expect(moderator.getByRole('heading', { name: title, exact: true })).toHaveCount(0);
    }
    await expect(moderator.getByRole('button', { name: 'Go live' })).toHaveCount(0);
    await expect(moderator.getByRole('button', { name: 'Settings' })).toHaveCount(0);
    await expect(moderator.getByRole('tab', { name: 'Claims' })).toHaveCount(0);
    // It applies the chat rules; choosing them (and who moderates) is a producer's call.
    await expect(moderator.getByRole('button', { name: 'Rules' })).toHaveCount(0);
    // Hidden is not the defence: the studio refuses anyway, in words.
    expect(await moderator.evaluate(() => window.studio!.getPublishTicket())).toEqual({
      ok: false,
      error: { code: 'forbidden', message: "Your moderator link can't go live." },
    });

    // The producer: pins from the catalog; no settings (button or request), no Go live unless the host allows it.
    const producer = await (await browser.newContext()).newPage();
    await producer.goto(producerLink);
    await expect(producer.getByTestId('role-badge')).toHaveText('Producer console · Producer');
    await producer.getByRole('grid', { name: 'Products' }).getByRole('button', { name: /^Pin / }).first().click();
    await expect(producer.getByTestId('pinned-title')).not.toBeEmpty();
    // The host's window shows the producer's pin.
    await host.getByRole('button', { name: 'Back to studio' }).click();
    await expect(host.getByTestId('pinned-title')).toHaveText((await producer.getByTestId('pinned-title').textContent())!);
    await expect(producer.getByRole('button', { name: 'Settings' })).toHaveCount(0);
    await expect(producer.getByRole('button', { name: 'Go live' })).toHaveCount(0);
    await expect(producer.getByTestId('no-go-live')).toContainText("Your producer link can't go live");
    expect(await producer.evaluate(() => window.studio!.updateSettings({ hostName: 'Not the host' }))).toEqual({
      ok: false,
      error: { code: 'forbidden', message: "Your producer link can't change settings." },
    });
    await producer.goto(`${new URL(producerLink).origin}/#settings`);
    await expect(producer.getByRole('heading', { name: 'Settings' })).toHaveCount(0);
    await expect(producer.getByRole('heading', { name: 'Catalog', exact: true })).toBeVisible();
  } finally {
    await stop();
  }
});

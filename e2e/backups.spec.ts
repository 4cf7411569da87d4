import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getReadyToGoLive, livePill, openStudio } from './go-live-pages.js';
import { freePort } from './sfu-fixtures/sfu-process.js';
import { expect, startStudio, test } from './studio-fixture.js';

/**
 * Settings → Backups in the real studio: going live backs the database up
 * (named after the show), the list shows it, and Restore — after a
 * confirmation — restarts the studio on it; the page reconnects by itself,
 * the data is back, and the replaced data is listed as a backup too.
 */

test.describe.configure({ timeout: 150_000 });

test('a show start is backed up; Settings lists it and restores it after a confirmation', async ({ browser }) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-backups-'));
  // A fixed port: the restarted studio is found again at the same address.
  const run = await startStudio(['--port', String(await freePort()), '--sfu-port', String(await freePort())], { dataDir });
  try {
    const host = await openStudio(browser, run.studio);
    await host.evaluate(async () => {
      const created = await window.studio!.createShow({ name: 'Friday drop', scheduledStart: null });
      if (!created.ok) throw new Error(created.error.message);
      await window.studio!.setActiveShow({ showId: created.value.id });
    });
    await getReadyToGoLive(host);
    await host.getByRole('button', { name: 'Go live' }).click();
    await expect(livePill(host)).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    await expect.poll(async () => fs.readdirSync(path.join(dataDir, 'backups')).filter((f) => f.endsWith('.sqlite.json')).length).toBe(1);
    // Made after the backup: gone once it is restored.
    await host.evaluate(() => window.studio!.createShow({ name: 'Made after the backup', scheduledStart: null }));

    await host.getByRole('button', { name: 'Settings' }).click();
    const section = host.getByTestId('backup-settings');
    const rows = section.getByTestId('backup-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Friday drop');
    await expect(rows.first()).toContainText(/\d+(\.\d)? (KB|MB)/);

    await rows.first().getByRole('button', { name: 'Restore…' }).click();
    const dialog = host.getByRole('dialog', { name: 'Restore this backup?' });
    await expect(dialog).toContainText('What you have now is kept as a backup');
    await dialog.getByRole('button', { name: 'Restore and restart' }).click();
    await expect(section.getByRole('status')).toContainText('the studio restarts');

    // The page finds the restarted studio by itself; the show made after the backup is gone.
    await expect
      .poll(async () => host.evaluate(async () => {
        const shows = await window.studio!.listShows();
        return shows.ok ? shows.value.map((s) => s.name) : [];
      }), { timeout: 60_000 })
      .toEqual(['Friday drop']);
    expect(run.studio.output()).toContain('Restarted the studio');
    // Settings again (the page stays on it): the list now has the data the restore replaced.
    await host.getByRole('button', { name: 'Close' }).click();
    await host.getByRole('button', { name: 'Settings' }).click();
    await expect(host.getByTestId('backup-settings').getByTestId('backup-row').filter({ hasText: 'Before a restore' })).toHaveCount(1);
  } finally {
    await run.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

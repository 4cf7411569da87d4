/**
 * Backups in a running studio (real SQLite file, built-in SFU): one at the
 * start of a show — the first time the active show goes on air in a run —
 * and a restore asked for over the API, finished at the next start.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { BackupInfo } from '../../shared/domain/backups.js';
import type { PublishTicket } from '../../shared/domain/live.js';
import type { Show } from '../../shared/domain/rundown.js';
import { joinAsProducingHost } from '../../../tests/harness/signal-client.js';
import { startTestStudio, type TestStudio } from '../../../tests/harness/test-studio.js';
import { liveTestHarness } from '../../../tests/support/live-world.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { latestSchemaVersion } from './open-database.js';

const harness = liveTestHarness();

/** A host publishing fake media with a ticket from the studio: the SFU reports the show live. */
async function goLive(s: TestStudio) {
  const ticket = await s.call<PublishTicket>('studio:live:publish-ticket');
  const publisher = await joinAsProducingHost({ signalUrl: ticket.signalUrl }, ticket.room, ticket.hostToken);
  await s.waitForStatus((st) => st.live, 'the show on air');
  return publisher;
}

async function activeShow(s: TestStudio, name: string): Promise<Show> {
  const show = await s.call<Show>('studio:rundown:create-show', { name });
  await s.call('studio:rundown:set-active-show', { showId: show.id });
  return show;
}

describe('backups in the studio', () => {
  it('backs up once when the active show first goes on air, named after the show; Stop and Resume take none', async () => {
    const s = await harness.studio();
    await activeShow(s, 'Friday drop');
    expect(await s.call<BackupInfo[]>('studio:backups:list')).toEqual([]);

    const first = await goLive(s);
    await s.core.backups.idle();
    const backups = await s.call<BackupInfo[]>('studio:backups:list');
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatchObject({ reason: 'show-start', showName: 'Friday drop', schemaVersion: latestSchemaVersion() });
    expect(backups[0]!.sizeBytes).toBeGreaterThan(0);

    // Stop, then live again: the same show, no second backup.
    first.host.close();
    await s.waitForStatus((st) => !st.live, 'the show off air');
    const again = await goLive(s);
    await s.core.backups.idle();
    expect(await s.call<BackupInfo[]>('studio:backups:list')).toHaveLength(1);
    again.host.close();
  });

  it('restores a backup after a restart: the data comes back, the replaced data is kept as a pre-restore backup', async () => {
    const dataDir = tempDir();
    let restarts = 0;
    const s = await startTestStudio(dataDir, { port: 0 }, () => restarts++);
    harness.studios.push(s);
    await s.waitForStatus((st) => st.state === 'connected', 'the link to the built-in SFU');
    await activeShow(s, 'Friday drop');
    const publisher = await goLive(s);
    await s.core.backups.idle();
    const [backup] = await s.call<BackupInfo[]>('studio:backups:list');
    publisher.host.close();
    await s.call<Show>('studio:rundown:create-show', { name: 'Made after the backup' });

    expect(await s.call('studio:backups:restore', { file: backup!.file })).toEqual({ restarting: true });
    await expect.poll(() => restarts).toBe(1);
    // What the platform does on restart: close the core, start it again on the same folder.
    harness.studios.splice(harness.studios.indexOf(s), 1);
    await s.close();
    const restored = await harness.studio(dataDir);

    const shows = await restored.call<Show[]>('studio:rundown:list-shows');
    expect(shows.map((show) => show.name)).toEqual(['Friday drop']);
    const backups = await restored.call<BackupInfo[]>('studio:backups:list');
    const preRestore = backups.find((b) => b.reason === 'pre-restore')!;
    expect(preRestore.showName).toBe('Friday drop');
    const kept = new Database(path.join(dataDir, 'backups', preRestore.file), { readonly: true });
    expect(kept.prepare('SELECT name FROM shows ORDER BY id').pluck().all()).toEqual(['Friday drop', 'Made after the backup']);
    kept.close();
  });

  it('refuses at once, with the reason, a backup from a newer version (no restart), and restore where the studio cannot restart', async () => {
    const dataDir = tempDir();
    let restarts = 0;
    const s = await startTestStudio(dataDir, { port: 0 }, () => restarts++);
    harness.studios.push(s);
    await s.waitForStatus((st) => st.state === 'connected', 'the link to the built-in SFU');
    await activeShow(s, 'Friday drop');
    (await goLive(s)).host.close();
    await s.core.backups.idle();
    const [backup] = await s.call<BackupInfo[]>('studio:backups:list');
    const future = new Database(path.join(dataDir, 'backups', backup!.file));
    future.pragma(`user_version = ${latestSchemaVersion() + 1}`);
    future.close();

    await expect(s.call('studio:backups:restore', { file: backup!.file })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/newer version of Live Seller Studio.*Update Live Seller Studio to restore it/),
    });
    expect(restarts).toBe(0);
    expect(fs.readdirSync(path.join(dataDir, 'backups')).some((f) => f.startsWith('restore-'))).toBe(false);

    // A studio whose platform cannot restart it (no restart given) refuses restore with words, before touching anything.
    const cannot = await harness.studio();
    await activeShow(cannot, 'Saturday');
    (await goLive(cannot)).host.close();
    await cannot.core.backups.idle();
    const [own] = await cannot.call<BackupInfo[]>('studio:backups:list');
    await expect(cannot.call('studio:backups:restore', { file: own!.file })).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('cannot restart') });
    await expect(cannot.call('studio:backups:restore', { file: '../studio.sqlite' })).rejects.toMatchObject({ code: 'not-found' });
  });
});

/**
 * When the studio backs its database up, and restoring one from Settings.
 *
 * "The start of a show" is the first time in a run of the studio that the
 * active show goes on air (the SFU sees the host publishing): once per show
 * per run, so a Stop / Resume does not take another, while a studio
 * restarted after a crash backs up again when its show is back on air.
 *
 * Restoring needs the database closed, so it happens at the next start of
 * the studio core: `requestRestore` checks the backup (so a refusal comes
 * back at once), leaves a note in the backups folder and asks the platform
 * to restart; `startStudioCore` finishes any noted restore before it opens
 * the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { backupChannels } from '../../shared/api/contract/backups.js';
import { StudioError } from '../../shared/api/result.js';
import type { Handlers } from '../api/dispatcher.js';
import type { StudioDatabase } from './open-database.js';
import { checkRestorable, listBackups, restoreBackup, takeBackup, type BackupInfo } from './backups.js';

const PENDING_RESTORE = 'restore-at-next-start.json';

export interface BackupServiceDeps {
  readonly db: StudioDatabase;
  /** `<data folder>/backups` */
  readonly dir: string;
  /** How many show-start backups to keep (Settings). */
  readonly keep: () => number;
  /** The active show, or null. */
  readonly activeShow: () => { readonly id: number; readonly name: string } | null;
  /** Restarts the studio core (closing the database); null where the platform cannot. */
  readonly restart: (() => void) | null;
  readonly log?: (message: string, error?: unknown) => void;
}

export class BackupService {
  private readonly backedUp = new Set<number | null>();
  private pending: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: BackupServiceDeps) {}

  /** The show went on air: back up once per show per run. */
  showWentLive(): void {
    const show = this.deps.activeShow();
    const key = show?.id ?? null;
    if (this.backedUp.has(key)) return;
    this.backedUp.add(key);
    this.pending = takeBackup(this.deps.db, this.deps.dir, { reason: 'show-start', showId: show?.id ?? null, showName: show?.name ?? null }, this.deps.keep())
      .then((backup) => this.deps.log?.(`Backed up the database at the start of the show: ${backup.file}`))
      .catch((error: unknown) => this.deps.log?.('Could not back up the database at the start of the show', error));
  }

  list(): BackupInfo[] {
    return listBackups(this.deps.dir);
  }

  /** Checks the backup, notes it for the next start and restarts the studio. */
  requestRestore(file: string): { readonly restarting: true } {
    const backup = this.list().find((b) => b.file === file);
    if (!backup) throw new StudioError('not-found', `There is no backup named "${file}".`);
    if (!this.deps.restart) throw new StudioError('unavailable', 'This studio cannot restart by itself; restore from the desktop app or with studio web.');
    checkRestorable(path.join(this.deps.dir, backup.file));
    fs.writeFileSync(path.join(this.deps.dir, PENDING_RESTORE), JSON.stringify({ file: backup.file }));
    // After this answer has gone out: the restart closes every connection.
    const restart = this.deps.restart;
    setImmediate(restart);
    return { restarting: true };
  }

  /** Resolves once a backup in progress is written (closing the database before would cut it short). */
  async idle(): Promise<void> {
    await this.pending;
  }
}

/**
 * Finishes a restore asked for before the restart (the database is not open
 * yet). The note is removed first: a backup that cannot be restored is
 * reported once, not retried at every start.
 */
export async function finishPendingRestore(databasePath: string, dir: string, keep: number, log: (message: string) => void): Promise<void> {
  const note = path.join(dir, PENDING_RESTORE);
  let file: unknown;
  try {
    file = (JSON.parse(fs.readFileSync(note, 'utf8')) as { file?: unknown }).file;
  } catch {
    return;
  }
  fs.rmSync(note, { force: true });
  if (typeof file !== 'string') return;
  try {
    await restoreBackup(databasePath, dir, file, keep);
    log(`Restored the database from the backup ${file}; the data before it is kept as a pre-restore backup.`);
  } catch (error) {
    log(`Could not restore the backup ${file}: ${(error as Error).message}`);
  }
}

export function backupHandlers(backups: BackupService): Pick<Handlers, keyof typeof backupChannels> {
  return {
    listBackups: () => backups.list(),
    restoreBackup: ({ file }) => backups.requestRestore(file),
  };
}

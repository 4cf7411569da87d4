import { z } from 'zod';
import { defineChannel } from '../channel.js';
import type { BackupInfo } from '../../domain/backups.js';

export const backupChannels = {
  /** The database backups in the data folder, newest first. */
  listBackups: defineChannel<BackupInfo[]>()('studio:backups:list', z.undefined()),
  /**
   * Restores a backup: refused at once when it is unknown, damaged or from a
   * newer version; otherwise the studio restarts, keeps the current data as
   * a pre-restore backup and opens the backup (every UI reconnects).
   */
  restoreBackup: defineChannel<{ restarting: true }>()(
    'studio:backups:restore',
    z.object({ file: z.string().min(1).max(200) }).strict(),
  ),
} as const;

/** A backup of the studio database in the data folder's backups/ (see src/main/db/backups.ts). */
export type BackupReason = 'show-start' | 'pre-restore';

export interface BackupInfo {
  /** The backup's file name in the backups folder (what restore takes). */
  readonly file: string;
  /** 'show-start': taken when a show went on air; 'pre-restore': the data as it was before a restore. */
  readonly reason: BackupReason;
  /** ms since the epoch. */
  readonly createdAt: number;
  readonly showId: number | null;
  readonly showName: string | null;
  readonly sizeBytes: number;
  /** The data format (PRAGMA user_version) inside the backup. */
  readonly schemaVersion: number;
}

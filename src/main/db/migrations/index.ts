import type { Migration } from './types.js';
import { settingsMigration } from './0010-settings.js';

/** Every migration, in order. Add new files at the end. */
export const migrations: readonly Migration[] = [settingsMigration];

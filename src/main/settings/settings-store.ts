import type { StudioDatabase } from '../db/open-database.js';
import {
  applySettingsPatch,
  defaultSettings,
  type settingsPatchSchema,
  settingsSchema,
  type Settings,
} from '../../shared/domain/settings.js';
import type { z } from 'zod';
import type { SecretName, SecretStore } from './secret-store.js';

const SETTINGS_KEY = 'studio.settings';
/**
 * Rows where older versions kept secrets in the database as plain JSON. They
 * move to the secret store on the first start and are deleted here.
 */
const LEGACY_CONTROL_TOKEN_KEY = 'controlServer.token';
const LEGACY_SECRET_ROWS: ReadonlyArray<readonly [string, SecretName]> = [
  ['sfu.hostToken', 'sfu.hostToken'],
  ['obs.password', 'obs.password'],
];

/**
 * Settings live in one JSON row, validated on every read so that a value
 * edited by hand or written by an older version falls back to defaults
 * field by field instead of breaking the app.
 */
export class SettingsStore {
  private readonly getStmt;
  private readonly putStmt;
  private readonly deleteStmt;

  constructor(
    db: StudioDatabase,
    /** Where the secrets live (the OS keychain in the desktop app, a 0600 file in browser mode). */
    readonly secrets: SecretStore,
  ) {
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.putStmt = db.prepare<[string, string, number]>(
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.deleteStmt = db.prepare<[string]>('DELETE FROM settings WHERE key = ?');
    this.moveLegacySecrets();
  }

  /**
   * The one control token of versions before roles (null when there is
   * none). The control links make it the host's link, so the studio's own
   * bookmark keeps working, then call `forgetLegacyControlToken`.
   */
  legacyControlToken(): string | null {
    const token = this.legacyString(LEGACY_CONTROL_TOKEN_KEY);
    return token !== undefined && token.length >= 16 ? token : null;
  }

  forgetLegacyControlToken(): void {
    this.deleteStmt.run(LEGACY_CONTROL_TOKEN_KEY);
  }

  get(): Settings {
    const row = this.getStmt.get(SETTINGS_KEY);
    if (!row) return defaultSettings();
    const parsed = settingsSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : defaultSettings();
  }

  /** Saves a patch; a `sfu.hostToken` in it goes to the secret store and never into Settings. */
  update(patch: z.output<typeof settingsPatchSchema>): Settings {
    const next = applySettingsPatch(this.get(), patch);
    const hostToken = patch.sfu?.hostToken;
    if (hostToken !== undefined) this.setSecret('sfu.hostToken', hostToken);
    this.putStmt.run(SETTINGS_KEY, JSON.stringify(next), Date.now());
    return next;
  }

  /** The remote SFU's host token ("" when none is set). Stays in main. */
  sfuHostToken(): string {
    return this.secrets.get('sfu.hostToken') ?? '';
  }

  /** The OBS websocket password ("" when none is set). Stays in main. */
  obsPassword(): string {
    return this.secrets.get('obs.password') ?? '';
  }

  setObsPassword(password: string): void {
    this.setSecret('obs.password', password);
  }

  private setSecret(name: SecretName, value: string): void {
    if (value === '') this.secrets.delete(name);
    else this.secrets.set(name, value);
  }

  /** Moves plain secrets of older versions out of the database: into the store first, then deleted. */
  private moveLegacySecrets(): void {
    for (const [key, name] of LEGACY_SECRET_ROWS) {
      const value = this.legacyString(key);
      if (value === undefined) continue;
      // A value already in the store is newer than the database's (a crash between the two steps last time).
      if (value !== '' && this.secrets.get(name) === null) this.secrets.set(name, value);
      this.deleteStmt.run(key);
    }
  }

  private legacyString(key: string): string | undefined {
    const row = this.getStmt.get(key);
    if (!row) return undefined;
    try {
      const value: unknown = JSON.parse(row.value);
      return typeof value === 'string' ? value : '';
    } catch {
      return '';
    }
  }
}

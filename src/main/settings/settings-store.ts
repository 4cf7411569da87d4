import type { StudioDatabase } from '../db/open-database.js';
import {
  applySettingsPatch,
  defaultSettings,
  type settingsPatchSchema,
  settingsSchema,
  type Settings,
} from '../../shared/domain/settings.js';
import type { z } from 'zod';

const SETTINGS_KEY = 'studio.settings';
const TOKEN_KEY = 'controlServer.token';
/** The remote SFU's host token: a secret, so it lives apart from the settings the UI reads. */
const SFU_HOST_TOKEN_KEY = 'sfu.hostToken';
/** The obs-websocket password: a secret like the host token, never sent to a UI. */
const OBS_PASSWORD_KEY = 'obs.password';

/**
 * Settings live in one JSON row, validated on every read so that a value
 * edited by hand or written by an older version falls back to defaults
 * field by field instead of breaking the app.
 */
export class SettingsStore {
  private readonly getStmt;
  private readonly putStmt;
  private readonly writeAll: (write: () => void) => void;

  constructor(db: StudioDatabase) {
    this.writeAll = (write) => db.transaction(write)();
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.putStmt = db.prepare<[string, string, number]>(
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
  }

  get(): Settings {
    const row = this.getStmt.get(SETTINGS_KEY);
    if (!row) return defaultSettings();
    const parsed = settingsSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : defaultSettings();
  }

  /** Saves a patch; a `sfu.hostToken` in it goes to its own row and never into Settings. */
  update(patch: z.output<typeof settingsPatchSchema>): Settings {
    const next = applySettingsPatch(this.get(), patch);
    const hostToken = patch.sfu?.hostToken;
    const now = Date.now();
    this.writeAll(() => {
      this.putStmt.run(SETTINGS_KEY, JSON.stringify(next), now);
      if (hostToken !== undefined) this.putStmt.run(SFU_HOST_TOKEN_KEY, JSON.stringify(hostToken), now);
    });
    return next;
  }

  /** The remote SFU's host token ("" when none is set). Stays in main. */
  sfuHostToken(): string {
    const row = this.getStmt.get(SFU_HOST_TOKEN_KEY);
    if (!row) return '';
    const value: unknown = JSON.parse(row.value);
    return typeof value === 'string' ? value : '';
  }

  /** The OBS websocket password ("" when none is set). Stays in main. */
  obsPassword(): string {
    const row = this.getStmt.get(OBS_PASSWORD_KEY);
    if (!row) return '';
    const value: unknown = JSON.parse(row.value);
    return typeof value === 'string' ? value : '';
  }

  setObsPassword(password: string): void {
    this.putStmt.run(OBS_PASSWORD_KEY, JSON.stringify(password), Date.now());
  }

  /** The control-server token; created on first use. Stays in main. */
  controlToken(createToken: () => string): string {
    const row = this.getStmt.get(TOKEN_KEY);
    if (row) {
      const value: unknown = JSON.parse(row.value);
      if (typeof value === 'string' && value.length >= 16) return value;
    }
    return this.setControlToken(createToken());
  }

  setControlToken(token: string): string {
    this.putStmt.run(TOKEN_KEY, JSON.stringify(token), Date.now());
    return token;
  }
}

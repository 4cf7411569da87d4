import { z } from 'zod';
import { defineChannel, defineEvent } from '../channel.js';
import { settingsPatchSchema, type Settings } from '../../domain/settings.js';

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  /** 'electron' for the desktop app, 'web' for `npm run web`. */
  readonly runtime: 'electron' | 'web';
  readonly dataDir: string;
  readonly databasePath: string;
  readonly schemaVersion: number;
}

export type ControlServerState = 'off' | 'starting' | 'running' | 'error';

export interface ControlServerStatus {
  readonly state: ControlServerState;
  /** Links a producer opens, token included; the first is this computer's. */
  readonly urls: readonly string[];
  readonly token: string;
  readonly port: number;
  readonly allowLan: boolean;
  readonly connectedClients: number;
  /** Why it is not running, in words a host can act on. */
  readonly error: string | null;
}

const noInput = z.undefined();

export const appChannels = {
  getAppInfo: defineChannel<AppInfo>()('studio:app:info', noInput),
  getSettings: defineChannel<Settings>()('studio:settings:get', noInput),
  updateSettings: defineChannel<Settings>()('studio:settings:update', settingsPatchSchema),
  getControlServerStatus: defineChannel<ControlServerStatus>()('studio:control-server:status', noInput),
  /** Makes a new token: every producer link given out so far stops working. */
  regenerateControlToken: defineChannel<ControlServerStatus>()('studio:control-server:regenerate-token', noInput),
  /** Opens an https link in the user's browser (never inside the app). */
  openExternal: defineChannel<{ opened: boolean }>()(
    'studio:shell:open-external',
    z.object({
      url: z
        .url({ message: 'That is not a web address.' })
        .refine((u) => u.startsWith('https://'), { message: 'Only https:// links can be opened.' }),
    }),
  ),
} as const;

export const appEvents = {
  settingsChanged: defineEvent<Settings>('studio:event:settings-changed'),
  controlServerChanged: defineEvent<ControlServerStatus>('studio:event:control-server-changed'),
} as const;

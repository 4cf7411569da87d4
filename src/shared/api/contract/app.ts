import { z } from 'zod';
import { defineChannel, defineEvent } from '../channel.js';
import { settingsPatchSchema, type Settings } from '../../domain/settings.js';
import { LINK_LIFETIMES } from '../../domain/team-links.js';
import { ROLES, type Role } from './roles.js';

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

/** One role's link (only ever sent to the host). */
export interface TeamLinkStatus {
  readonly role: Role;
  /** The links to open, token included; the first is this computer's (empty while the server is not running). */
  readonly urls: readonly string[];
  readonly token: string;
  /** Epoch ms; null: until the host makes a new link. */
  readonly expiresAt: number | null;
}

export interface ControlServerStatus {
  readonly state: ControlServerState;
  /** The host's own links (`npm run web` prints the first), token included; the first is this computer's. */
  readonly urls: readonly string[];
  /** The host's token. */
  readonly token: string;
  /** Every role's link: host, producer, moderator. */
  readonly links: readonly TeamLinkStatus[];
  /** Where the tokens (and other secrets) are kept, in a sentence. */
  readonly secretsStored: string;
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
  /** Makes a new link for one role: that role's old link stops working at once; the other roles' links are untouched. */
  regenerateControlToken: defineChannel<ControlServerStatus>()(
    'studio:control-server:regenerate-token',
    z.object({ role: z.enum(ROLES), lifetime: z.enum(LINK_LIFETIMES).default('never') }).strict(),
  ),
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

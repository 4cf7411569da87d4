import type { appChannels, AppInfo } from '../../shared/api/contract/app.js';
import type { Handlers } from '../api/dispatcher.js';
import type { ControlServerManager } from '../control-server/control-server-manager.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { applySettingsPatch } from '../../shared/domain/settings.js';
import type { StudioEventBus } from '../events/event-bus.js';

export interface PlatformAdapter {
  readonly runtime: 'electron' | 'web';
  /** Opens an https URL in the user's browser; false where that is not possible. */
  openExternal(url: string): Promise<boolean>;
  /** The system's folder picker (the desktop app); absent where there is none (a browser types a path). */
  pickFolder?(title: string): Promise<string | null>;
  /** Opens a folder of the data folder in the system's file manager (the desktop app); absent where it cannot. */
  showFolder?(folder: string): Promise<boolean>;
}

export interface AppHandlerDeps {
  readonly info: () => AppInfo;
  readonly settings: SettingsStore;
  readonly events: StudioEventBus;
  readonly controlServer: ControlServerManager;
  readonly platform: PlatformAdapter;
}

export function appHandlers(deps: AppHandlerDeps): Pick<Handlers, keyof typeof appChannels> {
  return {
    getAppInfo: () => deps.info(),
    getSettings: () => deps.settings.get(),
    updateSettings: async (patch) => {
      // Check first, then save: a refused change leaves the saved settings untouched.
      deps.controlServer.checkChange(applySettingsPatch(deps.settings.get(), patch));
      const next = deps.settings.update(patch);
      deps.events.emit('settingsChanged', next);
      if (patch.controlServer) await deps.controlServer.apply();
      return next;
    },
    getControlServerStatus: () => deps.controlServer.status(),
    regenerateControlToken: ({ role, lifetime }) => deps.controlServer.regenerateToken(role, lifetime),
    // Only the desktop window may open links on this computer (a producer's browser opens its own tabs);
    // the contract lets only https:// addresses through, and the platform re-checks before opening.
    openExternal: async ({ url }, context) => ({
      opened: context.transport === 'ipc' && (await deps.platform.openExternal(url)), // eng-disable OPEN_EXTERNAL_JS_CHECK
    }),
  };
}

import path from 'node:path';
import type { StudioEventBus } from '../events/event-bus.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { ObsController } from './obs-controller.js';
import { ObsOverlaySync } from './obs-overlay-sync.js';

export { ObsController } from './obs-controller.js';
export { obsHandlers } from './obs-handlers.js';

/**
 * The OBS controller as the studio core runs it: settings and password from
 * the SettingsStore, status to every UI, and the overlay following pinChanged
 * and auctionsChanged.
 */
export function createObsController(deps: {
  settings: SettingsStore;
  events: StudioEventBus;
  dataDir: string;
  /** A kept product picture as a file (src/main/media), for the card's `imageId`. */
  keptPictureFile?: (id: string) => Promise<string | null>;
}): ObsController {
  const controller = new ObsController({
    settings: {
      read: () => deps.settings.get().obs,
      save: (patch) => deps.events.emit('settingsChanged', deps.settings.update({ obs: patch })),
      password: () => deps.settings.obsPassword(),
      setPassword: (password) => deps.settings.setObsPassword(password),
    },
    overlays: new ObsOverlaySync({
      imageCacheDir: path.join(deps.dataDir, 'cache', 'obs-images'),
      ...(deps.keptPictureFile ? { keptPictureFile: deps.keptPictureFile } : {}),
      log: (message) => console.warn(`[obs] ${message}`),
    }),
    onStatus: (status) => deps.events.emit('obsStatusChanged', status),
    log: (message) => console.warn(`[obs] ${message}`),
  });
  deps.events.on('pinChanged', (state) => controller.showPin(state.current?.card ?? null));
  deps.events.on('auctionsChanged', (state) => controller.showAuction(state.current));
  return controller;
}

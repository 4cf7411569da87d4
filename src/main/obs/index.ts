import path from 'node:path';
import type { StudioEventBus } from '../events/event-bus.js';
import type { Pictures } from '../media/index.js';
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
  /** The kept product pictures (src/main/media): a card's `imageId` as a file, and the same fetch as the catalog's for an address. */
  pictures?: Pick<Pictures, 'files' | 'fetch'>;
}): ObsController {
  const pictures = deps.pictures;
  const controller = new ObsController({
    settings: {
      read: () => deps.settings.get().obs,
      save: (patch) => deps.events.emit('settingsChanged', deps.settings.update({ obs: patch })),
      password: () => deps.settings.obsPassword(),
      setPassword: (password) => deps.settings.setObsPassword(password),
    },
    overlays: new ObsOverlaySync({
      imageCacheDir: path.join(deps.dataDir, 'cache', 'obs-images'),
      ...(pictures ? { keptPictureFile: async (id: string) => ((await pictures.files.has(id)) ? pictures.files.pathOf(id) : null), fetchPicture: pictures.fetch } : {}),
      log: (message) => console.warn(`[obs] ${message}`),
    }),
    onStatus: (status) => deps.events.emit('obsStatusChanged', status),
    log: (message) => console.warn(`[obs] ${message}`),
  });
  deps.events.on('pinChanged', (state) => controller.showPin(state.current?.card ?? null));
  deps.events.on('auctionsChanged', (state) => controller.showAuction(state.current));
  return controller;
}

import type { sceneChannels } from '../../shared/api/contract/scenes.js';
import type { Handlers } from '../api/dispatcher.js';
import type { StudioEventBus } from '../core/event-bus.js';
import type { SceneStore } from './scene-store.js';

/** Scene requests; every change tells every UI (the desktop window and producer consoles) the new list. */
export function sceneHandlers(store: SceneStore, events: StudioEventBus): Pick<Handlers, keyof typeof sceneChannels> {
  const changed = () => events.emit('scenesChanged', store.list());
  return {
    listScenes: () => store.list(),
    saveScene: ({ scene }) => {
      const saved = store.save(scene);
      changed();
      return saved;
    },
    deleteScene: ({ sceneId }) => {
      const deleted = store.delete(sceneId);
      if (deleted) changed();
      return { deleted };
    },
    reorderScenes: ({ sceneIds }) => {
      const scenes = store.reorder(sceneIds);
      changed();
      return scenes;
    },
  };
}

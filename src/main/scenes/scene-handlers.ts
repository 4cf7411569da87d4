import type { sceneChannels } from '../../shared/api/contract/scenes.js';
import { StudioError } from '../../shared/api/result.js';
import type { ProgramScene } from '../../shared/domain/scenes.js';
import type { Handlers } from '../api/dispatcher.js';
import type { StudioEventBus } from '../events/event-bus.js';
import type { SceneStore } from './scene-store.js';

/**
 * Scene requests; every change tells every UI (the desktop window and
 * producer consoles) the new list. The scene on air is main's too (stored,
 * so a restart comes back on it): a Take in any window changes the program in all.
 */
export function sceneHandlers(
  store: SceneStore,
  events: StudioEventBus,
  now: () => number = Date.now,
): Pick<Handlers, keyof typeof sceneChannels> {
  const changed = () => events.emit('scenesChanged', store.list());
  let program: ProgramScene = store.program();
  return {
    getProgramScene: () => program,
    takeScene: ({ sceneId, transition }) => {
      if (!store.list().some((s) => s.id === sceneId)) throw new StudioError('not-found', 'That scene no longer exists. Pick another one.');
      program = { sceneId, transition, takenAt: now() };
      store.setProgram(program);
      events.emit('programSceneChanged', program);
      return program;
    },
    listScenes: () => store.list(),
    saveScene: ({ scene }) => {
      const saved = store.save(scene);
      changed();
      return saved;
    },
    deleteScene: ({ sceneId }) => {
      if (sceneId === program.sceneId) throw new StudioError('conflict', 'This scene is on air. Take another scene first, then delete it.');
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

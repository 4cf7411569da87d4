import type { sceneChannels } from '../../shared/api/contract/scenes.js';
import { StudioError } from '../../shared/api/result.js';
import type { PreviewScene, ProgramScene, Scene } from '../../shared/domain/scenes.js';
import type { Handlers } from '../api/dispatcher.js';
import type { StudioEventBus } from '../events/event-bus.js';
import type { SceneStore } from './scene-store.js';

/**
 * Scene requests; every change tells every UI (the desktop window and
 * producer consoles) the new list. The scene on air is main's too (stored,
 * so a restart comes back on it): a Take in any window changes the program in all.
 * So is the scene in preview (kept for this run): a producer picks it and
 * the host's window shows it, and a Take swaps the two, as a vision mixer does.
 */
export function sceneHandlers(
  store: SceneStore,
  events: StudioEventBus,
  now: () => number = Date.now,
): Pick<Handlers, keyof typeof sceneChannels> {
  const changed = () => events.emit('scenesChanged', store.list());
  let program: ProgramScene = store.program();
  /** null: not picked yet this run (defaultPreview decides). */
  let picked: string | null = null;
  const preview = (scenes: readonly Scene[] = store.list()): PreviewScene => ({ sceneId: previewOf(scenes, picked, program.sceneId) });
  const pick = (sceneId: string) => {
    const before = preview().sceneId;
    picked = sceneId;
    const after = preview();
    if (after.sceneId !== before) events.emit('previewSceneChanged', after);
    return after;
  };
  const known = (sceneId: string) => {
    if (!store.list().some((s) => s.id === sceneId)) throw new StudioError('not-found', 'That scene no longer exists. Pick another one.');
  };
  return {
    getProgramScene: () => program,
    getPreviewScene: () => preview(),
    pickPreviewScene: ({ sceneId }) => {
      known(sceneId);
      return pick(sceneId);
    },
    takeScene: ({ sceneId, transition }) => {
      known(sceneId);
      const previous = program.sceneId;
      program = { sceneId, transition, takenAt: now() };
      store.setProgram(program);
      events.emit('programSceneChanged', program);
      // The scene taken off air comes back into preview, ready to cut back.
      if (previous !== sceneId) pick(previous);
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
      const shownBefore = preview().sceneId;
      const deleted = store.delete(sceneId);
      if (deleted) changed();
      // The scene in preview was deleted: the program shows there instead.
      if (deleted && shownBefore === sceneId) pick(program.sceneId);
      return { deleted };
    },
    reorderScenes: ({ sceneIds }) => {
      const scenes = store.reorder(sceneIds);
      changed();
      return scenes;
    },
  };
}

/**
 * The scene in preview: the one picked, while it exists;
 * else "Camera + product card" (the scene most shows cut to first), else
 * the first scene that is not on air.
 */
export function previewOf(scenes: readonly Scene[], picked: string | null, programId: string): string {
  if (picked !== null && scenes.some((s) => s.id === picked)) return picked;
  const offAir = scenes.filter((s) => s.id !== programId);
  return (offAir.find((s) => s.id === 'camera-card') ?? offAir[0] ?? scenes[0])?.id ?? programId;
}

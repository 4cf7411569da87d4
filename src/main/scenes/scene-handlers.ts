import type { sceneChannels } from '../../shared/api/contract/scenes.js';
import { StudioError } from '../../shared/api/result.js';
import { sceneOrientation, type PreviewScene, type ProgramScene, type Scene } from '../../shared/domain/scenes.js';
import type { Handlers } from '../api/dispatcher.js';
import type { StudioEventBus } from '../events/event-bus.js';
import type { SceneStore } from './scene-store.js';
import type { VerticalChannels, VerticalSwitch } from './vertical-switch.js';

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
  /** The vertical output's switcher: a linked 16:9 Take switches it too (absent: no vertical output, as in older tests). */
  vertical: VerticalSwitch | null = null,
): Pick<Handlers, Exclude<keyof typeof sceneChannels, VerticalChannels>> {
  const changed = () => events.emit('scenesChanged', store.list());
  let program: ProgramScene = store.program();
  /** null: not picked yet this run (defaultPreview decides). */
  let picked: string | null = null;
  // The 16:9 switcher picks and takes 16:9 scenes only; the vertical ones are the vertical switcher's.
  const horizontal = () => store.list().filter((s) => sceneOrientation(s) === 'horizontal');
  const preview = (scenes: readonly Scene[] = horizontal()): PreviewScene => ({ sceneId: previewOf(scenes, picked, program.sceneId) });
  const pick = (sceneId: string) => {
    const before = preview().sceneId;
    picked = sceneId;
    const after = preview();
    if (after.sceneId !== before) events.emit('previewSceneChanged', after);
    return after;
  };
  const known = (sceneId: string) => {
    const scene = store.list().find((s) => s.id === sceneId);
    if (!scene) throw new StudioError('not-found', 'That scene no longer exists. Pick another one.');
    if (sceneOrientation(scene) === 'vertical') throw new StudioError('invalid-input', 'That is a vertical scene. Take it on the vertical output.');
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
      vertical?.followTake(sceneId, transition);
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
      if (sceneId === program.sceneId || vertical?.isOnAir(sceneId)) throw new StudioError('conflict', 'This scene is on air. Take another scene first, then delete it.');
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

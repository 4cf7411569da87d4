import { z } from 'zod';
import { defineChannel, defineEvent } from '../channel.js';
import { sceneSchema, type PreviewScene, type ProgramScene, type Scene } from '../../domain/scenes.js';

/** The compositor's scenes (stored in main, drawn in the renderer). Every change sends `scenesChanged` with the whole list. */
export const sceneChannels = {
  listScenes: defineChannel<Scene[]>()('studio:scenes:list', z.undefined()),
  /** Creates or replaces a scene by id; a new scene goes to the end of the list. */
  saveScene: defineChannel<Scene>()('studio:scenes:save', z.object({ scene: sceneSchema }).strict()),
  deleteScene: defineChannel<{ deleted: boolean }>()('studio:scenes:delete', z.object({ sceneId: z.string().min(1).max(64) }).strict()),
  /** The new order of all (or the first few) scenes by id; ids not listed keep their order after them. */
  reorderScenes: defineChannel<Scene[]>()('studio:scenes:reorder', z.object({ sceneIds: z.array(z.string().min(1).max(64)).max(200) }).strict()),
  /** The scene on air: one program for every window. */
  getProgramScene: defineChannel<ProgramScene>()('studio:scenes:program', z.undefined()),
  /** The scene in preview, the same in every window. */
  getPreviewScene: defineChannel<PreviewScene>()('studio:scenes:preview', z.undefined()),
  /** Puts a scene into preview in every window (`previewSceneChanged`); what viewers see does not change. */
  pickPreviewScene: defineChannel<PreviewScene>()('studio:scenes:pick-preview', z.object({ sceneId: z.string().min(1).max(64) }).strict()),
  /**
   * Take: puts a scene on air in every window (`programSceneChanged`) and the
   * scene it replaces into preview (`previewSceneChanged`), ready to cut back;
   * an unknown scene is refused.
   */
  takeScene: defineChannel<ProgramScene>()(
    'studio:scenes:take',
    z.object({ sceneId: z.string().min(1).max(64), transition: z.enum(['cut', 'fade']).default('cut') }).strict(),
  ),
} as const;

export const sceneEvents = {
  scenesChanged: defineEvent<Scene[]>('studio:event:scenes-changed'),
  programSceneChanged: defineEvent<ProgramScene>('studio:event:program-scene-changed'),
  previewSceneChanged: defineEvent<PreviewScene>('studio:event:preview-scene-changed'),
} as const;

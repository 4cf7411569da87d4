import { z } from 'zod';
import { defineChannel, defineEvent } from '../channel.js';
import { sceneSchema, type ProgramScene, type Scene } from '../../domain/scenes.js';

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
  /** Take: puts a scene on air in every window (`programSceneChanged`); an unknown scene is refused. */
  takeScene: defineChannel<ProgramScene>()(
    'studio:scenes:take',
    z.object({ sceneId: z.string().min(1).max(64), transition: z.enum(['cut', 'fade']).default('cut') }).strict(),
  ),
} as const;

export const sceneEvents = {
  scenesChanged: defineEvent<Scene[]>('studio:event:scenes-changed'),
  programSceneChanged: defineEvent<ProgramScene>('studio:event:program-scene-changed'),
} as const;

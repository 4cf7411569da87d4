import { z } from 'zod';
import { defineChannel, defineEvent } from '../channel.js';
import { sceneSchema, type PreviewScene, type ProgramScene, type Scene } from '../../domain/scenes.js';
import type { VerticalSwitchState } from '../../domain/vertical-scenes.js';

const sceneIdArg = z.string().min(1).max(64);

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
  /**
   * The vertical (9:16) output's switcher: its program and preview, "Linked"
   * (a 16:9 Take also takes the paired vertical scene) and the host's pairs.
   * Every change sends `verticalSwitchChanged` with the whole state.
   */
  getVerticalSwitch: defineChannel<VerticalSwitchState>()('studio:scenes:vertical', z.undefined()),
  pickVerticalPreview: defineChannel<VerticalSwitchState>()('studio:scenes:vertical-pick-preview', z.object({ sceneId: sceneIdArg }).strict()),
  /** Unlinked only (linked, the vertical output follows the 16:9 Take); a 16:9 scene or an unknown one is refused. */
  takeVerticalScene: defineChannel<VerticalSwitchState>()(
    'studio:scenes:vertical-take',
    z.object({ sceneId: sceneIdArg, transition: z.enum(['cut', 'fade']).default('cut') }).strict(),
  ),
  /** Linking takes the pair of the 16:9 scene on air at once, so both outputs show the same moment. */
  setVerticalLinked: defineChannel<VerticalSwitchState>()('studio:scenes:vertical-linked', z.object({ linked: z.boolean() }).strict()),
  /** The vertical scene a linked Take of `sceneId` takes; null: the automatic choice again. */
  setVerticalPair: defineChannel<VerticalSwitchState>()(
    'studio:scenes:vertical-pair',
    z.object({ sceneId: sceneIdArg, verticalSceneId: sceneIdArg.nullable() }).strict(),
  ),
} as const;

export const sceneEvents = {
  scenesChanged: defineEvent<Scene[]>('studio:event:scenes-changed'),
  programSceneChanged: defineEvent<ProgramScene>('studio:event:program-scene-changed'),
  previewSceneChanged: defineEvent<PreviewScene>('studio:event:preview-scene-changed'),
  verticalSwitchChanged: defineEvent<VerticalSwitchState>('studio:event:vertical-switch-changed'),
} as const;

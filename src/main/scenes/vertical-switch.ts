import type { sceneChannels } from '../../shared/api/contract/scenes.js';
import { StudioError } from '../../shared/api/result.js';
import { sceneOrientation, type ProgramScene, type Scene, type SceneTransition } from '../../shared/domain/scenes.js';
import { pairOf, type VerticalSwitchState } from '../../shared/domain/vertical-scenes.js';
import type { Handlers } from '../api/dispatcher.js';
import type { StudioEventBus } from '../events/event-bus.js';
import type { SceneStore } from './scene-store.js';
import type { VerticalStore } from './vertical-store.js';

/**
 * The vertical (9:16) output's switcher in main, like the 16:9 one in
 * scene-handlers.ts: one program and one preview for every window, the
 * program and "Linked" stored (a restart comes back on them). Linked: the
 * 16:9 Take calls `followTake`, which takes the paired vertical scene with
 * the same transition at the same moment; unlinked: the vertical output has
 * its own pick and Take, and a 16:9 Take leaves it alone.
 */
export class VerticalSwitch {
  private program: ProgramScene;
  private linked: boolean;
  /** null: not picked this run (the first vertical scene off air shows). */
  private picked: string | null = null;

  constructor(
    private readonly scenes: SceneStore,
    private readonly store: VerticalStore,
    private readonly events: StudioEventBus,
    private readonly now: () => number = Date.now,
  ) {
    this.program = store.program();
    this.linked = store.linked();
  }

  state(): VerticalSwitchState {
    const vertical = this.scenes.list().filter(isVertical);
    return { linked: this.linked, program: this.program, preview: { sceneId: verticalPreviewOf(vertical, this.picked, this.program.sceneId) }, pairs: this.store.pairs() };
  }

  /** The 16:9 output took `horizontalId`: linked, the vertical output takes its pair (nothing when unlinked or no pair). */
  followTake(horizontalId: string, transition: SceneTransition): void {
    if (!this.linked) return;
    const scenes = this.scenes.list();
    const horizontal = scenes.find((s) => s.id === horizontalId);
    const pair = horizontal ? pairOf(horizontal, scenes, this.store.pairs()) : null;
    if (pair === null || pair === this.program.sceneId) return;
    this.putOnAir(pair, transition);
  }

  /** A scene may not be deleted while either output shows it. */
  isOnAir(sceneId: string): boolean {
    return this.program.sceneId === sceneId;
  }

  handlers(): Pick<Handlers, 'getVerticalSwitch' | 'pickVerticalPreview' | 'takeVerticalScene' | 'setVerticalLinked' | 'setVerticalPair'> {
    return {
      getVerticalSwitch: () => this.state(),
      pickVerticalPreview: ({ sceneId }) => {
        this.knownVertical(sceneId);
        this.picked = sceneId;
        return this.changed();
      },
      takeVerticalScene: ({ sceneId, transition }) => {
        this.knownVertical(sceneId);
        if (this.linked) {
          throw new StudioError('conflict', 'The vertical output follows the 16:9 Take while Linked is on. Turn Linked off to take a vertical scene on its own.');
        }
        const previous = this.program.sceneId;
        this.putOnAir(sceneId, transition, false);
        // As on the 16:9 switcher: the scene taken off air comes back into preview, ready to cut back.
        if (previous !== sceneId) this.picked = previous;
        return this.changed();
      },
      setVerticalLinked: ({ linked }) => {
        this.linked = linked;
        this.store.save(this.program, linked);
        const horizontal = this.scenes.program().sceneId;
        // Linking lines the outputs up at once: the vertical output takes the pair of what is on air in 16:9.
        if (linked) this.followTake(horizontal, 'cut');
        return this.changed();
      },
      setVerticalPair: ({ sceneId, verticalSceneId }) => {
        const scenes = this.scenes.list();
        if (!scenes.some((s) => s.id === sceneId && !isVertical(s))) throw new StudioError('not-found', 'That 16:9 scene no longer exists. Pick another one.');
        if (verticalSceneId !== null) this.knownVertical(verticalSceneId, scenes);
        this.store.setPair(sceneId, verticalSceneId);
        return this.changed();
      },
    };
  }

  private putOnAir(sceneId: string, transition: SceneTransition, announce = true): void {
    this.program = { sceneId, transition, takenAt: this.now() };
    this.store.save(this.program, this.linked);
    if (announce) this.changed();
  }

  private knownVertical(sceneId: string, scenes: readonly Scene[] = this.scenes.list()): void {
    const scene = scenes.find((s) => s.id === sceneId);
    if (!scene) throw new StudioError('not-found', 'That scene no longer exists. Pick another one.');
    if (!isVertical(scene)) throw new StudioError('invalid-input', 'That is a 16:9 scene. Pick a vertical scene for the vertical output.');
  }

  private changed(): VerticalSwitchState {
    const state = this.state();
    this.events.emit('verticalSwitchChanged', state);
    return state;
  }
}

const isVertical = (scene: Scene) => sceneOrientation(scene) === 'vertical';

/** The vertical scene in preview: the one picked while it exists, else the first vertical scene off air. */
export function verticalPreviewOf(vertical: readonly Scene[], picked: string | null, programId: string): string {
  if (picked !== null && vertical.some((s) => s.id === picked)) return picked;
  return (vertical.find((s) => s.id !== programId) ?? vertical[0])?.id ?? programId;
}

/** The switcher's channels, for the dispatcher table (kept beside sceneHandlers'). */
export type VerticalChannels = Extract<keyof typeof sceneChannels, 'getVerticalSwitch' | 'pickVerticalPreview' | 'takeVerticalScene' | 'setVerticalLinked' | 'setVerticalPair'>;

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { sceneOrientation } from '../../shared/domain/scenes.js';
import type { VerticalResolution } from '../../shared/domain/settings.js';
import type { VerticalSwitchState } from '../../shared/domain/vertical-scenes.js';
import { useStudio } from '../api/studio-context.js';
import { useStudioValue } from '../api/studio-value.js';
import { useSettings } from '../api/use-settings.js';
import { usePublishCommands, usePublishStatus } from '../publish/publish-context.js';
import type { VerticalFeedStatus } from '../publish/vertical-publisher.js';
import type { Compositor, Transition } from './compositor.js';
import type { Scene } from './scene-model.js';
import { VerticalOutput } from './vertical-output.js';

/**
 * The vertical (9:16) output in the window (runs in the renderer): the
 * canvas (while Settings → Vertical output is on), the vertical scene on
 * air (main's, like the 16:9 program), and its feed on the publisher's
 * session. Mounted inside CompositorProvider, which hands it the compositor
 * and every stored scene.
 */
export interface VerticalContextValue {
  /** Settings → Vertical output is on (the canvas exists once the compositor does). */
  readonly enabled: boolean;
  readonly resolution: VerticalResolution;
  readonly output: VerticalOutput | null;
  /** The vertical scenes, in the stored order. */
  readonly scenes: readonly Scene[];
  /** Main's switcher state; null until main answers. */
  readonly state: VerticalSwitchState | null;
  /** The scene drawn on the vertical output (a vertical scene, or a title card shared with 16:9). */
  readonly program: Scene | null;
  readonly feed: VerticalFeedStatus;
  /** Main's last refusal in host words. */
  readonly error: string | null;
  setLinked(linked: boolean): void;
  pick(sceneId: string): void;
  take(): void;
  setPair(sceneId: string, verticalSceneId: string | null): void;
  stopFeed(): void;
  startFeed(): void;
}

const VerticalContext = createContext<VerticalContextValue | null>(null);

export function useVertical(): VerticalContextValue {
  const value = useContext(VerticalContext);
  if (!value) throw new Error('useVertical() outside <VerticalProvider>');
  return value;
}

const testHooks = new URLSearchParams(window.location.search).has('lss-test-hooks');

interface VerticalProviderProps {
  readonly compositor: Compositor | null;
  /** Every stored scene, both orientations. */
  readonly allScenes: readonly Scene[];
  /** The host's Cut/Fade choice (one for both outputs). */
  readonly transition: Transition;
  readonly children: ReactNode;
}

export function VerticalProvider({ compositor, allScenes, transition, children }: VerticalProviderProps) {
  const studio = useStudio();
  const settings = useSettings();
  const enabled = settings.value?.verticalOutput.enabled ?? false;
  const resolution = settings.value?.verticalOutput.resolution ?? '720x1280';
  const switcher = useStudioValue({ event: 'verticalSwitchChanged', read: (api) => api.getVerticalSwitch() });
  const { set: setState } = switcher;
  const state = switcher.value;
  const [error, setError] = useState<string | null>(null);
  const [output, setOutput] = useState<VerticalOutput | null>(null);
  const { verticalFeed } = usePublishCommands();
  const feed = useSyncExternalStore(verticalFeed.subscribe, verticalFeed.getStatus);
  const phase = usePublishStatus().phase;

  const scenes = useMemo(() => allScenes.filter((s) => sceneOrientation(s) === 'vertical'), [allScenes]);

  // The canvas exists only while the output is on: off, nothing of it is drawn or sent.
  // The size changes on the running canvas (below), not by making a new one.
  const sizeAtStart = useRef(resolution);
  sizeAtStart.current = resolution;
  useEffect(() => {
    if (!compositor || !enabled) return;
    const created = new VerticalOutput(compositor, sizeAtStart.current);
    setOutput(created);
    if (testHooks) Object.assign(window, { __lssVertical: created });
    return () => {
      created.dispose();
      setOutput(null);
    };
  }, [compositor, enabled]);
  useEffect(() => output?.setResolution(resolution), [output, resolution]);
  useEffect(() => verticalFeed.setTrack(output?.outputTrack ?? null), [verticalFeed, output]);
  // A stop of the vertical feed was for that show: the next one starts with it on.
  useEffect(() => {
    if (phase === 'offline' || phase === 'ended' || phase === 'error') verticalFeed.resetForNextShow();
  }, [verticalFeed, phase]);

  const programId = state?.program.sceneId ?? null;
  const program = allScenes.find((s) => s.id === programId) ?? scenes[0] ?? null;
  const takenAt = state?.program.takenAt ?? null;
  const programTransition = state?.program.transition ?? 'cut';
  const lastTake = useRef<number | null>(null);
  useEffect(() => {
    if (!program || !output) return;
    const isNewTake = lastTake.current !== null && takenAt !== lastTake.current;
    lastTake.current = takenAt;
    output.setProgram(program, isNewTake ? programTransition : 'cut');
  }, [output, program, takenAt, programTransition]);

  const answer = useCallback(
    (result: Awaited<ReturnType<typeof studio.getVerticalSwitch>>) => {
      if (result.ok) {
        setState(result.value);
        setError(null);
      } else {
        setError(result.error.message);
      }
    },
    [setState],
  );
  const previewId = state?.preview.sceneId ?? null;
  const value = useMemo<VerticalContextValue>(
    () => ({
      enabled,
      resolution,
      output,
      scenes,
      state,
      program,
      feed,
      error,
      setLinked: (linked) => void studio.setVerticalLinked({ linked }).then(answer),
      pick: (sceneId) => void studio.pickVerticalPreview({ sceneId }).then(answer),
      take: () => {
        if (previewId !== null && previewId !== programId) void studio.takeVerticalScene({ sceneId: previewId, transition }).then(answer);
      },
      setPair: (sceneId, verticalSceneId) => void studio.setVerticalPair({ sceneId, verticalSceneId }).then(answer),
      stopFeed: () => void verticalFeed.stop(),
      startFeed: () => verticalFeed.start(),
    }),
    [enabled, resolution, output, scenes, state, program, feed, error, studio, answer, previewId, programId, transition, verticalFeed],
  );
  return <VerticalContext.Provider value={value}>{children}</VerticalContext.Provider>;
}

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useAbilities } from '../api/role-context.js';
import { useStudioClockOffset } from '../api/studio-clock.js';
import { useStudioEvent } from '../api/studio-context.js';
import { useSettings } from '../api/use-settings.js';
import { usePin } from '../live/live-context.js';
import { auctionOverlayOf } from '../live/auction-view.js';
import { useStudioValue } from '../api/studio-value.js';
import { useCapture, usePublishCommands } from '../publish/publish-context.js';
import { AudioMixer } from './audio-mixer.js';
import { Compositor, type Resolution, type Transition } from './compositor.js';
import { usesScreen, type Scene } from './scene-model.js';
import { sceneOrientation } from '../../shared/domain/scenes.js';
import { VerticalProvider } from './vertical-context.js';
import { useSceneHotkeys } from './use-scene-hotkeys.js';
import { useSceneSwitch } from './use-scene-switch.js';
import { useExtraSources, type ExtraSources } from './use-extra-sources.js';
import { useStoredScenes } from './use-stored-scenes.js';

/**
 * The window's compositor and its scene state (runs in the renderer).
 * Mounted inside PublishProvider above the view switch, like the publisher:
 * opening Settings never stops the composed picture. Preview is the scene
 * being edited or picked next; program is what viewers see. Both are main's,
 * the same in every window (the host's and a producer's console).
 */

export interface CompositorContextValue {
  readonly compositor: Compositor | null;
  readonly scenes: readonly Scene[];
  /** A scene change main refused (or "take another scene first"), in host words. */
  readonly sceneError: string | null;
  readonly previewId: string;
  readonly programId: string;
  readonly selectedLayerId: string | null;
  readonly transition: Transition;
  readonly sources: ExtraSources;
  /** The microphone as sent: gain 0..2 and mute. */
  readonly audio: { readonly gain: number; readonly muted: boolean };
  /** The program's sound as sent (the mixer's output); null where the browser has no Web Audio. What a recording records. */
  readonly programAudio: MediaStreamTrack | null;
  /** The composed output's size (what viewers get at most); remembered on this computer. */
  readonly resolution: Resolution;
  setResolution(resolution: Resolution): void;
  /** Why the output size cannot change now (a recording runs: its file keeps one size); null: it can. */
  readonly resolutionLocked: string | null;
  lockResolution(reason: string | null): void;
  setMicGain(gain: number): void;
  setMicMuted(muted: boolean): void;
  pickPreview(sceneId: string): void;
  take(): void;
  setTransition(transition: Transition): void;
  selectLayer(layerId: string | null): void;
  updateScene(scene: Scene): void;
  /** Copies the preview scene under a new name and puts the copy in preview. */
  duplicatePreview(name: string): Promise<void>;
  deletePreview(): void;
}

const CompositorContext = createContext<CompositorContextValue | null>(null);

export function useCompositor(): CompositorContextValue {
  const value = useContext(CompositorContext);
  if (!value) throw new Error('useCompositor() outside <CompositorProvider>');
  return value;
}

/** `?lss-test-hooks` exposes the compositor to end-to-end tests (read before the token is taken from the URL). */
const testHooks = new URLSearchParams(window.location.search).has('lss-test-hooks');

const RESOLUTION_KEY = 'lss.outputResolution';
const savedResolution = (): Resolution => (localStorage.getItem(RESOLUTION_KEY) === '1920x1080' ? '1920x1080' : '1280x720');

export function CompositorProvider({ children }: { children: ReactNode }) {
  // Not the publisher's status or the SFU's viewer count: they change every few seconds and the compositor needs neither.
  const capture = useCapture();
  const { setProgramVideo, setProgramAudio } = usePublishCommands();
  const pin = usePin();
  const clockOffsetMs = useStudioClockOffset();
  const settings = useSettings();
  // The scenes on air and in preview are main's, the same in every window.
  const switcher = useSceneSwitch();
  const { showPreview } = switcher;
  const [compositor, setCompositor] = useState<Compositor | null>(null);
  const stored = useStoredScenes();
  const { updateScene } = stored;
  // The 16:9 switcher's scenes (F1…); the vertical ones are the vertical output's (vertical-context.tsx).
  const scenes = useMemo(() => stored.scenes.filter((s) => sceneOrientation(s) === 'horizontal'), [stored.scenes]);
  const previewId = switcher.preview?.sceneId ?? 'camera-card';
  const [refused, setRefused] = useState<string | null>(null);
  // The layer selected for editing belongs to the scene it was selected in: a new preview (from any window) starts unselected.
  const [selection, setSelection] = useState<{ readonly sceneId: string; readonly layerId: string | null }>({ sceneId: '', layerId: null });
  const selectedLayerId = selection.sceneId === previewId ? selection.layerId : null;
  const selectLayer = useCallback((layerId: string | null) => setSelection({ sceneId: previewId, layerId }), [previewId]);
  const [transition, setTransition] = useState<Transition>('fade');
  const [mixer, setMixer] = useState<AudioMixer | null>(null);
  const [audio, setAudio] = useState({ gain: 1, muted: false });
  const [resolution, setResolutionState] = useState<Resolution>(savedResolution);
  const [resolutionLocked, lockResolution] = useState<string | null>(null);
  const sources = useExtraSources(compositor);
  // Only a window that can go live asks for a screen: a console that cannot publish has nothing to send it to.
  const { goLive: mayPublish } = useAbilities();
  const askForScreen = sources.askForScreenOnce;
  const askForScreenOnce = useCallback(() => {
    if (mayPublish) askForScreen();
  }, [mayPublish, askForScreen]);

  useEffect(() => {
    const created = new Compositor(savedResolution());
    setCompositor(created);
    if (testHooks) Object.assign(window, { __lssCompositor: created });
    return () => created.dispose();
  }, []);

  // The composed picture is what the publisher sends, as soon as it exists.
  useEffect(() => {
    if (!compositor) return;
    setProgramVideo(compositor.outputTrack);
    return () => setProgramVideo(null);
  }, [compositor, setProgramVideo]);

  useEffect(() => {
    if (typeof AudioContext === 'undefined') return;
    const created = new AudioMixer();
    setMixer(created);
    setProgramAudio(created.outputTrack);
    return () => {
      setProgramAudio(null);
      created.dispose();
    };
  }, [setProgramAudio]);
  // Layer geometry is in fractions of the frame, so a new size needs no scene changes.
  useEffect(() => compositor?.setResolution(resolution), [compositor, resolution]);
  const setResolution = useCallback((next: Resolution) => {
    localStorage.setItem(RESOLUTION_KEY, next);
    setResolutionState(next);
  }, []);

  const micTrack = capture?.microphone.track ?? null;
  useEffect(() => mixer?.setMicrophone(micTrack), [mixer, micTrack]);
  useEffect(() => {
    mixer?.setGain(audio.gain);
    mixer?.setMuted(audio.muted);
  }, [mixer, audio]);

  const cameraTrack = capture?.camera.track ?? null;
  useEffect(() => compositor?.setCamera(0, cameraTrack), [compositor, cameraTrack]);
  const card = pin?.current?.card ?? null;
  useEffect(() => compositor?.setOverlay({ card }), [compositor, card]);
  // The pin straight from the event too, without waiting for React to render (20-25 ms sooner on the outgoing video).
  useStudioEvent('pinChanged', (state) => compositor?.setOverlay({ card: state.current?.card ?? null }));
  // The card's deal counts down on main's clock (measured by the live context), not on this machine's.
  useEffect(() => compositor?.setOverlay({ clockOffset: clockOffsetMs }), [compositor, clockOffsetMs]);
  // The auction over the pinned card: price, leader, countdown (it runs to its end even when the host pins something
  // else meanwhile), then the result for a few seconds (main keeps it as `current` only under its own pin).
  const auctions = useStudioValue({ event: 'auctionsChanged', read: (api) => api.getAuctions({ showId: null }) });
  const auction = auctions.value?.current ?? null;
  const cardCurrency = card?.currency ?? null;
  const pinId = pin?.current?.id ?? null;
  const auctionOverlay = useMemo(() => auctionOverlayOf(auction, cardCurrency, pinId), [auction, cardCurrency, pinId]);
  useEffect(() => compositor?.setOverlay({ auction: auctionOverlay }), [compositor, auctionOverlay]);
  const hostName = settings.value?.hostName ?? '';
  useEffect(() => compositor?.setOverlay({ hostName }), [compositor, hostName]);
  // A giveaway's winner is announced on the video for 30 s after the draw (docs/giveaways.md).
  useStudioEvent('giveawaysChanged', ({ current: g }) =>
    compositor?.setOverlay({
      giveawayWinner: g?.status === 'drawn' && g.winner && g.drawnAt !== null ? { text: `Giveaway winner: ${g.winner.name} — ${g.prize}`, until: g.drawnAt + 30_000 } : null,
    }),
  );

  // A deleted or not yet loaded program scene falls back to the first one (never a black frame by accident).
  const programId = switcher.program?.sceneId ?? 'camera';
  const program = scenes.find((s) => s.id === programId) ?? scenes[0];
  // A new Take goes to air with its transition; a scene edit or the first load cuts.
  const takenAt = switcher.program?.takenAt ?? null;
  const programTransition = switcher.program?.transition ?? 'cut';
  const lastTake = useRef<number | null>(null);
  useEffect(() => {
    if (!program) return;
    const isNewTake = lastTake.current !== null && takenAt !== lastTake.current;
    lastTake.current = takenAt;
    compositor?.setProgram(program, isNewTake ? programTransition : 'cut');
  }, [compositor, program, takenAt, programTransition]);

  // A scene that draws a screen asks for one the first time it is picked or taken (F4 or a click is the gesture the picker needs).
  const { pick, take: takeScene } = switcher;
  const pickPreview = useCallback(
    (sceneId: string) => {
      setRefused(null);
      const scene = scenes.find((s) => s.id === sceneId);
      if (scene && usesScreen(scene)) askForScreenOnce();
      void pick(sceneId).then(setRefused);
    },
    [pick, scenes, askForScreenOnce],
  );
  const take = useCallback(() => {
    const next = scenes.find((s) => s.id === previewId);
    if (!next || !program || next.id === program.id) return;
    if (usesScreen(next)) askForScreenOnce();
    // OBS studio mode swaps: main puts the old program back into preview, ready to cut back, in every window.
    void takeScene(next.id, transition).then(setRefused);
  }, [scenes, previewId, program, takeScene, transition, askForScreenOnce]);
  useSceneHotkeys((index) => {
    const scene = scenes[index];
    if (scene) pickPreview(scene.id);
  }, take);

  const { duplicateScene, deleteScene } = stored;
  const duplicatePreview = useCallback(
    async (name: string) => {
      const from = scenes.find((s) => s.id === previewId);
      const id = from ? await duplicateScene(from, name) : null;
      if (id) pickPreview(id);
    },
    [scenes, previewId, duplicateScene, pickPreview],
  );
  const deletePreview = useCallback(() => {
    if (previewId === program?.id) return setRefused('This scene is on air. Take another scene first, then delete it.');
    deleteScene(previewId);
    // Main shows the program in preview instead, in every window.
    if (program) showPreview({ sceneId: program.id });
  }, [previewId, program, deleteScene, showPreview]);

  const value = useMemo<CompositorContextValue>(
    () => ({
      compositor,
      scenes,
      sceneError: refused ?? stored.error,
      previewId,
      programId: program?.id ?? programId,
      selectedLayerId,
      transition,
      sources,
      audio,
      programAudio: mixer?.outputTrack ?? null,
      resolution,
      setResolution,
      resolutionLocked,
      lockResolution,
      setMicGain: (gain: number) => setAudio((a) => ({ ...a, gain })),
      setMicMuted: (muted: boolean) => setAudio((a) => ({ ...a, muted })),
      pickPreview,
      take,
      setTransition,
      selectLayer,
      updateScene,
      duplicatePreview,
      deletePreview,
    }),
    [compositor, scenes, refused, stored.error, previewId, program, programId, selectedLayerId, selectLayer, transition, sources, audio, mixer, resolution, setResolution, resolutionLocked, pickPreview, take, updateScene, duplicatePreview, deletePreview],
  );
  return (
    <CompositorContext.Provider value={value}>
      <VerticalProvider compositor={compositor} allScenes={stored.scenes} transition={transition}>
        {children}
      </VerticalProvider>
    </CompositorContext.Provider>
  );
}

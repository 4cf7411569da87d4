import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { RecordingState } from '../../shared/domain/recording.js';
import { useSampleStudioClock } from '../api/studio-clock.js';
import { useStudio } from '../api/studio-context.js';
import { useStudioValue } from '../api/studio-value.js';
import { useCompositor } from '../compositor/compositor-context.js';
import { pickRecordingType, ProgramRecorder } from './program-recorder.js';

/**
 * Recording the program from this window (runs in the renderer). Main owns
 * the recording (its row, its file, its state in every window); the window
 * that pressed Record owns the MediaRecorder that feeds it. Mounted inside
 * CompositorProvider, above the view switch: opening Settings or the
 * Recordings list never stops a recording.
 */

export type RecordingPending = 'starting' | 'stopping' | null;

export interface RecordingView {
  /** Main's state: the running recording, a stop asked for, the disk, ffmpeg (null until read). */
  readonly state: RecordingState | null;
  /** This window records the running recording. */
  readonly recordingHere: boolean;
  readonly pending: RecordingPending;
  /** Why Record did not start, or why the recording stopped on its own, in host words. */
  readonly notice: { readonly kind: 'error' | 'info'; readonly text: string } | null;
}

export interface RecordingCommands {
  start(): Promise<void>;
  /** When this window's last recorder ran, on this computer's clock (null: none yet). For tests and benchmarks. */
  lastRun(): { readonly startedAt: number | null; readonly stoppedAt: number | null } | null;
  /** In the window that records: stop and send what it holds. Elsewhere: ask that window to. */
  stop(): Promise<void>;
  dismissNotice(): void;
}

const ViewContext = createContext<RecordingView | null>(null);
const CommandsContext = createContext<RecordingCommands | null>(null);

/** Null outside RecordingProvider (a moderator's console has none). */
export function useRecording(): RecordingView | null {
  return useContext(ViewContext);
}

export function useRecordingCommands(): RecordingCommands | null {
  return useContext(CommandsContext);
}

/** `?lss-test-hooks`: end-to-end tests and benchmarks switch recording on and off (`window.__lssRecording`). */
const testHooks = new URLSearchParams(window.location.search).has('lss-test-hooks');

/** A running recording's state arrives every second; this long without it, the window asks again. */
const QUIET_MS = 5000;

const RESOLUTION_LOCK = 'The output size stays as it is while recording (one recording, one size).';

interface Mine {
  readonly id: number;
  readonly recorder: ProgramRecorder;
}

export function RecordingProvider({ children }: { children: ReactNode }) {
  const studio = useStudio();
  const sampleClock = useSampleStudioClock();
  const { compositor, programAudio, lockResolution } = useCompositor();
  /** When main's state last arrived (this computer's clock). */
  const heardAt = useRef(0);
  const { value: state, reload } = useStudioValue({
    event: 'recordingChanged',
    read: (api) => api.getRecordingState(),
    supersedes: (next, shown) => next.now >= shown.now,
    onValue: (value) => {
      heardAt.current = Date.now();
      sampleClock(value.now);
    },
  });
  const mine = useRef<Mine | null>(null);
  const lastRecorder = useRef<ProgramRecorder | null>(null);
  const [recordingHere, setRecordingHere] = useState(false);
  const [pending, setPending] = useState<RecordingPending>(null);
  const [notice, setNotice] = useState<RecordingView['notice']>(null);

  /** The recorder is done (stopped here, or main ended the recording): let go of it. */
  const release = useCallback(
    (id: number) => {
      if (mine.current?.id !== id) return;
      mine.current.recorder.dispose();
      mine.current = null;
      setRecordingHere(false);
      lockResolution(null);
    },
    [lockResolution],
  );

  /** A stop under way here (main's repeated states while it runs must not start another). */
  const stopping = useRef(false);
  const stopHere = useCallback(async () => {
    const current = mine.current;
    if (!current || stopping.current) return;
    stopping.current = true;
    setPending('stopping');
    try {
      const lastSeq = await current.recorder.stop();
      release(current.id);
      const result = await studio.stopRecording({ recordingId: current.id, lastSeq });
      if (!result.ok) setNotice({ kind: 'error', text: result.error.message });
    } finally {
      stopping.current = false;
      setPending(null);
      void reload();
    }
  }, [studio, release, reload]);

  const start = useCallback(async () => {
    if (mine.current || !compositor) return;
    const mimeType = typeof MediaRecorder === 'undefined' ? null : pickRecordingType((type) => MediaRecorder.isTypeSupported(type));
    if (!mimeType) {
      setNotice({ kind: 'error', text: 'This browser cannot record video. Record from the desktop app, or from Chrome or Edge.' });
      return;
    }
    setPending('starting');
    setNotice(null);
    try {
      // Main first: it checks ffmpeg and the disk and makes the folder; the moment it answers is time 0 of the file.
      const started = await studio.startRecording({ mimeType });
      if (!started.ok) {
        setNotice({ kind: 'error', text: started.error.message });
        return;
      }
      const id = started.value.id;
      const recorder = new ProgramRecorder({
        video: compositor.outputTrack,
        audio: programAudio,
        mimeType,
        height: compositor.canvas.height,
        send: (seq, data) => studio.appendRecordingChunk({ recordingId: id, seq, data }),
        onRefused: (text) => {
          release(id);
          setNotice({ kind: 'info', text });
          void reload();
        },
        onFailed: (text) => {
          setNotice({ kind: 'error', text });
          void stopHere();
        },
      });
      mine.current = { id, recorder };
      lastRecorder.current = recorder;
      setRecordingHere(true);
      lockResolution(RESOLUTION_LOCK);
      try {
        recorder.start();
      } catch (error) {
        release(id);
        void studio.stopRecording({ recordingId: id, lastSeq: -1 });
        setNotice({ kind: 'error', text: `The browser could not start recording: ${(error as Error).message}` });
      }
    } finally {
      setPending(null);
    }
  }, [studio, compositor, programAudio, lockResolution, release, stopHere, reload]);

  const stop = useCallback(async () => {
    if (mine.current) return stopHere();
    const current = state?.current;
    if (!current) return;
    setPending('stopping');
    const result = await studio.stopRecording({ recordingId: current.id });
    setPending(null);
    if (!result.ok) setNotice({ kind: 'error', text: result.error.message });
  }, [studio, state, stopHere]);

  // A running recording sends its state every second (each chunk). Silence means the studio went away (and maybe
  // came back after a crash, with the recording ended): ask again rather than show REC that is no longer true.
  const running = state?.current != null;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (Date.now() - heardAt.current > QUIET_MS) void reload();
    }, QUIET_MS / 2);
    return () => clearInterval(timer);
  }, [running, reload]);

  // Main asks this window to stop (End show, the disk nearly full, Stop from another window), or ended the recording itself.
  useEffect(() => {
    const current = mine.current;
    if (!current || !state) return;
    if (state.current?.id === current.id && state.stopRequested !== null) void stopHere();
    else if (state.current === null && state.last?.id === current.id) release(current.id);
  }, [state, stopHere, release]);

  // The window going away (closed, reloaded) stops its recorder; main saves what arrived.
  useEffect(() => {
    const onPageHide = () => {
      const current = mine.current;
      if (!current) return;
      const lastSeq = current.recorder.lastSeq;
      current.recorder.dispose();
      mine.current = null;
      void studio.stopRecording({ recordingId: current.id, lastSeq });
    };
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      mine.current?.recorder.dispose();
    };
  }, [studio]);

  const commands = useMemo<RecordingCommands>(
    () => ({ start, stop, dismissNotice: () => setNotice(null), lastRun: () => lastRecorder.current?.ran ?? null }),
    [start, stop],
  );
  useEffect(() => {
    if (testHooks) Object.assign(window, { __lssRecording: commands });
  }, [commands]);
  const view = useMemo<RecordingView>(() => ({ state, recordingHere, pending, notice }), [state, recordingHere, pending, notice]);
  return (
    <CommandsContext.Provider value={commands}>
      <ViewContext.Provider value={view}>{children}</ViewContext.Provider>
    </CommandsContext.Provider>
  );
}

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Result } from '../../shared/api/result.js';
import type { AirState, PinState, SfuStatus } from '../../shared/domain/live.js';
import { useSampleStudioClock } from '../api/studio-clock.js';
import { useStudio } from '../api/studio-context.js';
import { useStudioValue } from '../api/studio-value.js';

/**
 * The show as main sees it, shared by the whole window: the SFU target
 * (reachable? viewer links, viewer count) and the pinned product. Both come
 * from main (read once, then events: `useStudioValue`), so every UI — this
 * window and a producer console — shows the same pin.
 *
 * Five contexts, so that what changes often re-renders only who reads it:
 * the commands never change; the pin changes with a pin, its stock or its
 * deal; the SFU status and the air state (on air, paused, ended: main's, so
 * a producer's console shows the host's show, not its own "offline") with
 * every viewer who comes or goes; the feedback with a click on its way, a
 * refusal or a hotkey notice.
 */

/** What a Pin button sends; ids are the catalog's (and the rundown item it came from). */
export interface PinRequest {
  readonly productId: number;
  readonly variantId: number | null;
  readonly rundownItemId: number | null;
  /** Already pinned: leave it up as it is (main decides, see the contract). */
  readonly keepIfPinned?: boolean;
}

/** What the window can ask of the show; the same functions for the provider's lifetime. */
export interface LiveCommands {
  /** A short line for the host after a hotkey did nothing ("Intro is a segment"); it fades by itself. */
  showNotice(text: string): void;
  /** Resolves to the pin state main answered with, or null when it refused (pinError says why). */
  pinProduct(request: PinRequest): Promise<PinState | null>;
  unpinProduct(): Promise<PinState | null>;
  /** Resolves to the host-worded error, or null when the deal runs. */
  startDeal(price: string, durationSeconds: number): Promise<string | null>;
  endDeal(): Promise<string | null>;
}

export interface PinFeedback {
  /** The last pin or unpin that main refused, in host words; cleared by the next one. */
  readonly pinError: string | null;
  /** A pin or unpin is on its way (buttons stay usable: the last click wins). */
  readonly pinBusy: boolean;
  /** The hotkey notice on screen, if any. */
  readonly notice: string | null;
}

/** How long a hotkey notice stays on screen. */
const NOTICE_MS = 4000;

const CommandsContext = createContext<LiveCommands | null>(null);
const PinContext = createContext<PinState | null>(null);
const SfuContext = createContext<SfuStatus | null>(null);
const FeedbackContext = createContext<PinFeedback | null>(null);
const AirContext = createContext<AirState | null>(null);

export function useLiveCommands(): LiveCommands {
  const value = useContext(CommandsContext);
  if (!value) throw new Error('useLiveCommands() outside <LiveProvider>');
  return value;
}

/** The pin as main last said (null until it answered). */
export function usePin(): PinState | null {
  return useContext(PinContext);
}

/** The SFU target as main last said (null until it answered). */
export function useSfuStatus(): SfuStatus | null {
  return useContext(SfuContext);
}

/** Where the show stands as main last said, the same in every window (null until it answered). */
export function useAirState(): AirState | null {
  return useContext(AirContext);
}

export function usePinFeedback(): PinFeedback {
  const value = useContext(FeedbackContext);
  if (!value) throw new Error('usePinFeedback() outside <LiveProvider>');
  return value;
}

/**
 * Is this the product on screen? A variant's button also counts a pin of its
 * whole product; a product-level button only a product-level pin (pinning
 * the product then replaces a single variant on screen).
 */
export function isPinned(pin: PinState | null, productId: number, variantId: number | null): boolean {
  const current = pin?.current;
  if (!current || current.productId !== productId) return false;
  return current.variantId === null || current.variantId === variantId;
}

export function LiveProvider({ children }: { children: ReactNode }) {
  const studio = useStudio();
  // Every pin state carries main's clock: sampling it on arrival keeps countdowns
  // right on a producer console whose own clock is off.
  const sampleClock = useSampleStudioClock();
  const sfu = useStudioValue({ event: 'sfuStatusChanged', read: (api) => api.getSfuStatus() });
  const air = useStudioValue({ event: 'airStateChanged', read: (api) => api.getAirState(), onValue: (state) => sampleClock(state.now) });
  const pin = useStudioValue({ event: 'pinChanged', read: (api) => api.getPinState(), onValue: (state) => sampleClock(state.now) });
  const takePin = pin.set;
  const [pinError, setPinError] = useState<string | null>(null);
  const [inFlight, setInFlight] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const showNotice = useCallback((text: string) => {
    clearTimeout(noticeTimer.current);
    setNotice(text);
    noticeTimer.current = setTimeout(() => setNotice(null), NOTICE_MS);
  }, []);
  useEffect(() => () => clearTimeout(noticeTimer.current), []);

  const run = useCallback(
    async (call: Promise<Result<PinState>>) => {
      setInFlight((n) => n + 1);
      try {
        const result = await call;
        if (result.ok) {
          takePin(result.value);
          setPinError(null);
          return result.value;
        }
        setPinError(result.error.message);
        return null;
      } finally {
        setInFlight((n) => n - 1);
      }
    },
    [takePin],
  );

  // Deal errors belong to the deal form (a wrong price), not to the pin: they are returned, not kept here.
  const dealCall = useCallback(
    async (call: Promise<Result<PinState>>) => {
      const result = await call;
      if (!result.ok) return result.error.message;
      takePin(result.value);
      return null;
    },
    [takePin],
  );

  const commands = useMemo<LiveCommands>(
    () => ({
      showNotice,
      pinProduct: (request) => run(studio.pinProduct(request)),
      unpinProduct: () => run(studio.unpinProduct()),
      startDeal: (price, durationSeconds) => dealCall(studio.startDeal({ price, durationSeconds })),
      endDeal: () => dealCall(studio.endDeal()),
    }),
    [showNotice, run, dealCall, studio],
  );
  const pinBusy = inFlight > 0;
  const feedback = useMemo<PinFeedback>(() => ({ pinError, pinBusy, notice }), [pinError, pinBusy, notice]);

  return (
    <CommandsContext.Provider value={commands}>
      <SfuContext.Provider value={sfu.value}>
        <AirContext.Provider value={air.value}>
          <PinContext.Provider value={pin.value}>
            <FeedbackContext.Provider value={feedback}>{children}</FeedbackContext.Provider>
          </PinContext.Provider>
        </AirContext.Provider>
      </SfuContext.Provider>
    </CommandsContext.Provider>
  );
}

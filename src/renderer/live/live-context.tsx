import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { PinState, SfuStatus } from '../../shared/domain/live.js';
import { ServerClock } from '../../shared/sfu/deal-clock.js';
import { isConnectionError, RELOAD_AFTER_CONNECTION_ERROR_MS } from '../api/connection-errors.js';
import { useStudio, useStudioEvent } from '../api/studio-context.js';

/**
 * The show as main sees it, shared by the whole window: the SFU target
 * (reachable? viewer links, viewer count) and the pinned product. Both come
 * from main (get… once, then events), so every UI — this window and a
 * producer console — shows the same pin.
 */

/** What a Pin button sends; ids are the catalog's (and the rundown item it came from). */
export interface PinRequest {
  readonly productId: number;
  readonly variantId: number | null;
  readonly rundownItemId: number | null;
  /** Already pinned: leave it up as it is (main decides, see the contract). */
  readonly keepIfPinned?: boolean;
}

export interface LiveContextValue {
  readonly sfu: SfuStatus | null;
  readonly pin: PinState | null;
  /** The last pin or unpin that main refused, in host words; cleared by the next one. */
  readonly pinError: string | null;
  /** A pin or unpin is on its way (buttons show it; they stay usable: the last click wins). */
  readonly pinBusy: boolean;
  /** Main's clock minus this computer's, measured when the last pin state arrived (deal and auto-unpin countdowns). */
  readonly clockOffsetMs: number;
  /** A short line for the host after a hotkey did nothing ("Intro is a segment"); it fades by itself. */
  readonly notice: string | null;
  showNotice(text: string): void;
  /** Resolves to the pin state main answered with, or null when it refused (pinError says why). */
  pinProduct(request: PinRequest): Promise<PinState | null>;
  unpinProduct(): Promise<PinState | null>;
  /** Resolves to the host-worded error, or null when the deal runs. */
  startDeal(price: string, durationSeconds: number): Promise<string | null>;
  endDeal(): Promise<string | null>;
}

/** How long a hotkey notice stays on screen. */
const NOTICE_MS = 4000;

const LiveContext = createContext<LiveContextValue | null>(null);

export function useLive(): LiveContextValue {
  const value = useContext(LiveContext);
  if (!value) throw new Error('useLive() outside <LiveProvider>');
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
  const [sfu, setSfu] = useState<SfuStatus | null>(null);
  const [pin, setPin] = useState<PinState | null>(null);
  const [pinError, setPinError] = useState<string | null>(null);
  const [inFlight, setInFlight] = useState(0);
  const [clockOffsetMs, setClockOffsetMs] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const mainClock = useRef(new ServerClock());

  // Every pin state carries main's clock: sampling it on arrival keeps countdowns
  // right on a producer console whose own clock is off.
  const takePin = useCallback((state: PinState) => {
    setPin(state);
    mainClock.current.sample(state.now, Date.now());
    setClockOffsetMs(mainClock.current.offset());
  }, []);

  const showNotice = useCallback((text: string) => {
    clearTimeout(noticeTimer.current);
    setNotice(text);
    noticeTimer.current = setTimeout(() => setNotice(null), NOTICE_MS);
  }, []);
  useEffect(() => () => clearTimeout(noticeTimer.current), []);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const [status, pins] = await Promise.all([studio.getSfuStatus(), studio.getPinState()]);
      if (!live) return;
      if (status.ok) setSfu(status.value);
      if (pins.ok) takePin(pins.value);
      // Not reachable right now (the connection banner says so): ask again shortly.
      const retry = [status, pins].some((r) => !r.ok && isConnectionError(r.error));
      if (retry) timer = setTimeout(() => void load(), RELOAD_AFTER_CONNECTION_ERROR_MS);
    };
    void load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [studio, takePin]);

  useStudioEvent('sfuStatusChanged', setSfu);
  useStudioEvent('pinChanged', takePin);

  const run = useCallback(async (call: Promise<{ ok: true; value: PinState } | { ok: false; error: { message: string } }>) => {
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
  }, [takePin]);

  const pinProduct = useCallback((request: PinRequest) => run(studio.pinProduct(request)), [run, studio]);
  const unpinProduct = useCallback(() => run(studio.unpinProduct()), [run, studio]);

  // Deal errors belong to the deal form (a wrong price), not to the pin: they are returned, not kept here.
  const dealCall = useCallback(
    async (call: Promise<{ ok: true; value: PinState } | { ok: false; error: { message: string } }>) => {
      const result = await call;
      if (!result.ok) return result.error.message;
      takePin(result.value);
      return null;
    },
    [takePin],
  );
  const startDeal = useCallback(
    (price: string, durationSeconds: number) => dealCall(studio.startDeal({ price, durationSeconds })),
    [dealCall, studio],
  );
  const endDeal = useCallback(() => dealCall(studio.endDeal()), [dealCall, studio]);

  const value = useMemo<LiveContextValue>(
    () => ({
      sfu,
      pin,
      pinError,
      pinBusy: inFlight > 0,
      clockOffsetMs,
      notice,
      showNotice,
      pinProduct,
      unpinProduct,
      startDeal,
      endDeal,
    }),
    [sfu, pin, pinError, inFlight, clockOffsetMs, notice, showNotice, pinProduct, unpinProduct, startDeal, endDeal],
  );
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

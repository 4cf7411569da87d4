import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { PinState, SfuStatus } from '../../shared/domain/live.js';
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
}

export interface LiveContextValue {
  readonly sfu: SfuStatus | null;
  readonly pin: PinState | null;
  /** The last pin or unpin that main refused, in host words; cleared by the next one. */
  readonly pinError: string | null;
  /** A pin or unpin is on its way (buttons show it; they stay usable: the last click wins). */
  readonly pinBusy: boolean;
  pinProduct(request: PinRequest): Promise<void>;
  unpinProduct(): Promise<void>;
}

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

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const [status, pins] = await Promise.all([studio.getSfuStatus(), studio.getPinState()]);
      if (!live) return;
      if (status.ok) setSfu(status.value);
      if (pins.ok) setPin(pins.value);
      // Not reachable right now (the connection banner says so): ask again shortly.
      const retry = [status, pins].some((r) => !r.ok && isConnectionError(r.error));
      if (retry) timer = setTimeout(() => void load(), RELOAD_AFTER_CONNECTION_ERROR_MS);
    };
    void load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [studio]);

  useStudioEvent('sfuStatusChanged', setSfu);
  useStudioEvent('pinChanged', setPin);

  const run = useCallback(async (call: Promise<{ ok: true; value: PinState } | { ok: false; error: { message: string } }>) => {
    setInFlight((n) => n + 1);
    try {
      const result = await call;
      if (result.ok) {
        setPin(result.value);
        setPinError(null);
      } else {
        setPinError(result.error.message);
      }
    } finally {
      setInFlight((n) => n - 1);
    }
  }, []);

  const pinProduct = useCallback((request: PinRequest) => run(studio.pinProduct(request)), [run, studio]);
  const unpinProduct = useCallback(() => run(studio.unpinProduct()), [run, studio]);

  const value = useMemo<LiveContextValue>(
    () => ({ sfu, pin, pinError, pinBusy: inFlight > 0, pinProduct, unpinProduct }),
    [sfu, pin, pinError, inFlight, pinProduct, unpinProduct],
  );
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

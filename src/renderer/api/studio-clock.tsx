import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ServerClock } from '../../shared/sfu/deal-clock.js';

/**
 * Main's clock as this window sees it: one offset for the whole renderer.
 * Every state main stamps with its time (`PinState.now`, `RundownState.now`)
 * is a sample; ServerClock keeps the closest of the recent ones, so a
 * producer console whose own clock is off still counts deals, the
 * auto-unpin, segment timers and the on-air time on main's clock.
 */

/** Takes a time main stamped on a state that just arrived. Stable. */
type SampleStudioClock = (studioNow: number) => void;

const OffsetContext = createContext(0);
const SampleContext = createContext<SampleStudioClock>(() => undefined);

export function StudioClockProvider({ children }: { children: ReactNode }) {
  const [clock] = useState(() => new ServerClock());
  const [offsetMs, setOffsetMs] = useState(0);
  const sample = useCallback<SampleStudioClock>(
    (studioNow) => {
      clock.sample(studioNow, Date.now());
      setOffsetMs(clock.offset());
    },
    [clock],
  );
  return (
    <SampleContext.Provider value={sample}>
      <OffsetContext.Provider value={offsetMs}>{children}</OffsetContext.Provider>
    </SampleContext.Provider>
  );
}

/** Main's clock minus this computer's (0 until main stamped a state). */
export function useStudioClockOffset(): number {
  return useContext(OffsetContext);
}

export function useSampleStudioClock(): SampleStudioClock {
  return useContext(SampleContext);
}

/**
 * Main's clock now, re-rendering every second while `ticking`. Ticks land on
 * whole seconds of main's clock so every timer on screen changes together.
 * A change of `freshAt` (an auction's end moved by a late bid) reads the
 * clock again at once: otherwise the render it causes would use the last
 * tick's time and show a second too many until the next tick.
 */
export function useStudioNow(ticking: boolean, freshAt?: unknown): number {
  const offsetMs = useStudioClockOffset();
  const [localNow, setLocalNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const now = Date.now();
      setLocalNow(now);
      timer = setTimeout(tick, 1000 - ((now + offsetMs) % 1000) + 5);
    };
    tick();
    return () => clearTimeout(timer);
  }, [ticking, offsetMs, freshAt]);
  return localNow + offsetMs;
}

import { useEffect, useState } from 'react';

/**
 * The studio's clock as this computer sees it (local time plus the measured
 * offset), re-rendering every second while `ticking`. Ticks land on whole
 * seconds so every timer on screen changes together.
 */
export function useStudioClock(offsetMs: number, ticking: boolean): number {
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
  }, [ticking, offsetMs]);
  return localNow + offsetMs;
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ShowReport } from '../../shared/domain/selling.js';
import { useStudio, useStudioEvent } from '../api/studio-context.js';

/** How often a running show's report is rebuilt (air time and the audience change without an event). */
export const REPORT_REFRESH_MS = 5000;

export interface ShowReportState {
  readonly report: ShowReport | null;
  /** Why there is no report (no show open, the show was deleted), in host words. */
  readonly error: string | null;
  readonly loading: boolean;
}

/**
 * The active show's report, kept fresh: every 5 s and when claims, the pin
 * or the rundown change. Events in a burst cause one reload at a time, and
 * a reload asked for while one runs happens right after it, so the last
 * change is always shown.
 */
export function useShowReport(): ShowReportState {
  const studio = useStudio();
  const [state, setState] = useState<ShowReportState>({ report: null, error: null, loading: true });
  const inFlight = useRef(false);
  const again = useRef(false);
  const mounted = useRef(true);

  const load = useCallback(() => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    void studio
      .getShowReport({ showId: null })
      .then((result) => {
        if (!mounted.current) return;
        setState(
          result.ok
            ? { report: result.value, error: null, loading: false }
            : { report: null, error: result.error.message, loading: false },
        );
      })
      .catch(() => {
        if (mounted.current) setState((s) => ({ ...s, error: 'The studio did not answer. The report will try again in a moment.', loading: false }));
      })
      .finally(() => {
        inFlight.current = false;
        if (again.current && mounted.current) {
          again.current = false;
          load();
        }
      });
  }, [studio]);

  useEffect(() => {
    mounted.current = true;
    load();
    const timer = setInterval(load, REPORT_REFRESH_MS);
    return () => {
      mounted.current = false;
      clearInterval(timer);
    };
  }, [load]);

  useStudioEvent('claimsChanged', load);
  useStudioEvent('pinChanged', load);
  useStudioEvent('rundownChanged', load);
  return state;
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClaimsState } from '../../shared/domain/selling.js';
import { isConnectionError, RELOAD_AFTER_CONNECTION_ERROR_MS } from '../api/connection-errors.js';
import { useStudio, useStudioEvent } from '../api/studio-context.js';

export interface ClaimsFeed {
  readonly state: ClaimsState | null;
  readonly loadError: string | null;
}

/**
 * The active show's claims: listClaims once, then every claimsChanged.
 * `showId` is the active show as the rundown knows it; when it changes the
 * list is read again (the event only speaks for the active show). A cancel
 * or move shows up through the event main sends after it, like anyone else's.
 */
export function useClaims(showId: number | null): ClaimsFeed {
  const studio = useStudio();
  const [state, setState] = useState<ClaimsState | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const generation = useRef(0);

  const load = useCallback(async (): Promise<boolean> => {
    const mine = ++generation.current;
    const result = await studio.listClaims({ showId: null });
    if (mine !== generation.current) return true; // a newer read or event won
    if (result.ok) {
      setState(result.value);
      setLoadError(null);
      return true;
    }
    if (isConnectionError(result.error)) return false;
    setLoadError(result.error.message);
    return true;
  }, [studio]);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = () =>
      void load().then((done) => {
        // Not reachable right now (the connection banner says so): ask again shortly.
        if (!done && live) timer = setTimeout(attempt, RELOAD_AFTER_CONNECTION_ERROR_MS);
      });
    attempt();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [load, showId]);

  useStudioEvent('claimsChanged', (next) => {
    generation.current++; // an answer still on its way is older than this
    setState(next);
    setLoadError(null);
  });

  return { state, loadError };
}

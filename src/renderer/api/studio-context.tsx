import { createContext, useContext, useEffect, useRef, useState } from 'react';
import type { StudioApi } from '../../shared/api/client.js';
import type { EventName, PayloadOf } from '../../shared/api/contract/index.js';
import type { Result } from '../../shared/api/result.js';

export const StudioContext = createContext<StudioApi | null>(null);

export function useStudio(): StudioApi {
  const studio = useContext(StudioContext);
  if (!studio) throw new Error('useStudio() outside <StudioContext.Provider>');
  return studio;
}

/** Subscribes to a main-process event for the component's lifetime. */
export function useStudioEvent<E extends EventName>(name: E, listener: (payload: PayloadOf<E>) => void): void {
  const studio = useStudio();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => {
    const key = `on${name.charAt(0).toUpperCase()}${name.slice(1)}` as keyof StudioApi;
    const subscribe = studio[key] as unknown as (l: (payload: PayloadOf<E>) => void) => () => void;
    return subscribe((payload) => latest.current(payload));
  }, [studio, name]);
}

export interface LiveValue<T> {
  readonly value: T | null;
  readonly error: string | null;
  readonly set: (value: T) => void;
}

/** Loads a value once and keeps it fresh from an event that carries the new value. */
export function useLiveValue<T, E extends EventName>(
  load: (studio: StudioApi) => Promise<Result<T>>,
  event: E,
  fromEvent: (payload: PayloadOf<E>) => T,
): LiveValue<T> {
  const studio = useStudio();
  const loadRef = useRef(load);
  const [state, setState] = useState<{ value: T | null; error: string | null }>({ value: null, error: null });
  useEffect(() => {
    let live = true;
    void loadRef.current(studio).then((r) => {
      if (live) setState(r.ok ? { value: r.value, error: null } : { value: null, error: r.error.message });
    });
    return () => {
      live = false;
    };
  }, [studio]);
  useStudioEvent(event, (payload) => setState({ value: fromEvent(payload), error: null }));
  return { ...state, set: (value: T) => setState({ value, error: null }) };
}

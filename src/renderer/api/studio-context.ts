import { createContext, useContext, useEffect, useLayoutEffect, useRef } from 'react';
import type { StudioApi } from '../../shared/api/client.js';
import type { EventName, PayloadOf } from '../../shared/api/contract/index.js';

export const StudioContext = createContext<StudioApi | null>(null);

export function useStudio(): StudioApi {
  const studio = useContext(StudioContext);
  if (!studio) throw new Error('useStudio() outside <StudioContext.Provider>');
  return studio;
}

/** `studio.onPinChanged(listener)` by the event's name; returns the unsubscribe function. */
export function subscribeStudioEvent<E extends EventName>(studio: StudioApi, name: E, listener: (payload: PayloadOf<E>) => void): () => void {
  const key = `on${name.charAt(0).toUpperCase()}${name.slice(1)}` as keyof StudioApi;
  const subscribe = studio[key] as unknown as (l: (payload: PayloadOf<E>) => void) => () => void;
  return subscribe(listener);
}

/**
 * The latest `value`, for callbacks that must keep their identity (an event
 * listener, a timer). Updated after each render, before any effect runs.
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}

/**
 * Subscribes to a main-process event for the component's lifetime. For a
 * value main owns (read it, then follow its event), use `useStudioValue`
 * (studio-value.ts): it also drops stale reads and retries.
 */
export function useStudioEvent<E extends EventName>(name: E, listener: (payload: PayloadOf<E>) => void): void {
  const studio = useStudio();
  const latest = useLatest(listener);
  useEffect(() => subscribeStudioEvent(studio, name, (payload) => latest.current(payload)), [studio, name, latest]);
}

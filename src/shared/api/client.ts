import type { Result } from './result.js';
import {
  contract,
  events,
  type EventName,
  type InputOf,
  type MethodName,
  type OutputOf,
  type PayloadOf,
} from './contract/index.js';

/** `window.studio.getSettings()`: one named function per channel. */
export type StudioMethods = {
  [K in MethodName]: undefined extends InputOf<K>
    ? (input?: InputOf<K>) => Promise<Result<OutputOf<K>>>
    : (input: InputOf<K>) => Promise<Result<OutputOf<K>>>;
};

/** `window.studio.onSettingsChanged(listener)` returns an unsubscribe function. */
export type StudioSubscriptions = {
  [E in EventName as `on${Capitalize<E>}`]: (listener: (payload: PayloadOf<E>) => void) => () => void;
};

export type StudioApi = StudioMethods & StudioSubscriptions;

/** What a transport must do: send a request, and deliver events. */
export interface StudioTransport {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  subscribe(eventChannel: string, listener: (payload: unknown) => void): () => void;
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Builds the typed `window.studio` object over a transport. It is a plain
 * object of functions so that Electron's contextBridge can expose it.
 */
export function createStudioClient(transport: StudioTransport): StudioApi {
  const api: Record<string, unknown> = {};
  for (const name of Object.keys(contract) as MethodName[]) {
    const { channel } = contract[name];
    api[name] = (input?: unknown) => transport.invoke(channel, input);
  }
  for (const name of Object.keys(events) as EventName[]) {
    const { channel } = events[name];
    api[`on${capitalize(name)}`] = (listener: (payload: unknown) => void) => transport.subscribe(channel, listener);
  }
  return api as StudioApi;
}

import { createContext, useCallback, useContext, useMemo, useRef, type ReactNode } from 'react';
import type { InputOf } from '../../shared/api/contract/index.js';
import type { Result } from '../../shared/api/result.js';
import type { RundownItem, RundownState, Show } from '../../shared/domain/rundown.js';
import { useSampleStudioClock } from '../api/studio-clock.js';
import { useStudio, useStudioEvent } from '../api/studio-context.js';
import { useStudioValue } from '../api/studio-value.js';

export type NewRundownItem = InputOf<'addRundownItems'>['items'][number];

/**
 * The active show's rundown, shared by the rundown panel, the catalog ("+
 * Rundown") and later the Pin button, which works from `currentItem`.
 *
 * State comes from main (getActiveRundown, then `rundownChanged` events and
 * the state every rundown call returns: `useStudioValue`). Times in it are
 * the studio's clock; the window's one clock (`useStudioNow`) counts on it.
 */
export interface RundownContextValue {
  readonly rundown: RundownState | null;
  readonly shows: readonly Show[] | null;
  readonly loadError: string | null;
  /** The item on air now (the live cursor); null before the show starts. */
  readonly currentItem: RundownItem | null;
  /** What "Next" will make current. */
  readonly nextItem: RundownItem | null;
  /** Applies the rundown a call returns; resolves to the error message, or null on success. */
  apply(call: Promise<Result<RundownState>>): Promise<string | null>;
  /** The active show's id, opening the latest show or creating "Today's show" if there is none. */
  ensureActiveShow(): Promise<Result<number>>;
  /** Reads the active show again from main (e.g. after deleting it). */
  reload(): Promise<void>;
  /** Adds to the end of the active show (made if needed). */
  addItems(items: NewRundownItem[], position?: number): Promise<Result<RundownState>>;
}

const RundownContext = createContext<RundownContextValue | null>(null);

export function useRundown(): RundownContextValue {
  const value = useContext(RundownContext);
  if (!value) throw new Error('useRundown() outside <RundownProvider>');
  return value;
}

export const DEFAULT_SHOW_NAME = 'Today’s show';

export function RundownProvider({ children }: { children: ReactNode }) {
  const studio = useStudio();
  // Every state carries the studio's clock: one more sample for the window's clock.
  const sampleClock = useSampleStudioClock();
  const active = useStudioValue({
    event: 'rundownChanged',
    read: (api) => api.getActiveRundown(),
    // Answers and events can cross: a state of the same show made earlier by the studio never
    // replaces a later one. (A read's answer is judged by order alone: main may answer it after
    // announcing a newer active show — showsChanged → read, then setActiveShow → rundownChanged.)
    supersedes: (next, shown) => !(next && shown && next.show.id === shown.show.id && next.now < shown.now),
    onValue: (state) => {
      if (state) sampleClock(state.now);
    },
  });
  const showList = useStudioValue({ event: 'showsChanged', read: (api) => api.listShows() });
  const { set: accept, latest, reload: reloadActive } = active;
  const rundown = active.value;
  const shows = showList.value;
  const loadError = active.error ?? showList.error;

  useStudioEvent('showsChanged', (list) => {
    // The active show was deleted (here or by a producer): main picks what is active now.
    const shown = latest();
    if (shown && !list.some((s) => s.id === shown.show.id)) void reloadActive();
    if (!shown && list.length > 0) void reloadActive();
  });

  const apply = useCallback(
    async (call: Promise<Result<RundownState>>) => {
      const result = await call;
      if (!result.ok) return result.error.message;
      accept(result.value);
      return null;
    },
    [accept],
  );

  const ensuring = useRef<Promise<Result<number>> | null>(null);
  const ensureActiveShow = useCallback((): Promise<Result<number>> => {
    const shown = latest();
    if (shown) return Promise.resolve({ ok: true, value: shown.show.id });
    // Two quick "+ Rundown" presses must not make two shows.
    ensuring.current ??= (async (): Promise<Result<number>> => {
      const listed = await studio.listShows();
      if (!listed.ok) return listed;
      const newest = [...listed.value].sort((a, b) => b.createdAt - a.createdAt)[0];
      let showId = newest?.id;
      if (showId === undefined) {
        const created = await studio.createShow({ name: DEFAULT_SHOW_NAME });
        if (!created.ok) return created;
        showId = created.value.id;
      }
      const opened = await studio.setActiveShow({ showId });
      if (!opened.ok) return opened;
      accept(opened.value);
      return { ok: true, value: showId };
    })().finally(() => {
      ensuring.current = null;
    });
    return ensuring.current;
  }, [studio, accept, latest]);

  const addItems = useCallback(
    async (items: NewRundownItem[], position?: number): Promise<Result<RundownState>> => {
      const show = await ensureActiveShow();
      if (!show.ok) return show;
      const result = await studio.addRundownItems({
        showId: show.value,
        items,
        ...(position === undefined ? {} : { position }),
      });
      if (result.ok) accept(result.value);
      return result;
    },
    [studio, ensureActiveShow, accept],
  );

  const value = useMemo<RundownContextValue>(() => {
    const items = rundown?.items ?? [];
    const currentId = rundown?.cursor.currentItemId ?? null;
    return {
      rundown,
      shows,
      loadError,
      currentItem: items.find((i) => i.id === currentId) ?? null,
      nextItem: items.find((i) => i.id === rundown?.nextItemId) ?? null,
      apply,
      ensureActiveShow,
      reload: reloadActive,
      addItems,
    };
  }, [rundown, shows, loadError, apply, ensureActiveShow, reloadActive, addItems]);

  return <RundownContext.Provider value={value}>{children}</RundownContext.Provider>;
}

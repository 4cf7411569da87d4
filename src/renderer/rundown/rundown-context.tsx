import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { InputOf } from '../../shared/api/contract/index.js';
import type { Result } from '../../shared/api/result.js';
import type { RundownItem, RundownState, Show } from '../../shared/domain/rundown.js';
import { isConnectionError, RELOAD_AFTER_CONNECTION_ERROR_MS } from '../api/connection-errors.js';
import { useStudio, useStudioEvent } from '../api/studio-context.js';

export type NewRundownItem = InputOf<'addRundownItems'>['items'][number];

/**
 * The active show's rundown, shared by the rundown panel, the catalog ("+
 * Rundown") and later the Pin button, which works from `currentItem`.
 *
 * State comes from main (getActiveRundown, then `rundownChanged` events and
 * the state every rundown call returns). Times in it are the studio's clock;
 * `clockOffsetMs` turns this computer's clock into the studio's.
 */
export interface RundownContextValue {
  readonly rundown: RundownState | null;
  readonly shows: readonly Show[] | null;
  readonly loadError: string | null;
  /** Studio clock minus this computer's clock, measured when the last state arrived. */
  readonly clockOffsetMs: number;
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
  const [rundown, setRundown] = useState<RundownState | null>(null);
  const [shows, setShows] = useState<readonly Show[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [clockOffsetMs, setClockOffsetMs] = useState(0);
  const latest = useRef<RundownState | null>(null);
  /** Counts the states taken, so a read can tell whether a newer one arrived while it was on its way. */
  const accepted = useRef(0);

  /** Takes a state unless an answer made later by the studio is already on screen. */
  const accept = useCallback((next: RundownState | null) => {
    const current = latest.current;
    if (next && current && next.show.id === current.show.id && next.now < current.now) return;
    accepted.current += 1;
    latest.current = next;
    setRundown(next);
    if (next) setClockOffsetMs(next.now - Date.now());
  }, []);

  const reloadActive = useCallback(async () => {
    const before = accepted.current;
    const result = await studio.getActiveRundown();
    if (result.ok) {
      // A fresh read wins over what was on screen, but not over a state that arrived
      // while it was on its way (main may answer the read after announcing a newer
      // active show: showsChanged → read, then setActiveShow → rundownChanged).
      if (accepted.current !== before) return true;
      latest.current = null;
      accept(result.value);
      setLoadError(null);
    } else if (!isConnectionError(result.error)) {
      setLoadError(result.error.message);
    }
    return result.ok || result.error.code !== 'unavailable';
  }, [studio, accept]);

  const loadAll = useCallback(async () => {
    const [active, listed] = await Promise.all([reloadActive(), studio.listShows()]);
    if (listed.ok) setShows(listed.value);
    else if (!isConnectionError(listed.error)) setLoadError(listed.error.message);
    // Not reachable right now (the banner says so): try again shortly.
    return active && (listed.ok || listed.error.code !== 'unavailable');
  }, [studio, reloadActive]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const attempt = () =>
      void loadAll().then((done) => {
        if (!done && live) timer = setTimeout(attempt, RELOAD_AFTER_CONNECTION_ERROR_MS);
      });
    attempt();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [loadAll]);

  useStudioEvent('rundownChanged', (state) => accept(state));
  useStudioEvent('showsChanged', (list) => {
    setShows(list);
    // The active show was deleted (here or by a producer): main picks what is active now.
    const active = latest.current;
    if (active && !list.some((s) => s.id === active.show.id)) void reloadActive();
    if (!active && list.length > 0) void reloadActive();
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
    if (latest.current) return Promise.resolve({ ok: true, value: latest.current.show.id });
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
  }, [studio, accept]);

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
      clockOffsetMs,
      currentItem: items.find((i) => i.id === currentId) ?? null,
      nextItem: items.find((i) => i.id === rundown?.nextItemId) ?? null,
      apply,
      ensureActiveShow,
      reload: async () => {
        await reloadActive();
      },
      addItems,
    };
  }, [rundown, shows, loadError, clockOffsetMs, apply, ensureActiveShow, reloadActive, addItems]);

  return <RundownContext.Provider value={value}>{children}</RundownContext.Provider>;
}

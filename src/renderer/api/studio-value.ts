import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { StudioApi } from '../../shared/api/client.js';
import type { EventName, PayloadOf } from '../../shared/api/contract/index.js';
import type { ApiError, Result } from '../../shared/api/result.js';
import { isConnectionError, RELOAD_AFTER_CONNECTION_ERROR_MS } from './connection-errors.js';
import { subscribeStudioEvent, useLatest, useStudio } from './studio-context.js';

/**
 * The renderer's one way to show what main knows: read → subscribe →
 * ignore stale answers → retry.
 *
 * The event is subscribed before the read is sent. Every event (and every
 * value an action's answer brings, `set`) is newer than a read asked for
 * before it, so such a read's answer is stale: `useStudioValue` drops it,
 * a feed that merges (the chat) is told. A read that the link to the studio
 * could not carry (`unavailable`, `unauthorized`: the connection banner says
 * so) is asked again every RELOAD_AFTER_CONNECTION_ERROR_MS until it is
 * answered; a refusal is kept as `error`, in the studio's words.
 */

export interface StudioFeedSpec<T, E extends EventName> {
  /** Asks main for the whole thing: on mount, when `key` changes, on reload(), and again after a connection error. */
  readonly read: (studio: StudioApi) => Promise<Result<T>>;
  /** The event main sends when it changes. */
  readonly event: E;
  /** An event arrived. Return false when it changed nothing: a read on its way is then not made stale by it. */
  readonly onEvent: (payload: PayloadOf<E>) => boolean | void;
  /**
   * A read was answered. `stale`: an event or a local change was taken after
   * the read was asked for, so parts of the answer are older than what is shown.
   */
  readonly onRead: (value: T, stale: boolean) => void;
  /** Read again when this changes (the active show, for its claims). */
  readonly key?: unknown;
}

export interface StudioFeed {
  /** The last read's refusal in host words; null after an answer or a newer value. */
  readonly error: string | null;
  /** Reads again; resolves once the answer was taken or dropped (after a connection error: when the retry is scheduled). */
  reload(): Promise<void>;
  /** A newer value was taken from elsewhere (an action's answer): reads on their way are stale now. */
  touch(): void;
}

/** A read that threw (a transport that broke mid-call) counts as a connection error: ask again. */
const LINK_BROKEN: ApiError = { code: 'unavailable', message: 'The studio did not answer.' };

/** One mount (or one `key`) of a feed: its reads, the events since each, and the retry timer. */
class FeedRun<T, E extends EventName> {
  /** Events and local changes taken so far: a read compares the count at its start and at its answer. */
  private changes = 0;
  private newestRead = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly studio: StudioApi,
    private readonly spec: () => StudioFeedSpec<T, E>,
    private readonly setError: (error: string | null) => void,
  ) {}

  start(): () => void {
    const { event } = this.spec();
    const unsubscribe = subscribeStudioEvent(this.studio, event, (payload) => {
      if (this.stopped) return;
      if (this.spec().onEvent(payload) === false) return;
      this.touch();
    });
    void this.read();
    return () => {
      this.stopped = true;
      clearTimeout(this.retryTimer);
      unsubscribe();
    };
  }

  touch(): void {
    this.changes += 1;
    this.setError(null);
  }

  async read(): Promise<void> {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    const id = ++this.newestRead;
    const changesBefore = this.changes;
    let result: Result<T>;
    try {
      result = await this.spec().read(this.studio);
    } catch {
      result = { ok: false, error: LINK_BROKEN };
    }
    // Unmounted, or a newer read is on its way: that one answers.
    if (this.stopped || id !== this.newestRead) return;
    if (result.ok) {
      const stale = this.changes !== changesBefore;
      this.spec().onRead(result.value, stale);
      if (!stale) this.setError(null);
    } else if (isConnectionError(result.error)) {
      this.retryTimer = setTimeout(() => void this.read(), RELOAD_AFTER_CONNECTION_ERROR_MS);
    } else if (this.changes === changesBefore) {
      this.setError(result.error.message);
    }
  }
}

/** The primitive: read → subscribe → stale → retry, with the values kept by the caller (the chat's store). */
export function useStudioFeed<T, E extends EventName>(spec: StudioFeedSpec<T, E>): StudioFeed {
  const studio = useStudio();
  const latestSpec = useLatest(spec);
  const [error, setError] = useState<string | null>(null);
  const run = useRef<FeedRun<T, E> | null>(null);
  const { event, key } = spec;

  useEffect(() => {
    const current = new FeedRun<T, E>(studio, () => latestSpec.current, setError);
    run.current = current;
    const stop = current.start();
    return () => {
      stop();
      if (run.current === current) run.current = null;
    };
  }, [studio, event, key, latestSpec]);

  const reload = useCallback(() => run.current?.read() ?? Promise.resolve(), []);
  const touch = useCallback(() => run.current?.touch(), []);
  return useMemo(() => ({ error, reload, touch }), [error, reload, touch]);
}

export interface StudioValueSpec<E extends EventName> {
  /** The event that carries the whole new value. */
  readonly event: E;
  /** Reads the same value from main. */
  readonly read: (studio: StudioApi) => Promise<Result<PayloadOf<E>>>;
  /** Whether a pushed value (an event, `set`) may replace the one shown; default always. Reads are judged by order alone. */
  readonly supersedes?: (next: PayloadOf<E>, shown: PayloadOf<E>) => boolean;
  /** Sees every value taken, when it is taken (the studio clock samples `now` from it). */
  readonly onValue?: (value: PayloadOf<E>) => void;
  /** Read again when this changes. */
  readonly key?: unknown;
}

export interface StudioValue<T> {
  /** Null until main answered (or for a value that is null itself, such as no active rundown). */
  readonly value: T | null;
  /** The last read's refusal in host words (connection errors are the banner's and are retried). */
  readonly error: string | null;
  /** Takes a newer value, e.g. an action's answer; a read still on its way is then stale. Stable. */
  set(value: T): void;
  /** Reads again (stale answers are still dropped). Stable. */
  reload(): Promise<void>;
  /** The value shown, for callbacks that run between renders. Stable. */
  latest(): T | null;
}

/** A value main owns, kept in React state: read once, replaced by every event, stale reads dropped. */
export function useStudioValue<E extends EventName>(spec: StudioValueSpec<E>): StudioValue<PayloadOf<E>> {
  type T = PayloadOf<E>;
  const latestSpec = useLatest(spec);
  const [value, setValue] = useState<T | null>(null);
  const shown = useRef<{ readonly value: T } | null>(null);

  const take = useCallback(
    (next: T) => {
      shown.current = { value: next };
      setValue(() => next);
      latestSpec.current.onValue?.(next);
    },
    [latestSpec],
  );
  const accepts = useCallback(
    (next: T) => {
      const { supersedes } = latestSpec.current;
      return shown.current === null || supersedes === undefined || supersedes(next, shown.current.value);
    },
    [latestSpec],
  );

  const { error, reload, touch } = useStudioFeed<T, E>({
    event: spec.event,
    read: spec.read,
    key: spec.key,
    onEvent: (payload) => {
      if (!accepts(payload)) return false;
      take(payload);
    },
    onRead: (next, stale) => {
      if (!stale) take(next);
    },
  });

  const set = useCallback(
    (next: T) => {
      if (!accepts(next)) return;
      touch();
      take(next);
    },
    [accepts, touch, take],
  );
  const latest = useCallback(() => shown.current?.value ?? null, []);
  return useMemo(() => ({ value, error, set, reload, latest }), [value, error, set, reload, latest]);
}

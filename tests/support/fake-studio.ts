/**
 * A `window.studio` for renderer tests that the test drives by hand: each
 * call waits until the test answers it (so a read can be made slow on
 * purpose), and the test sends main's events. It implements only the
 * methods and events it is built with; anything else is missing, as it
 * would be for a hook that does not need it.
 */
import type { StudioApi } from '../../src/shared/api/client.js';
import type { EventName, MethodName, OutputOf, PayloadOf } from '../../src/shared/api/contract/index.js';
import type { ApiError, Result } from '../../src/shared/api/result.js';

export interface PendingCall<M extends MethodName> {
  readonly method: M;
  readonly input: unknown;
  answer(value: OutputOf<M>): void;
  fail(error: ApiError): void;
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export const UNAVAILABLE: ApiError = { code: 'unavailable', message: 'The studio is not reachable.' };

export class FakeStudio {
  readonly api: StudioApi;
  private readonly waiting = new Map<MethodName, PendingCall<MethodName>[]>();
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  private readonly made = new Map<MethodName, number>();

  constructor(methods: readonly MethodName[], eventNames: readonly EventName[]) {
    const api: Record<string, unknown> = {};
    for (const method of methods) {
      api[method] = (input?: unknown) =>
        new Promise<Result<unknown>>((resolve) => {
          this.made.set(method, (this.made.get(method) ?? 0) + 1);
          const call: PendingCall<MethodName> = {
            method,
            input,
            answer: (value) => this.settle(call, () => resolve({ ok: true, value })),
            fail: (error) => this.settle(call, () => resolve({ ok: false, error })),
          };
          this.queue(method).push(call);
        });
    }
    for (const name of eventNames) {
      const set = new Set<(payload: unknown) => void>();
      this.listeners.set(name, set);
      api[`on${capitalize(name)}`] = (listener: (payload: unknown) => void) => {
        set.add(listener);
        return () => set.delete(listener);
      };
    }
    this.api = api as unknown as StudioApi;
  }

  /** The calls of `method` not answered yet, oldest first. */
  pending<M extends MethodName>(method: M): readonly PendingCall<M>[] {
    return this.queue(method) as unknown as PendingCall<M>[];
  }

  /** The oldest unanswered call of `method`; throws if there is none. */
  next<M extends MethodName>(method: M): PendingCall<M> {
    const call = this.pending(method)[0];
    if (!call) throw new Error(`No call of ${method} is waiting.`);
    return call;
  }

  /** How many times `method` was called. */
  calls(method: MethodName): number {
    return this.made.get(method) ?? 0;
  }

  /** Main sends `event` to every subscriber. */
  emit<E extends EventName>(event: E, payload: PayloadOf<E>): void {
    const set = this.listeners.get(event);
    if (!set) throw new Error(`FakeStudio was not built with the ${event} event.`);
    for (const listener of [...set]) listener(payload);
  }

  subscribers(event: EventName): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  private queue(method: MethodName): PendingCall<MethodName>[] {
    let list = this.waiting.get(method);
    if (!list) this.waiting.set(method, (list = []));
    return list;
  }

  private settle(call: PendingCall<MethodName>, resolve: () => void): void {
    const list = this.queue(call.method);
    const at = list.indexOf(call);
    if (at < 0) throw new Error(`This call of ${call.method} was answered already.`);
    list.splice(at, 1);
    resolve();
  }
}

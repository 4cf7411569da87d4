import type { z } from 'zod';

/** A request channel: its name on the wire, its input schema, its output type. */
export interface Channel<I extends z.ZodType, O> {
  readonly channel: `studio:${string}`;
  readonly input: I;
  /** Type-only marker for the output; never set at run time. */
  readonly output?: O;
}

/**
 * `defineChannel<Output>()('studio:feature:verb', inputSchema)` — curried so
 * the output type is given explicitly and the input type is inferred.
 */
export const defineChannel =
  <O>() =>
  <I extends z.ZodType>(channel: `studio:${string}`, input: I): Channel<I, O> => ({ channel, input });

/** An event sent from main to every connected UI. */
export interface EventSpec<P> {
  readonly channel: `studio:event:${string}`;
  readonly payload?: P;
}

export const defineEvent = <P>(channel: `studio:event:${string}`): EventSpec<P> => ({ channel });

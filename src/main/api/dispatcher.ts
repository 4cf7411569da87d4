import type { z } from 'zod';
import {
  channelToMethod,
  contract,
  type MethodName,
  type OutputOf,
  type ParsedInputOf,
} from '../../shared/api/contract/index.js';
import { fail, ok, StudioError, type Result } from '../../shared/api/result.js';

/** Who is calling: the desktop window over IPC, or a browser over the control server. */
export interface CallContext {
  readonly transport: 'ipc' | 'control';
  readonly clientId: string;
}

/** One handler per channel; the type does not compile until all exist. */
export type Handlers = {
  [K in MethodName]: (input: ParsedInputOf<K>, context: CallContext) => OutputOf<K> | Promise<OutputOf<K>>;
};

export type Dispatch = (channel: string, rawInput: unknown, context: CallContext) => Promise<Result<unknown>>;

/** Turns zod issues into one sentence, naming the field when the message does not. */
export function describeInputError(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.map(String).join('.');
    return where && !issue.message.toLowerCase().includes(where.split('.').pop()!.toLowerCase())
      ? `${where}: ${issue.message}`
      : issue.message;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more problems)` : '';
  return parts.join(' ') + more;
}

export interface DispatcherOptions {
  readonly log?: (message: string, error: unknown) => void;
}

/**
 * The single entry point both transports call. Unknown channels and invalid
 * input are answered with an error and never reach a handler.
 */
export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatch {
  const log = options.log ?? ((message, error) => console.error(message, error));
  return async (channel, rawInput, context) => {
    const method = channelToMethod.get(channel);
    if (!method) return fail('unknown-channel', `The studio does not know the request "${String(channel).slice(0, 80)}".`);
    const parsed = contract[method].input.safeParse(rawInput);
    if (!parsed.success) return fail('invalid-input', describeInputError(parsed.error));
    const handler = handlers[method] as (input: unknown, ctx: CallContext) => unknown;
    try {
      return ok(await handler(parsed.data, context));
    } catch (error) {
      if (error instanceof StudioError) return fail(error.code, error.message);
      log(`Request ${channel} failed`, error);
      return fail('internal', 'Something went wrong inside the studio. Details are in the log; nothing was changed.');
    }
  };
}

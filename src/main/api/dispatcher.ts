import type { z } from 'zod';
import {
  channelToMethod,
  contract,
  type MethodName,
  type OutputOf,
  type ParsedInputOf,
} from '../../shared/api/contract/index.js';
import { mayCall, type Role, type RolePolicy } from '../../shared/api/contract/roles.js';
import { fail, ok, StudioError, type Result } from '../../shared/api/result.js';

/**
 * Who is calling: the desktop window over IPC (the host), or a browser over
 * the control server with the role of the link it signed in with.
 */
export type CallContext =
  | { readonly transport: 'ipc'; readonly clientId: string }
  | {
      readonly transport: 'control';
      readonly clientId: string;
      readonly role: Role;
      /** The browser's address as this server sees it ("Live from a browser at 192.168.1.20"). */
      readonly address?: string;
    };

/** The desktop window is the host; a control-server client is what its link says. */
export const roleOf = (context: CallContext): Role => (context.transport === 'ipc' ? 'host' : context.role);

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
  /** What the host allows the team (read on every call); default: producers may not go live. */
  readonly policy?: () => RolePolicy;
}

const STRICT_POLICY: RolePolicy = { producersMayGoLive: false };

/**
 * The single entry point both transports call. Unknown channels, calls the
 * caller's role may not make (src/shared/api/contract/roles.ts) and invalid
 * input are answered with an error and never reach a handler.
 */
export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatch {
  const log = options.log ?? ((message, error) => console.error(message, error));
  return async (channel, rawInput, context) => {
    const method = channelToMethod.get(channel);
    if (!method) return fail('unknown-channel', `The studio does not know the request "${String(channel).slice(0, 80)}".`);
    const allowed = mayCall(roleOf(context), method, (options.policy ?? (() => STRICT_POLICY))());
    if (!allowed.ok) return fail('forbidden', allowed.message);
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

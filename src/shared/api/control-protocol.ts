import { z } from 'zod';
import type { Result } from './result.js';
import type { Role } from './contract/roles.js';

/**
 * The control server's WebSocket protocol (path `/api`). JSON text frames.
 *
 *   client -> { type: 'auth', token }                 first frame, within 10 s
 *   server -> { type: 'auth-ok', role } | { type: 'auth-error', message } (then close 4401)
 *             role: what the link opens (host, producer, moderator; src/shared/api/contract/roles.ts)
 *   client -> { type: 'request', id, channel, input }
 *   server -> { type: 'response', id, result }        result is a Result<T>
 *   server -> { type: 'event', channel, payload }     after auth only
 *   server -> { type: 'error', message }              malformed frame; nothing ran
 */
export const CONTROL_API_PATH = '/api';
export const CLOSE_UNAUTHORIZED = 4401;
/** The link was replaced by the host, or expired, while connected. */
export const CLOSE_TOKEN_REPLACED = 4403;

export const controlClientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auth'), token: z.string().max(256) }).strict(),
  z
    .object({
      type: z.literal('request'),
      id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
      channel: z.string().max(200),
      input: z.unknown().optional(),
    })
    .strict(),
]);

export type ControlClientMessage = z.infer<typeof controlClientMessageSchema>;

export type ControlServerMessage =
  | { readonly type: 'auth-ok'; readonly role: Role }
  | { readonly type: 'auth-error'; readonly message: string }
  | { readonly type: 'response'; readonly id: number; readonly result: Result<unknown> }
  | { readonly type: 'event'; readonly channel: string; readonly payload: unknown }
  | { readonly type: 'error'; readonly message: string };

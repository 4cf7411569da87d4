/**
 * The shape every API call returns over both transports (Electron IPC and the
 * control server). Errors carry a code for programs and a message for hosts.
 */
export type ErrorCode =
  | 'invalid-input'
  | 'unauthorized'
  /** The caller's role may not do this (a producer or moderator link). */
  | 'forbidden'
  | 'unknown-channel'
  | 'not-found'
  | 'conflict'
  | 'unavailable'
  | 'internal';

export interface ApiError {
  readonly code: ErrorCode;
  /** A sentence a host understands; shown in the UI as is. */
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });

/**
 * Thrown by handlers for errors a host can act on. The dispatcher turns it
 * into `{ ok: false, error }`; any other exception becomes an `internal` error
 * with a generic message (the details go to the log, not to the UI).
 */
export class StudioError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StudioError';
  }
}

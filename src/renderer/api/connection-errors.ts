import type { ApiError } from '../../shared/api/result.js';

/**
 * Errors about the link to the studio rather than the request itself. The
 * connection banner already tells the producer about them, so panels do not
 * repeat them; they load again once the studio answers.
 */
export function isConnectionError(error: ApiError): boolean {
  return error.code === 'unavailable' || error.code === 'unauthorized';
}

/** How long a panel waits before asking again after a connection error. */
export const RELOAD_AFTER_CONNECTION_ERROR_MS = 3000;

import { OBSWebSocketError } from 'obs-websocket-js/json';

/** obs-websocket close codes the host can do something about (protocol 5.x). */
const AUTHENTICATION_FAILED = 4009;
const UNSUPPORTED_RPC_VERSION = 4010;

/** Where the host turns the server on, said the same way everywhere. */
export const OBS_ENABLE_HINT = 'in OBS, open Tools → WebSocket Server Settings and enable it';

export function isAuthFailure(error: unknown): boolean {
  return error instanceof OBSWebSocketError && error.code === AUTHENTICATION_FAILED;
}

/** Turns a failed connect into a sentence a host can act on. */
export function connectFailureMessage(error: unknown, address: string): string {
  const where = address.replace(/^wss?:\/\//i, '').replace(/\/$/, '');
  if (isAuthFailure(error)) {
    return 'OBS refused the password. In OBS, open Tools → WebSocket Server Settings → Show Connect Info and copy the password.';
  }
  if (error instanceof OBSWebSocketError && error.code === UNSUPPORTED_RPC_VERSION) {
    return 'This OBS is too old: the studio needs OBS 28 or newer (obs-websocket 5).';
  }
  return `OBS is not running at ${where} — ${OBS_ENABLE_HINT}.`;
}

/** A failed request, for errors thrown back to the UI. */
export function requestFailureMessage(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  if (/not connected/i.test(detail)) return 'OBS is not connected.';
  return `OBS said: ${detail}`;
}

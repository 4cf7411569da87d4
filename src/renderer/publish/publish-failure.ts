import { SignalRequestError, type SignalFailureCode } from '../../shared/sfu/signal-requests.js';
import { sfuFailureMessage, UNREACHABLE_HINT } from './host-messages.js';

/** Runs in the renderer: classifies why a publish attempt failed. */

export interface AttemptFailure {
  /** In host words. */
  readonly message: string;
  /** Retrying cannot help (wrong token, a browser without WebRTC): stop and show the error. */
  readonly fatal: boolean;
  /** What to check, for the error shown when the show could not start at all. */
  readonly hint?: string;
}

/** An error whose message is already in host words (e.g. main's answer to getPublishTicket). */
export class HostFacingError extends Error {
  constructor(
    message: string,
    readonly fatal = false,
  ) {
    super(message);
    this.name = 'HostFacingError';
  }
}

/** Codes that mean the setup is wrong, not the network: the same request would fail again. */
const FATAL_CODES: ReadonlySet<SignalFailureCode> = new Set(['unauthorized', 'forbidden', 'invalid-message', 'media-rejected']);

export function failureOf(error: unknown, signalUrl: string): AttemptFailure {
  if (error instanceof HostFacingError) return { message: error.message, fatal: error.fatal };
  if (error instanceof SignalRequestError) {
    const unreachable = error.code === 'disconnected' || error.code === 'timeout';
    return {
      message: sfuFailureMessage(error.code, signalUrl, error.message),
      fatal: FATAL_CODES.has(error.code),
      ...(unreachable ? { hint: UNREACHABLE_HINT } : {}),
    };
  }
  const name = (error as Error | undefined)?.name ?? '';
  if (name === 'UnsupportedError') {
    return { message: 'This browser cannot send live video (WebRTC is missing or switched off).', fatal: true };
  }
  // InvalidStateError and friends: a transport closed under a pending step. A clean rejoin sorts it out.
  console.warn('Publishing step failed', error);
  return { message: `The connection to the streaming server was interrupted (${(error as Error)?.message ?? 'unknown error'}).`, fatal: false };
}

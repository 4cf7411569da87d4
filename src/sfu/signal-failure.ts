import type { SignalErrorCode } from '../shared/sfu/protocol-constants.js';

/**
 * A request the SFU refuses. Thrown by request handlers before they change
 * anything; the signaling server turns it into an `error` reply. Any other
 * exception becomes `internal` with a generic message (details in the log).
 */
export class SignalFailure extends Error {
  constructor(
    readonly code: SignalErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SignalFailure';
  }
}

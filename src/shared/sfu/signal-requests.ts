import type { SignalErrorCode } from './protocol-constants.js';
import type { SignalPush, SignalReplyData, SignalRequestInput, SignalRequestType, SignalServerMessage } from './protocol.js';

/**
 * Matches SFU replies to requests for a client (the viewer page, the studio's
 * publisher). It owns no socket: the caller hands it a `send` function and
 * feeds it every received frame, so the same code serves a browser
 * WebSocket, Node's `ws` or a test double. Pure TS: no DOM, no Node.
 */

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type SignalRequestBody<T extends SignalRequestType> = DistributiveOmit<
  Extract<SignalRequestInput, { type: T }>,
  'requestId'
>;

export type SignalFailureCode = SignalErrorCode | 'timeout' | 'disconnected';

/** A request the SFU refused (code from the error reply) or that never got an answer. */
export class SignalRequestError extends Error {
  constructor(
    readonly code: SignalFailureCode,
    message: string,
  ) {
    super(message);
    this.name = 'SignalRequestError';
  }
}

export interface SignalRequestsOptions {
  readonly send: (text: string) => void;
  /** `setTimeout` without depending on DOM or Node typings; returns a cancel function. */
  readonly schedule: (callback: () => void, ms: number) => () => void;
  readonly timeoutMs?: number;
}

interface Pending {
  readonly resolve: (data: unknown) => void;
  readonly reject: (error: SignalRequestError) => void;
  readonly cancelTimeout: () => void;
}

export class SignalRequests {
  private nextRequestId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly timeoutMs: number;

  constructor(private readonly options: SignalRequestsOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  request<T extends SignalRequestType>(body: SignalRequestBody<T> & { readonly type: T }): Promise<SignalReplyData[T]> {
    const requestId = this.nextRequestId++;
    return new Promise<SignalReplyData[T]>((resolve, reject) => {
      const cancelTimeout = this.options.schedule(() => {
        this.pending.delete(requestId);
        reject(new SignalRequestError('timeout', `The SFU did not answer "${body.type}" in time.`));
      }, this.timeoutMs);
      this.pending.set(requestId, { resolve: resolve as (data: unknown) => void, reject, cancelTimeout });
      try {
        this.options.send(JSON.stringify({ ...body, requestId }));
      } catch {
        this.settle(requestId)?.reject(new SignalRequestError('disconnected', 'The connection to the SFU is closed.'));
      }
    });
  }

  /**
   * Feed every frame received from the SFU. Replies and errors settle their
   * request; a push is returned for the caller to act on.
   */
  receive(text: string): SignalPush | undefined {
    let message: SignalServerMessage;
    try {
      message = JSON.parse(text) as SignalServerMessage;
    } catch {
      return undefined;
    }
    if (message.type === 'reply') {
      this.settle(message.requestId)?.resolve(message.data);
      return undefined;
    }
    if (message.type === 'error') {
      const pending = message.requestId === undefined ? undefined : this.settle(message.requestId);
      pending?.reject(new SignalRequestError(message.code, message.message));
      return undefined;
    }
    return message;
  }

  /** Rejects every outstanding request (call it when the socket closes). */
  failAll(message = 'The connection to the SFU closed.'): void {
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(new SignalRequestError('disconnected', message));
  }

  private settle(requestId: number): Pending | undefined {
    const pending = this.pending.get(requestId);
    if (!pending) return undefined;
    this.pending.delete(requestId);
    pending.cancelTimeout();
    return pending;
  }
}

import { expect } from 'vitest';
import { SignalRequestError } from '../../src/shared/sfu/signal-requests.js';

/** The SFU's refusal of a request (fails the test when the request succeeds or fails otherwise). */
export async function refusal(promise: Promise<unknown>): Promise<SignalRequestError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SignalRequestError);
  return error as SignalRequestError;
}

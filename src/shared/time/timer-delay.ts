/** setTimeout's limit (about 24.8 days): a longer delay fires at once in every runtime. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The delay to give setTimeout for something due at `at` (epoch ms): never
 * negative, never past the limit. A timer for something further away than
 * that fires early; its handler checks the time and arms again.
 */
export function timerDelay(at: number, now: number): number {
  return Math.min(MAX_TIMER_MS, Math.max(0, at - now));
}

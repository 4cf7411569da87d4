/**
 * Runs in the viewer's browser (pure: no DOM). How long the watch page waits
 * before reconnecting after its connection to the SFU dropped.
 *
 * Quick at first: a studio that crashed and restarted brings its built-in
 * SFU back within seconds, and a viewer should be there when the host
 * publishes again (a show with no room yet is then waited for on the open
 * connection: `waitForShow`). Then every few seconds, not more rarely: the
 * show is live money and its viewers are waiting. Each delay is spread
 * ±25% so that a crowd cut off by the same outage does not knock at the
 * same instant when the server is back.
 */

/** Before the 1st, 2nd, 3rd… try; the last one repeats. */
export const RECONNECT_STEPS_MS: readonly number[] = [250, 500, 1000, 2000, 3000];

const JITTER = 0.25;

/** The wait before reconnect try number `attempt` (0: the first after the drop); `random` in [0, 1). */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const last = RECONNECT_STEPS_MS.length - 1;
  const step = RECONNECT_STEPS_MS[Number.isFinite(attempt) ? Math.min(Math.max(0, Math.floor(attempt)), last) : last]!;
  return Math.round(step * (1 - JITTER + 2 * JITTER * random()));
}

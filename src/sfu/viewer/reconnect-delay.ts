/**
 * Runs in the viewer's browser. How long the watch page waits before
 * reconnecting after its connection to the SFU dropped, as policies of the
 * studio's one backoff (`src/shared/time/backoff.ts`).
 *
 * Quick at first: a studio that crashed and restarted brings its built-in
 * SFU back within seconds, and a viewer should be there when the host
 * publishes again (a show with no room yet is then waited for on the open
 * connection: `waitForShow`). Then every few seconds, not more rarely: the
 * show is live money and its viewers are waiting. Each delay is shortened
 * at random by up to half, so that a crowd cut off by the same outage does
 * not knock at the same instant when the server is back.
 */
import type { BackoffPolicy } from '../../shared/time/backoff.js';

/** 250 ms, 500 ms, 1 s, 2 s, then every 3 s (each up to half shorter). */
export const RECONNECT: BackoffPolicy = { firstMs: 250, maxMs: 3_000, jitter: 0.5 };

/** The socket closed after the show ended (the SFU shut down): check back rarely in case the host resumes it. */
export const AFTER_SHOW_ENDED: BackoffPolicy = { firstMs: 30_000, maxMs: 30_000, jitter: 0.3 };

/**
 * The compositor's frame clock (a dedicated worker). Timers in a hidden
 * window are throttled to once a second and requestAnimationFrame stops,
 * which would freeze the show when the host switches to another app; a
 * worker's setInterval keeps its rate. Posts each tick's time (ms since the
 * epoch, sub-millisecond: `performance.timeOrigin + performance.now()`, on
 * the same scale as the page's); receives the interval in ms (0 stops it).
 * The page drops a tick that is over a period old (FrameClock): it was
 * queued behind a slow frame and a newer one follows.
 */
let timer: ReturnType<typeof setInterval> | undefined;
self.onmessage = (event: MessageEvent<number>) => {
  if (timer !== undefined) clearInterval(timer);
  timer = event.data > 0 ? setInterval(() => self.postMessage(performance.timeOrigin + performance.now()), event.data) : undefined;
};

// A module (the page starts it with type: module; the test imports it).
export {};

/**
 * The compositor's frame clock (a dedicated worker). Timers in a hidden
 * window are throttled to once a second and requestAnimationFrame stops,
 * which would freeze the show when the host switches to another app; a
 * worker's setInterval keeps its rate. Posts 'tick'; receives the interval
 * in ms (0 stops it).
 */
let timer: ReturnType<typeof setInterval> | undefined;
self.onmessage = (event: MessageEvent<number>) => {
  if (timer !== undefined) clearInterval(timer);
  timer = event.data > 0 ? setInterval(() => self.postMessage('tick'), event.data) : undefined;
};

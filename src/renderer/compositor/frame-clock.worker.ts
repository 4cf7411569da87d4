/**
 * The compositor's frame clock (a dedicated worker). Timers in a hidden
 * window are throttled to once a second and requestAnimationFrame stops,
 * which would freeze the show when the host switches to another app; a
 * worker's setInterval keeps its rate. Posts 'tick'; receives the interval
 * in ms (0 stops it), and 'done' when the page has drawn the last tick.
 *
 * At most one tick is outstanding: while the page has not said 'done', the
 * interval's ticks are skipped, not queued. A page slower than the clock
 * (a loaded 2-core machine: four video streams, two outputs) then draws as
 * often as it can and still has time to lay out, paint and take input;
 * queued ticks would fill its main thread for good and the studio would
 * stop answering the host.
 */
let timer: ReturnType<typeof setInterval> | undefined;
let outstanding = false;
self.onmessage = (event: MessageEvent<number | 'done'>) => {
  if (event.data === 'done') {
    outstanding = false;
    return;
  }
  if (timer !== undefined) clearInterval(timer);
  outstanding = false;
  timer =
    event.data > 0
      ? setInterval(() => {
          if (outstanding) return;
          outstanding = true;
          self.postMessage('tick');
        }, event.data)
      : undefined;
};

// A module (the page starts it with type: module; the test imports it).
export {};

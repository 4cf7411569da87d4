/**
 * Where the studio's log lines go through the repeated-line limit
 * (src/shared/log/repeated-lines.ts). The studio's modules log with
 * console.warn / console.error; the process entries (`studio web`,
 * `studio sfu`, the Electron main process) install this once, so a flood of
 * bad requests is summarized instead of filling the disk, whichever module
 * complains. The SFU's own log (src/sfu/sfu-log.ts) uses the same limiter.
 */
import { formatWithOptions } from 'node:util';
import { RepeatedLineLimiter, type RepeatedLinesOptions } from '../../shared/log/repeated-lines.js';

type ConsoleMethod = 'log' | 'info' | 'warn' | 'error';
const METHODS: readonly ConsoleMethod[] = ['log', 'info', 'warn', 'error'];

/**
 * A limiter that writes through `write`, with an unref'd timer that writes
 * the summaries once a window ends even if no further line comes. Returns
 * it and a function stopping the timer.
 */
export function startRepeatedLineLimiter(
  write: (line: string) => void,
  options: RepeatedLinesOptions = {},
): { limiter: RepeatedLineLimiter; stop: () => void } {
  const limiter = new RepeatedLineLimiter(write, options);
  const timer = setInterval(() => limiter.flush(), Math.min(options.windowMs ?? 60_000, 60_000));
  timer.unref();
  return { limiter, stop: () => clearInterval(timer) };
}

/** Puts console.log/info/warn/error behind one limiter; returns a function that restores them. */
export function limitRepeatedConsoleLines(
  target: Pick<Console, ConsoleMethod> = console,
  options: RepeatedLinesOptions = {},
): () => void {
  const originals = new Map(METHODS.map((m) => [m, target[m]] as const));
  const warn = originals.get('warn')!.bind(target);
  const { limiter, stop } = startRepeatedLineLimiter(warn, options);
  for (const method of METHODS) {
    const original = originals.get(method)!.bind(target);
    target[method] = (...args: unknown[]) => limiter.line(formatWithOptions({ colors: false }, ...args), original);
  }
  return () => {
    stop();
    limiter.flush();
    for (const [method, original] of originals) target[method] = original;
  };
}

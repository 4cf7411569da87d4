import { RepeatedLineLimiter, type RepeatedLinesOptions } from '../shared/log/repeated-lines.js';
import type { SfuOptions } from './sfu-options.js';

export interface SfuLog {
  debug(message: string, details?: unknown): void;
  info(message: string, details?: unknown): void;
  warn(message: string, details?: unknown): void;
  error(message: string, details?: unknown): void;
}

const LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

/**
 * Log lines on stderr, so stdout stays for what the CLI prints for people
 * (URLs). One line each with an ISO time: easy to grep on a server. A line
 * repeated over and over (a flood of bad requests) is summarized instead of
 * written each time (src/shared/log/repeated-lines.ts).
 */
export function createSfuLog(
  level: SfuOptions['logLevel'],
  output: (text: string) => void = (text) => process.stderr.write(text),
  limits: RepeatedLinesOptions = {},
): SfuLog {
  const threshold = LEVELS.indexOf(level);
  const limiter = new RepeatedLineLimiter((line) => output(`${new Date().toISOString()} ${line}\n`), limits);
  // The summary of a flood that has stopped is written within a minute (unref'd: it never keeps the process up).
  setInterval(() => limiter.flush(), Math.min(limits.windowMs ?? 60_000, 60_000)).unref();
  const write = (at: (typeof LEVELS)[number]) => (message: string, details?: unknown) => {
    if (LEVELS.indexOf(at) < threshold) return;
    const suffix = details === undefined ? '' : ` ${details instanceof Error ? details.message : JSON.stringify(details)}`;
    limiter.line(`sfu ${at}: ${message}${suffix}`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

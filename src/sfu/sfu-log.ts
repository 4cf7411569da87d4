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
 * (URLs). One line each with an ISO time: easy to grep on a server.
 */
export function createSfuLog(level: SfuOptions['logLevel']): SfuLog {
  const threshold = LEVELS.indexOf(level);
  const write = (at: (typeof LEVELS)[number]) => (message: string, details?: unknown) => {
    if (LEVELS.indexOf(at) < threshold) return;
    const suffix = details === undefined ? '' : ` ${details instanceof Error ? details.message : JSON.stringify(details)}`;
    process.stderr.write(`${new Date().toISOString()} sfu ${at}: ${message}${suffix}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

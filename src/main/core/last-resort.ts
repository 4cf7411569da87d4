import { inspect } from 'node:util';

/**
 * The last line of defence of a process that runs a show (`studio web`,
 * `studio sfu`, the Electron main process). Every socket and server has its
 * own 'error' listener; this catches what still slips through, so one
 * missed listener does not end a live show for the host and every viewer.
 *
 * It logs each error with its stack and keeps running. A burst of uncaught
 * exceptions means something is broken in a loop rather than one bad event:
 * then it says so and exits, as Node would have.
 *
 * Install it once the show is running: during start-up an error must still
 * stop the process with its exit code.
 */
export interface LastResortOptions {
  /** Who speaks in the log: 'studio', 'sfu'. */
  readonly name: string;
  readonly log?: (text: string) => void;
  readonly exit?: (code: number) => void;
  /** The process (tests pass an EventEmitter). */
  readonly target?: Pick<NodeJS.Process, 'on' | 'off'>;
  readonly now?: () => number;
}

/** More uncaught exceptions than this within BURST_WINDOW_MS stop the process. */
export const MAX_UNCAUGHT_IN_BURST = 10;
export const BURST_WINDOW_MS = 60_000;

const describe = (error: unknown): string => (error instanceof Error ? inspect(error) : `A non-error value was thrown: ${inspect(error)}`);

/** Installs the handlers; returns a function that removes them (at shutdown). */
export function installLastResortHandlers(options: LastResortOptions): () => void {
  const log = options.log ?? ((text: string) => console.error(text));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const target = options.target ?? process;
  const now = options.now ?? Date.now;
  const recent: number[] = [];

  const onUncaught = (error: unknown) => {
    const at = now();
    recent.push(at);
    while (recent.length > 0 && recent[0]! <= at - BURST_WINDOW_MS) recent.shift();
    if (recent.length > MAX_UNCAUGHT_IN_BURST) {
      log(
        `[${options.name}] ${recent.length} unexpected errors within a minute: something is broken, so the ${options.name} stops now. ` +
          `Start it again; if this repeats, report the errors above. The last one:\n${describe(error)}`,
      );
      exit(1);
      return;
    }
    log(`[${options.name}] An unexpected error was caught; the ${options.name} keeps running. Please report it:\n${describe(error)}`);
  };
  const onRejection = (reason: unknown) => {
    log(`[${options.name}] A background task failed unexpectedly; the ${options.name} keeps running. Please report it:\n${describe(reason)}`);
  };

  target.on('uncaughtException', onUncaught);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onUncaught);
    target.off('unhandledRejection', onRejection);
  };
}

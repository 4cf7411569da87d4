/** A `studio` sub-command. `run` returns the process exit code. */
export interface CliCommand {
  readonly summary: string;
  readonly usage: string;
  run(args: string[]): Promise<number>;
}

/** Thrown for bad command-line use; printed without a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

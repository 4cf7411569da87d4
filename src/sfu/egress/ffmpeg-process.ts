import { spawn, type ChildProcess } from 'node:child_process';

/** Every ffmpeg this process started and that has not exited yet. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** ffmpeg must never outlive the SFU: whatever way Node exits, the ones still running are killed. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) {
      try {
        child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    }
  });
}

export interface FfmpegExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** ffmpeg could not be started at all (not found, not executable). */
  readonly spawnError: NodeJS.ErrnoException | null;
}

/**
 * One ffmpeg process: its pipes, the tail of what it said on stderr (for
 * the reason it ended), and a stop that always ends it (a polite 'q' or
 * SIGTERM first, SIGKILL if it lingers).
 */
export class FfmpegProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<FfmpegExit>;
  private stderrTail = '';
  private hasExited = false;

  constructor(ffmpegPath: string, args: readonly string[], extraPipes: number) {
    installExitHook();
    const stdio: ('pipe' | 'ignore')[] = ['pipe', 'pipe', 'pipe'];
    for (let i = 0; i < extraPipes; i++) stdio.push('pipe');
    this.child = spawn(ffmpegPath, [...args], { stdio, windowsHide: true });
    running.add(this.child);
    // A pipe whose other end closed (the process died) must not become an uncaught error.
    for (const stream of this.child.stdio) stream?.on('error', () => undefined);
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-8192);
    });
    this.exited = new Promise((resolve) => {
      let spawnError: NodeJS.ErrnoException | null = null;
      this.child.once('error', (error: NodeJS.ErrnoException) => {
        spawnError = error;
        // No 'exit' follows a failed spawn.
        if (this.child.pid === undefined) this.finish(resolve, { code: null, signal: null, spawnError });
      });
      this.child.once('close', (code, signal) => this.finish(resolve, { code, signal, spawnError }));
    });
  }

  get pid(): number | null {
    return this.hasExited ? null : (this.child.pid ?? null);
  }

  get running(): boolean {
    return !this.hasExited;
  }

  /** The last few KB ffmpeg wrote on stderr. */
  get messages(): string {
    return this.stderrTail;
  }

  /**
   * Ends the process; resolves once it is gone. ffmpeg finishes its output
   * on the first SIGTERM but only notices it between packets; a second one
   * interrupts a read that waits for input (RTP that stopped), and SIGKILL
   * ends whatever is left.
   */
  async stop(graceMs = 2000): Promise<void> {
    if (this.hasExited) return;
    this.child.kill('SIGTERM');
    const again = setTimeout(() => {
      if (!this.hasExited) this.child.kill('SIGTERM');
    }, 250);
    const timer = setTimeout(() => {
      if (!this.hasExited) this.child.kill('SIGKILL');
    }, graceMs);
    await this.exited;
    clearTimeout(again);
    clearTimeout(timer);
  }

  private finish(resolve: (exit: FfmpegExit) => void, exit: FfmpegExit): void {
    if (this.hasExited) return;
    this.hasExited = true;
    running.delete(this.child);
    resolve(exit);
  }
}

/** Why ffmpeg could not start, in words a host understands; null when it started. */
export function spawnFailure(ffmpegPath: string, exit: FfmpegExit): string | null {
  const error = exit.spawnError;
  if (!error) return null;
  if (error.code === 'ENOENT') {
    return `ffmpeg was not found at "${ffmpegPath}"; install ffmpeg or set its path (in the studio: Settings → Recording; on a server: studio sfu --ffmpeg PATH, or LSS_FFMPEG).`;
  }
  if (error.code === 'EACCES') return `ffmpeg at "${ffmpegPath}" cannot be run (permission denied); check its path and permissions.`;
  return `ffmpeg at "${ffmpegPath}" could not be started: ${error.message}`;
}

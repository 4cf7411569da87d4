import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { FfmpegCheck } from '../../shared/domain/recording.js';

/**
 * Running ffmpeg and ffprobe (the paths come from Settings → Recording,
 * `ffmpegPath`; ffprobe is looked for beside ffmpeg). Every process started
 * here is killed when its owner stops (`ToolRunner.close()`) and when this
 * process exits, so none outlives the studio or a test.
 */

export interface ToolResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The program could not be started at all (not found, not executable). */
export class ToolMissingError extends Error {
  constructor(
    readonly tool: string,
    readonly reason: 'missing' | 'not-executable',
  ) {
    super(`${tool}: ${reason}`);
    this.name = 'ToolMissingError';
  }
}

/** The last lines ffmpeg wrote, kept while it runs (its log can be long). */
const KEEP_OUTPUT = 16 * 1024;

const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function killAllOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

export class ToolRunner {
  private readonly children = new Set<ChildProcess>();
  private closed = false;

  /** Runs a program to its end (or `timeoutMs`, then it is killed). Throws ToolMissingError when it cannot start. */
  run(program: string, args: readonly string[], options: { timeoutMs?: number } = {}): Promise<ToolResult> {
    if (this.closed) return Promise.reject(new Error('The studio is closing.'));
    killAllOnExit();
    return new Promise<ToolResult>((resolve, reject) => {
      const child = spawn(program, [...args], { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
      this.children.add(child);
      running.add(child);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout = (stdout + d.toString()).slice(-KEEP_OUTPUT)));
      child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-KEEP_OUTPUT)));
      const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : null;
      const done = () => {
        if (timer) clearTimeout(timer);
        this.children.delete(child);
        running.delete(child);
      };
      child.once('error', (error: NodeJS.ErrnoException) => {
        done();
        if (error.code === 'ENOENT') reject(new ToolMissingError(program, 'missing'));
        else if (error.code === 'EACCES') reject(new ToolMissingError(program, 'not-executable'));
        else reject(error);
      });
      child.once('close', (code) => {
        done();
        resolve({ code, stdout, stderr });
      });
    });
  }

  /** Kills whatever still runs; later runs are refused. */
  close(): void {
    this.closed = true;
    for (const child of this.children) child.kill('SIGKILL');
  }
}

/** ffprobe beside ffmpeg: "/opt/ff/bin/ffmpeg" → "/opt/ff/bin/ffprobe", "ffmpeg" → "ffprobe" (the PATH), keeping ".exe". */
export function ffprobePathFor(ffmpegPath: string): string {
  const sep = ffmpegPath.includes('\\') && !ffmpegPath.includes('/') ? path.win32 : path.posix;
  const dir = sep.dirname(ffmpegPath);
  const exe = /\.exe$/i.test(ffmpegPath) ? '.exe' : '';
  const name = `ffprobe${exe}`;
  return dir === '.' && !ffmpegPath.startsWith('.') ? name : sep.join(dir, name);
}

const INSTALL_HINT =
  'Install ffmpeg (Debian/Ubuntu: sudo apt install ffmpeg; macOS: brew install ffmpeg; Windows: an ffmpeg build from ffmpeg.org) or type the full path to the program in Settings → Recording.';

/** The host's sentence for a program that could not be started. */
export function missingToolMessage(error: ToolMissingError): string {
  const what = path.basename(error.tool).replace(/\.exe$/i, '');
  return error.reason === 'missing'
    ? `${what} was not found (“${error.tool}”). ${INSTALL_HINT}`
    : `${what} (“${error.tool}”) is not a program this computer can run. ${INSTALL_HINT}`;
}

/** "ffmpeg version 5.1.9-0+deb12u1 Copyright…" → "5.1.9"; null when the first line says nothing of the kind. */
export function parseToolVersion(output: string): string | null {
  const match = /^\s*ff(?:mpeg|probe) version (?:n)?([0-9][\w.]*)/m.exec(output);
  return match ? match[1]! : null;
}

/** Is ffmpeg (and ffprobe beside it) there and runnable? */
export async function checkFfmpeg(runner: ToolRunner, ffmpegPath: string): Promise<FfmpegCheck> {
  const versions: string[] = [];
  for (const tool of [ffmpegPath, ffprobePathFor(ffmpegPath)]) {
    const refused = (message: string): FfmpegCheck => ({ ok: false, path: ffmpegPath, version: null, message });
    try {
      const result = await runner.run(tool, ['-version'], { timeoutMs: 15_000 });
      const version = result.code === 0 ? parseToolVersion(result.stdout) : null;
      if (version === null) return refused(`“${tool}” did not answer like ffmpeg does. ${INSTALL_HINT}`);
      versions.push(version);
    } catch (error) {
      if (error instanceof ToolMissingError) return refused(missingToolMessage(error));
      return refused(`“${tool}” could not be started: ${(error as Error).message}`);
    }
  }
  return { ok: true, path: ffmpegPath, version: `ffmpeg ${versions[0]!}`, message: null };
}

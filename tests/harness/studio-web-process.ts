/**
 * The real `studio web` process (what `npm run web` runs after building the
 * UI), started on free ports, with the addresses it printed. For tests that
 * must see the process itself: that it keeps running, what it logs. A
 * harness: no vitest here.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface StudioWebProcess {
  /** The producer console, e.g. http://127.0.0.1:41234 */
  readonly origin: string;
  readonly token: string;
  /** The first watch link of the built-in SFU. */
  readonly watchUrl: string;
  /** ws://host:port/signal of the built-in SFU. */
  readonly signalUrl: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** The exit code once the process ended; null while it runs. */
  exitCode(): number | null;
  /** Resolves when the process has ended. */
  readonly exited: Promise<void>;
  /** SIGTERM, wait for the exit, remove the data folder. */
  stop(): Promise<void>;
}

export async function startStudioWebProcess(extraArgs: readonly string[] = []): Promise<StudioWebProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-web-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'src/main/web.ts'), '--data-dir', dataDir, '--port', '0', '--sfu-port', '0', '--no-demo', ...extraArgs],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const cleanUp = () => fs.rmSync(dataDir, { recursive: true, force: true });
  let open: URL;
  let watch: URL;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`studio web did not start in 60 s:\n${output}`)), 60_000);
      child.stdout.on('data', () => {
        if (/Stop:/.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`studio web exited with ${child.exitCode}:\n${output}`));
      });
    });
    open = new URL(/Open:\s+(\S+)/.exec(output)![1]!);
    const watchUrl = /Watch:\s+(http\S+)/.exec(output)?.[1];
    if (!watchUrl) throw new Error(`studio web printed no watch link:\n${output}`);
    watch = new URL(watchUrl);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    cleanUp();
    throw error;
  }
  return {
    origin: open.origin,
    token: open.searchParams.get('token')!,
    watchUrl: watch.href,
    signalUrl: `ws://${watch.host}/signal`,
    output: () => output,
    exitCode: () => child.exitCode,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      cleanUp();
    },
  };
}

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';

export const repoRoot = path.resolve(import.meta.dirname, '..');

export interface RunningStudio {
  /** The producer link printed by `studio web`, token included. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly dataDir: string;
  /** The studio's process (its children: the built-in SFU's mediasoup worker, multistream's ffmpeg). */
  readonly pid: number;
  /** Everything the process printed so far. */
  output(): string;
}

/**
 * Starts the real headless studio (`tsx src/main/web.ts`) — the same thing
 * `npm run web` runs after building the UI — and reads its URL from stdout.
 */
export async function startStudio(
  extraArgs: string[] = [],
  /** `env`: more environment for the studio process (e.g. NODE_EXTRA_CA_CERTS for a test's https server). */
  options: { demo?: boolean; dataDir?: string; env?: Readonly<Record<string, string>> } = {},
): Promise<{ studio: RunningStudio; stop: () => Promise<void>; kill: () => Promise<void> }> {
  // A given data folder is the caller's (a restart on the same data); stop() leaves it in place.
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lss-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'src/main/web.ts'), '--data-dir', dataDir, '--port', '0', ...(options.demo ? [] : ['--no-demo']), ...extraArgs],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env, LSS_DATA_DIR: dataDir } },
  );
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    // Generous: on a busy 2-core CI machine a cold `tsx` start plus the SFU worker can take a while.
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // not left running behind the failed test
      reject(new Error(`studio web did not start in 60 s:\n${output}`));
    }, 60_000);
    const check = () => {
      const match = /Open:\s+(\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`studio web exited with ${code}:\n${output}`));
    });
  });
  const parsed = new URL(url);
  const studio: RunningStudio = {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token')!,
    dataDir,
    pid: child.pid!,
    output: () => output,
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  /** SIGKILL, as a crash or a power cut would end it: no shutdown code runs. The data folder stays. */
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  };
  return { studio, stop, kill };
}

/**
 * `test` for every spec: a `studio` fixture (one fresh studio per test), and
 * every browser context a test opens (`browser.newContext()`: the host's
 * page, viewers) is closed after it. A page left open keeps publishing,
 * reconnecting and polling into the next tests: it loads the machine and can
 * find a later test's studio or SFU on a reused port.
 */
export const test = base.extend<{ studio: RunningStudio; closesItsBrowserContexts: void }>({
  closesItsBrowserContexts: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts());
      await use();
      await Promise.all(browser.contexts().filter((c) => !before.has(c)).map((c) => c.close()));
    },
    { auto: true },
  ],
  // eslint-disable-next-line no-empty-pattern
  studio: async ({}, use) => {
    const { studio, stop } = await startStudio();
    await use(studio);
    await stop();
  },
});

export { expect } from '@playwright/test';

/**
 * `studio sfu --replay-dir DIR` as a server runs it: a real process that
 * says where replays are served, and serves a published folder from DIR.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

function runSfu(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/main/cli/main.ts'), 'sfu', '--port', '0', '--listen-ip', '127.0.0.1', '--workers', '1', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const take = (d: Buffer) => {
    output += d.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    output: () => output,
    exited,
    /** Resolves with the first match of `pattern` in what it printed. */
    printed(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpExecArray> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not printed: ${pattern}\n${output}`)), timeoutMs);
        const check = () => {
          const match = pattern.exec(output);
          if (!match) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve(match);
        };
        listeners.add(check);
        check();
        void exited.then((code) => reject(new Error(`studio sfu exited with ${code}:\n${output}`)));
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

it('serves the published replays in --replay-dir at /replay/<folder>/, and says so', async () => {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'spring-drop'));
  fs.writeFileSync(path.join(dir, 'spring-drop', 'index.html'), '<!doctype html><title>Spring drop · Replay</title>');
  const sfu = runSfu(['--replay-dir', dir]);
  try {
    const [, base, from] = await sfu.printed(/Replays:\s+(\S+)\/replay\/<folder>\/ from (.+)\n[\s\S]*Stop:/);
    expect(from).toBe(dir);
    const page = await fetch(`${base}/replay/spring-drop/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Spring drop · Replay');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  } finally {
    await sfu.stop();
  }
}, 90_000);

it('refuses a --replay-dir that is not a folder, in words', async () => {
  const missing = path.join(tempDir(), 'no-such-folder');
  const sfu = runSfu(['--replay-dir', missing]);
  expect(await sfu.exited).not.toBe(0);
  expect(sfu.output()).toContain(`--replay-dir: there is no folder ${missing}. Create it and put published replay folders in it.`);
}, 60_000);

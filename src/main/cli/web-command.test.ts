/**
 * `npm run web` as a host runs it: a real process that prints where to open
 * the studio and where viewers watch, and serves both.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

it('prints the viewer link of the built-in SFU, on a free port with --sfu-port 0', async () => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'src/main/web.ts'), '--data-dir', tempDir(), '--port', '0', '--sfu-port', '0'],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  try {
    const watch = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no Watch line:\n${output}`)), 30_000);
      child.stdout.on('data', () => {
        const match = /Stop:/.test(output) && /Watch:\s+(\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
    });
    expect(watch).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/watch\/shop-[a-z2-9]{6}$/);
    expect(new URL(watch).port).not.toBe('4781');
    // The link it prints is the host's; it says where the team's own links are.
    expect(output).toMatch(/Open:\s+http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(output).toContain('Links for a producer or a moderator: Settings → Producer console.');
    const page = await fetch(watch);
    expect(page.status).toBe(200);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}, 40_000);

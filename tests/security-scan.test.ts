/**
 * The Electron security scan (scripts/security-scan.ts, `npm run
 * test:security`) fails when it should: on a copy of src/ with one unsafe
 * change planted, it exits non-zero and names exactly that change. (That the
 * real src/ has no findings is what `npm run test:security` checks.)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
let copy: string;

beforeAll(() => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-security-scan-'));
  fs.cpSync(path.join(root, 'src'), path.join(copy, 'src'), { recursive: true });
});

afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

function plant(file: string, from: string, to: string): void {
  const target = path.join(copy, 'src', file);
  const text = fs.readFileSync(target, 'utf8');
  expect(text, `${file} no longer contains the line this test changes`).toContain(from);
  fs.writeFileSync(target, text.replace(from, to));
}

function scan(): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/security-scan.ts'), path.join(copy, 'src')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('security scan', () => {
  it('fails on a window with Node integration, naming the lines', { timeout: 60_000 }, () => {
    // Without the sandbox line: electronegativity 1.10 reports no Node integration in a window that names `sandbox` at all.
    plant('main/electron/main-window.ts', 'nodeIntegration: false,', 'nodeIntegration: true,');
    plant('main/electron/main-window.ts', '      sandbox: true,\n', '');
    const { status, output } = scan();
    expect(output).toMatch(/NODE_INTEGRATION_JS_CHECK .*main-window\.ts:\d+:\d+/);
    expect(output).toMatch(/SANDBOX_JS_CHECK .*main-window\.ts:\d+:\d+/);
    expect(output).toContain('2 finding(s), 0 file(s) not scanned');
    expect(status).toBe(1);
  });
});

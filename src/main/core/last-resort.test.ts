import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { BURST_WINDOW_MS, installLastResortHandlers, MAX_UNCAUGHT_IN_BURST } from './last-resort.js';

function world() {
  const target = new EventEmitter();
  const lines: string[] = [];
  const exits: number[] = [];
  let clock = 1_000_000;
  const uninstall = installLastResortHandlers({
    name: 'studio',
    target: target as unknown as NodeJS.Process,
    log: (text) => lines.push(text),
    exit: (code) => exits.push(code),
    now: () => clock,
  });
  return { target, lines, exits, uninstall, advance: (ms: number) => (clock += ms) };
}

describe('last-resort handlers', () => {
  it('log an uncaught exception with its stack and keep running', () => {
    const { target, lines, exits } = world();
    target.emit('uncaughtException', new Error('socket went away'));
    expect(exits).toEqual([]);
    expect(lines[0]).toContain('An unexpected error was caught; the studio keeps running');
    expect(lines[0]).toContain('Error: socket went away');
    expect(lines[0]).toMatch(/\n\s+at /); // the stack
  });

  it('log an unhandled rejection, even of a value that is not an Error', () => {
    const { target, lines, exits } = world();
    target.emit('unhandledRejection', 'no reason given');
    expect(exits).toEqual([]);
    expect(lines[0]).toContain('A background task failed unexpectedly; the studio keeps running');
    expect(lines[0]).toContain("'no reason given'");
  });

  it('stop the process when uncaught exceptions come in a burst, not when they are spread out', () => {
    const { target, lines, exits, advance } = world();
    for (let i = 0; i < MAX_UNCAUGHT_IN_BURST * 2; i++) {
      target.emit('uncaughtException', new Error(`spread ${i}`));
      advance(BURST_WINDOW_MS / MAX_UNCAUGHT_IN_BURST + 1);
    }
    expect(exits).toEqual([]);
    advance(BURST_WINDOW_MS);
    for (let i = 0; i < MAX_UNCAUGHT_IN_BURST; i++) target.emit('uncaughtException', new Error(`burst ${i}`));
    expect(exits).toEqual([]);
    target.emit('uncaughtException', new Error('one too many'));
    expect(exits).toEqual([1]);
    expect(lines.at(-1)).toContain('unexpected errors within a minute: something is broken, so the studio stops now');
  });

  it('are removed by the function they return', () => {
    const { target, uninstall } = world();
    uninstall();
    expect(target.listenerCount('uncaughtException')).toBe(0);
    expect(target.listenerCount('unhandledRejection')).toBe(0);
  });

  it('keep a real Node process running after a throw from a callback', () => {
    const script = path.join(tempDir(), 'throws.ts');
    fs.writeFileSync(
      script,
      [
        `import { installLastResortHandlers } from ${JSON.stringify(path.resolve(import.meta.dirname, 'last-resort.ts'))};`,
        "installLastResortHandlers({ name: 'studio' });",
        "setTimeout(() => { throw new Error('missed listener'); }, 1);",
        "setTimeout(() => void Promise.reject(new Error('forgotten promise')), 2);",
        "setTimeout(() => console.log('still running'), 50);",
      ].join('\n'),
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 15_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('still running');
    expect(run.stderr).toContain('Error: missed listener');
    expect(run.stderr).toContain('Error: forgotten promise');
  });
});

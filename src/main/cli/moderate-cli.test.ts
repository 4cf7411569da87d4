/**
 * `studio moderate`, spawned as a producer would run it, on a sample chat
 * log in tests/fixtures/chat/.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/chat');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

function moderate(rulesFile: string, input: string) {
  const run = spawnSync(process.execPath, [TSX, path.join(ROOT, 'src/main/cli/main.ts'), 'moderate', '--rules', rulesFile], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('studio moderate', () => {
  it('prints one decision per message, in order, and an error line per bad input line', () => {
    const run = moderate(path.join(FIXTURES, 'rules.json'), fs.readFileSync(path.join(FIXTURES, 'show.jsonl'), 'utf8'));
    expect(run.code, run.stderr).toBe(0);
    const out = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(out).toEqual([
      { id: '1', action: 'approve', reasons: [] },
      { id: '2', action: 'block', reasons: ['blocked-term', 'starter-term'] }, // "s c a m", also on the starter list
      { id: '3', action: 'block', reasons: ['blocked-term', 'starter-term', 'link'] }, // "fr33 m0ney" + bit.ly
      { id: '4', action: 'approve', reasons: [] }, // scampi
      { id: '5', action: 'hold', reasons: ['caps'] },
      { line: 7, error: expect.stringMatching(/^Line 7: not valid JSON/) },
      { id: '6', action: 'approve', reasons: [] }, // allowed domain
      { id: '7', action: 'block', reasons: ['rate-limit'] }, // ana's 4th message in 10 s
      { id: '8', action: 'block', reasons: ['duplicate', 'rate-limit'] },
      { line: 11, error: 'Line 11: "text" is missing' },
      { line: 12, error: 'Line 12: "ts" must be a time in milliseconds' },
      { id: '11', action: 'approve', reasons: [] }, // the host is not filtered
      { line: 14, error: expect.stringMatching(/^Line 14: expected a/) },
      { id: '12', action: 'hold', reasons: ['link'] }, // "shop.example . com"
    ]);
  });

  it('sanitizes text like the SFU does before deciding', () => {
    const line = JSON.stringify({ id: 'z', user: 'u', text: 's\u200Bc\u200Ba\u200Bm', ts: 1 });
    expect(moderate(path.join(FIXTURES, 'rules.json'), `${line}\r\n`).stdout).toBe('{"id":"z","action":"block","reasons":["blocked-term","starter-term"]}\n');
  });

  it('applies the starter list unless the rules file turns it off or removes the term', () => {
    const dir = tempDir();
    const input = ['cheaper on temu', 'total sc4m', 'scampi'].map((text, i) => JSON.stringify({ id: String(i), user: `u${i}`, text, ts: i })).join('\n');
    const decisions = (rules: object) => {
      const file = path.join(dir, 'rules.json');
      fs.writeFileSync(file, JSON.stringify(rules));
      return moderate(file, input).stdout.trim().split('\n').map((l) => (JSON.parse(l) as { action: string }).action);
    };
    expect(decisions({})).toEqual(['hold', 'hold', 'approve']);
    expect(decisions({ starterListAction: 'block', starterListRemoved: ['temu'] })).toEqual(['approve', 'block', 'approve']);
    expect(decisions({ starterList: false })).toEqual(['approve', 'approve', 'approve']);
  });

  it('refuses a bad rules file with a clear message and exit code 2', () => {
    const dir = tempDir();
    const bad = path.join(dir, 'rules.json');
    fs.writeFileSync(bad, JSON.stringify({ links: 'sometimes', maxLength: -3 }));
    const run = moderate(bad, '');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/has problems:\n {2}links: .*\n {2}maxLength: /);

    fs.writeFileSync(bad, '{ not json');
    expect(moderate(bad, '').stderr).toMatch(/is not valid JSON/);
    const missing = moderate(path.join(dir, 'nope.json'), '');
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/Cannot read the rules file/)]);
  });
});

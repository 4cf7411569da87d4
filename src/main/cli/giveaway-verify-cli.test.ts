/**
 * `studio giveaway-verify`, spawned as anyone checking a draw would run it,
 * on the worked example of docs/giveaways.md.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const SEED = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
const COMMITMENT = '630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd';

function verify(...args: string[]) {
  const run = spawnSync(process.execPath, [TSX, path.join(ROOT, 'src/main/cli/main.ts'), 'giveaway-verify', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function file(name: string, content: string): string {
  const p = path.join(tempDir(), name);
  fs.writeFileSync(p, content);
  return p;
}

const exported = (extra: object = {}) =>
  JSON.stringify({
    format: 'live-seller-studio/giveaway-entries@1',
    giveawayId: 7,
    prize: 'Tote bag',
    commitment: COMMITMENT,
    winner: { viewerId: 'v-bob', name: 'Bob' },
    entries: [
      { viewerId: 'v-carol', name: 'Carol' },
      { viewerId: 'v-alice', name: 'Alice' },
      { viewerId: 'v-bob', name: 'Bob' },
    ],
    ...extra,
  });

describe('studio giveaway-verify', () => {
  it('recomputes the winner from the exported list and checks the seed against its commitment', () => {
    const run = verify('--entries', file('entries.json', exported()), '--seed', SEED);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(
      [
        'Giveaway 7: Tote bag',
        'Entries: 3 (sorted by viewer id, UTF-8 byte order)',
        `SHA-256 of the seed: ${COMMITMENT}`,
        'Commitment: matches the seed',
        'Winner: v-bob (Bob), entry 2 of 3',
        'Announced winner: the same',
        '',
      ].join('\n'),
    );
    const json = verify('--entries', file('entries.json', exported()), '--seed', SEED.toUpperCase(), '--json');
    expect(JSON.parse(json.stdout)).toEqual({ winner: 'v-bob', name: 'Bob', index: 1, entries: 3, commitment: COMMITMENT, commitmentMatches: true, announcedMatches: true });
  });

  it('reads a plain list of viewer ids and checks a commitment given on the command line', () => {
    const ids = file('ids.txt', 'v-carol\r\n\r\nv-alice\nv-bob\n');
    const ok = verify('--entries', ids, '--seed', SEED, '--commitment', COMMITMENT);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Winner: v-bob, entry 2 of 3');
    const wrong = verify('--entries', ids, '--seed', 'ff'.repeat(32), '--commitment', COMMITMENT);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain(`Commitment: DOES NOT MATCH the seed (published ${COMMITMENT})`);
    expect(verify('--entries', ids, '--seed', SEED).stdout).toContain('Commitment: none given');
  });

  it('says when the announced winner is not the one the seed gives', () => {
    const run = verify('--entries', file('e.json', exported({ winner: { viewerId: 'v-alice', name: 'Alice' } })), '--seed', SEED);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Announced winner: DIFFERENT (v-alice, Alice)');
  });

  it('explains a bad seed, a bad or missing file and a viewer listed twice', () => {
    const good = file('e.json', exported());
    expect(verify('--entries', good).stderr).toMatch(/^Give the revealed seed with --seed/);
    expect(verify('--entries', good).code).toBe(2);
    expect(verify('--entries', good, '--seed', 'abc123').stderr).toMatch(/The seed must be 64 hexadecimal digits .* got "abc123"/);
    expect(verify('--entries', path.join(tempDir(), 'missing.json'), '--seed', SEED).stderr).toMatch(/^Cannot read the entry list .*missing\.json/);
    expect(verify('--entries', file('bad.json', '{"giveawayId": 1,'), '--seed', SEED).stderr).toMatch(/is not valid JSON/);
    const notOurs = verify('--entries', file('other.json', '{"giveawayId": 1, "prize": "x", "commitment": null, "entries": [{"id": "a"}]}'), '--seed', SEED);
    expect(notOurs.stderr).toContain('is not a giveaway entry list exported by the studio:\n  entries.0.viewerId:');
    expect(verify('--entries', file('twice.txt', 'a\nb\na\n'), '--seed', SEED).stderr).toMatch(/The viewer id "a" is in the entry list twice/);
    expect(verify('--entries', file('empty.txt', '\n\n'), '--seed', SEED).stderr).toMatch(/has no entries/);
  });
});

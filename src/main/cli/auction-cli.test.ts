/**
 * `studio auction`, spawned as a host would run it, on a sample bid log in
 * tests/fixtures/auctions/.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/auctions');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

function auction(args: string[], input: string) {
  const run = spawnSync(process.execPath, [TSX, path.join(ROOT, 'src/main/cli/main.ts'), 'auction', ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const lines = (stdout: string): unknown[] => stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown);

describe('studio auction', () => {
  it('prints one decision per input, proxy bids, an error line per bad line, then the result', () => {
    const run = auction(['--rules', path.join(FIXTURES, 'AUCTION.json')], fs.readFileSync(path.join(FIXTURES, 'events.jsonl'), 'utf8'));
    expect(run.code, run.stderr).toBe(0);
    expect(lines(run.stdout)).toEqual([
      { id: 'm1', action: 'ignored', reason: 'not_a_bid' }, // "is 25 ok?"
      { id: 'm2', action: 'bid', price: '12' }, // "$12"
      { id: 'b1', action: 'refused', reason: 'too_low', price: '13' },
      { id: 'b2', action: 'bid', price: '40.00' }, // ben's maximum 45 reaches the reserve: the price rises to it
      { id: 'm3', action: 'refused', reason: 'too_low', price: '41.00' },
      { id: 'm4', action: 'refused', reason: 'already_highest' },
      { id: 'b3', action: 'bid', price: '46' }, // cleo's maximum 60 beats ben's 45 by one increment
      { line: 8, error: expect.stringMatching(/^Line 8: not valid JSON/) },
      { id: 'b4', action: 'bid', price: '49' }, // ana's bid at 15 s, under cleo's maximum...
      { id: 'b4', action: 'bid', price: '50', proxyFor: 'cleo' }, // ...answered for cleo; the clock goes to 25 s
      { line: 10, error: 'Line 10: "ts" 14000 is before the previous line\'s 15000: lines must be in arrival order' },
      { line: 11, error: 'Line 11: give one of "text", "bid" or "maxBid"' },
      { line: 12, error: 'Line 12: give only one of "text", "bid" or "maxBid"' },
      { line: 13, error: 'Line 13: "bid" must be a decimal string such as "25.00"' },
      { id: 'b9', action: 'refused', reason: 'invalid_amount' }, // "fifty"
      { line: 15, error: 'Line 15: "id" "b4" was already used on an earlier line' },
      { id: 'b10', action: 'refused', reason: 'too_low', price: '55' }, // 50 → 55 across the table boundary
      { id: 'b11', action: 'bid', price: '70' }, // 1 ms before the moved end: the clock goes to 34.999 s
      { id: 'b12', action: 'refused', reason: 'closed' }, // exactly at the end
      { result: 'sold', winner: 'ben', price: '70', endedAt: 34_999 },
    ]);
  });

  it('ends unsold when the reserve is not met, and without any bid', () => {
    const dir = tempDir();
    const rules = path.join(dir, 'AUCTION.json');
    fs.writeFileSync(rules, JSON.stringify({ startPrice: '5', durationSeconds: 10, mode: 'sudden-death', reserve: '100' }));
    const input = [
      { id: '1', viewer: 'a', ts: 9_999, maxBid: '99' },
      { id: '2', viewer: 'b', ts: 10_000, bid: '200' },
    ];
    const run = auction(['--rules', rules], input.map((l) => JSON.stringify(l)).join('\r\n'));
    expect(run.code, run.stderr).toBe(0);
    expect(lines(run.stdout)).toEqual([
      { id: '1', action: 'bid', price: '5' },
      { id: '2', action: 'refused', reason: 'closed' },
      { result: 'unsold', endedAt: 10_000 },
    ]);
    expect(auction(['--rules', rules], '').stdout).toBe('{"result":"unsold","endedAt":10000}\n');
  });

  it('refuses a bad rules file with a message naming the field, and exit code 2', () => {
    const dir = tempDir();
    const bad = path.join(dir, 'AUCTION.json');
    fs.writeFileSync(bad, JSON.stringify({ startPrice: '10,00', durationSeconds: 3, mode: 'soft', increments: [{ from: '5', step: '1' }] }));
    const run = auction(['--rules', bad], '{"id":"1","viewer":"a","ts":1,"bid":"10"}\n');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/has problems:\n {2}startPrice: A price is a decimal number.*\n {2}durationSeconds: An auction lasts at least 5 seconds\.\n {2}increments\.0\.from: The increment table starts from 0\./);

    fs.writeFileSync(bad, '{ "startPrice": ');
    expect(auction(['--rules', bad], '').stderr).toMatch(/is not valid JSON/);
    const missing = auction(['--rules', path.join(dir, 'nope.json')], '');
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/Cannot read the auction rules file/)]);
    const noRules = auction([], '');
    expect([noRules.code, noRules.stderr]).toEqual([2, expect.stringMatching(/--rules AUCTION\.json[\s\S]*Usage: studio auction/)]);
  });
});

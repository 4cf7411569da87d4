import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide, describeVerdict, readRecords, withRecord, writeRecords, type FloorRecords } from '../../bench/floor-gate.js';

/** The compositor benchmark's gate (bench/floor-gate.ts): studio p95 / floor p95 against the ratio recorded on the same machine. */

const MACHINE = 'Test CPU @ 2.0GHz, 2 cores, 8.0 GB RAM';
const records: FloorRecords = { [MACHINE]: { ratio: 2, studioP95: 50, floorP95: 25, recorded: '2026-12-07T00:00:00.000Z' } };

describe('the compositor floor gate', () => {
  it('passes a ratio up to 25 % worse than recorded, and a better one', () => {
    expect(decide(records, MACHINE, 2.5)).toMatchObject({ kind: 'ok', previous: 2, limit: 2.5 });
    expect(decide(records, MACHINE, 1.2)).toMatchObject({ kind: 'ok', change: expect.closeTo(-0.4, 5) });
  });

  it('fails a ratio more than 25 % worse than recorded', () => {
    expect(decide(records, MACHINE, 2.51).kind).toBe('regressed');
    const verdict = decide(records, MACHINE, 2.6);
    expect(verdict.kind).toBe('regressed');
    expect(describeVerdict(verdict)).toMatch(/^REGRESSED: \+30 %/);
    expect(decide(records, MACHINE, Number.NaN).kind).toBe('regressed');
  });

  it('compares only with the same machine', () => {
    expect(decide(records, 'Other CPU, 8 cores, 32 GB RAM', 9)).toEqual({ kind: 'no-record' });
    expect(decide({}, MACHINE, 9)).toEqual({ kind: 'no-record' });
  });

  it('records a machine without touching the others, and reads back what it wrote', () => {
    const next = withRecord(records, 'Other CPU', { ratio: 1.5, studioP95: 30, floorP95: 20, recorded: '2026-12-08T00:00:00.000Z' });
    expect(next[MACHINE]).toEqual(records[MACHINE]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'floor-gate-')), 'records.json');
    try {
      expect(readRecords(file)).toEqual({});
      writeRecords(next, file);
      expect(readRecords(file)).toEqual(next);
      expect(decide(readRecords(file), 'Other CPU', 1.9).kind).toBe('regressed');
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true });
    }
  });
});

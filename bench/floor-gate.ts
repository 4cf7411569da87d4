/**
 * The compositor's regression gate (bench/compositor.ts): the studio's frame
 * time with the preview monitor, p95, over the bare floor page's frame drawing
 * (bench/floor-page.ts), p95, measured in the same run. An absolute frame time depends on the machine
 * (software rendering on 2 cores here, a GPU on a laptop); the ratio is what
 * is compared, against the figures last recorded on the same machine
 * (bench/compositor-floor.json, keyed by the machine line the benchmark
 * prints; `npm run bench -- --only compositor --record` rewrites this
 * machine's entry). A run whose ratio is more than 25 % worse fails the
 * section. `decide` is pure (tests/bench/floor-gate.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';

export const GATE_FILE = path.join(import.meta.dirname, 'compositor-floor.json');
/** How much worse than recorded the ratio may get: 25 %. */
export const TOLERANCE = 0.25;

export interface FloorRecord {
  /** Studio tick p95 (with the preview monitor) / floor frame p95 (its drawing, without its copy's flush). */
  readonly ratio: number;
  readonly studioP95: number;
  readonly floorP95: number;
  /** ISO date of the run that recorded it. */
  readonly recorded: string;
}

/** Machine line (as the benchmark prints it) → the figures last recorded on it. */
export type FloorRecords = Readonly<Record<string, FloorRecord>>;

export type Verdict =
  | { readonly kind: 'no-record' }
  | { readonly kind: 'ok'; readonly previous: number; readonly limit: number; readonly change: number }
  | { readonly kind: 'regressed'; readonly previous: number; readonly limit: number; readonly change: number };

/** `ratio` against the ratio recorded for `machine` (none: nothing to compare). Worse is higher; a NaN ratio never passes. */
export function decide(records: FloorRecords, machine: string, ratio: number, tolerance = TOLERANCE): Verdict {
  const previous = records[machine]?.ratio;
  if (previous === undefined || !(previous > 0)) return { kind: 'no-record' };
  const limit = previous * (1 + tolerance);
  const change = ratio / previous - 1;
  return ratio <= limit ? { kind: 'ok', previous, limit, change } : { kind: 'regressed', previous, limit, change };
}

/** The records with this machine's entry replaced. */
export function withRecord(records: FloorRecords, machine: string, record: FloorRecord): FloorRecords {
  return { ...records, [machine]: record };
}

export function readRecords(file = GATE_FILE): FloorRecords {
  if (!fs.existsSync(file)) return {};
  return JSON.parse(fs.readFileSync(file, 'utf8')) as FloorRecords;
}

export function writeRecords(records: FloorRecords, file = GATE_FILE): void {
  fs.writeFileSync(file, `${JSON.stringify(records, null, 2)}\n`);
}

/** One line for the report. */
export function describeVerdict(verdict: Verdict): string {
  const pct = (n: number) => `${n >= 0 ? '+' : ''}${(n * 100).toFixed(0)} %`;
  switch (verdict.kind) {
    case 'no-record':
      return 'no figures recorded for this machine (record them with --record)';
    case 'ok':
      return `ok: ${pct(verdict.change)} against the recorded ${verdict.previous.toFixed(2)} (limit ${verdict.limit.toFixed(2)})`;
    case 'regressed':
      return `REGRESSED: ${pct(verdict.change)} against the recorded ${verdict.previous.toFixed(2)} (limit ${verdict.limit.toFixed(2)})`;
  }
}

/**
 * The figures a benchmark run produced, for `npm run bench -- --json FILE`:
 * each one {name, value, unit, machine}, so runs can be compared. The report
 * rows record them (bench/report-format.ts); the runner names the section
 * (bench/run.ts) and writes the file.
 */
import fs from 'node:fs';
import os from 'node:os';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly ramGb: number;
  readonly node: string;
  readonly os: string;
}

export interface Figure {
  /** "section / group / row label[ qualifier]", e.g. "pin-latency / pin dispatch -> viewer socket has card p95". */
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly machine: Machine;
}

export const machine: Machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown CPU',
  cores: os.cpus().length,
  ramGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
  node: process.versions.node,
  os: `${os.type()} ${os.release()}`,
};

/** The machine as the benchmark prints it ("Machine" line): the key the compositor's gate records its figures under (bench/floor-gate.ts). */
export const machineLine = `${machine.cpu}, ${machine.cores} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM`;

const figures: Figure[] = [];
let section: string | null = null;
let group: string | null = null;

/** Runs one benchmark section; the figures its rows record are named after it. */
export async function inSection(name: string, run: () => Promise<void>): Promise<void> {
  section = name;
  group = null;
  try {
    await run();
  } finally {
    section = null;
    group = null;
  }
}

/** A sub-heading inside a section (e.g. one of the catalog's three imports): rows after it are named under it. */
export function inGroup(name: string | null): void {
  group = name;
}

/** The section running now, for an error raised outside it. */
export function runningSection(): string | null {
  return section;
}

export function recordFigure(label: string, value: number, unit: string): void {
  if (!Number.isFinite(value)) return; // a part that did not run (no samples) is not a figure
  const name = [section, group, label.trim()].filter((part) => part).join(' / ');
  figures.push({ name, value, unit, machine });
}

export function recordedFigures(): readonly Figure[] {
  return figures;
}

export function writeFigures(file: string): void {
  fs.writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
}

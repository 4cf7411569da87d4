/**
 * Number formatting shared by the printed benchmark reports (bench/run.ts
 * style). A value printed through these helpers is a Reading: its text for
 * the report plus the numbers in it, which `row` records as figures
 * (bench/figures.ts) under the row's label. So every printed figure is also
 * in `--json` without being listed twice.
 */
import type { Latency } from './catalog.js';
import { recordFigure } from './figures.js';

interface Value {
  /** Added to the row's label in the figure's name ("p95", "parse"); empty for the row's main value. */
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

/** Report text that carries the numbers it shows. Prints as its text, also inside template strings. */
export class Reading {
  constructor(
    readonly text: string,
    readonly values: readonly Value[],
  ) {}

  /** The same reading, its figures named `name` inside the row ("(parse 12 ms" → "wall time parse"). */
  as(name: string): Reading {
    return new Reading(
      this.text,
      this.values.map((v) => ({ ...v, name: v.name ? `${name} ${v.name}` : name })),
    );
  }

  toString(): string {
    return this.text;
  }
}

export const fmt = (n: number, digits = 1): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const msText = (n: number): string => `${fmt(n, n < 10 ? 2 : 0)} ms`;

/** A number with its unit, printed as `text` (by default "1,234 unit"). */
export const figure = (value: number, unit: string, text = `${fmt(value, 0)} ${unit}`): Reading => new Reading(text, [{ name: '', value, unit }]);

/** A figure that may be missing (null): printed as "?", not recorded. */
export const maybe = (value: number | null | undefined, unit: string, text = (v: number) => String(v)): Reading =>
  value === null || value === undefined ? new Reading('?', []) : figure(value, unit, text(value));

export const ms = (n: number): Reading => figure(n, 'ms', msText(n));

/** A ratio of two figures of the same run, printed with `digits` decimals. */
export const ratio = (n: number, digits = 2): Reading => figure(n, 'ratio', fmt(n, digits));

export const lat = (l: Latency): Reading =>
  new Reading(`p50 ${msText(l.p50)}   p95 ${msText(l.p95)}   max ${msText(l.max)}   (n=${l.count})`, [
    { name: 'p50', value: l.p50, unit: 'ms' },
    { name: 'p95', value: l.p95, unit: 'ms' },
    { name: 'max', value: l.max, unit: 'ms' },
    { name: 'n', value: l.count, unit: 'samples' },
  ]);

/** Several readings in one text: `readings\`${ms(a)}  (parse ${ms(b).as('parse')})\``. */
export function readings(strings: TemplateStringsArray, ...parts: unknown[]): Reading {
  const values = parts.flatMap((part) => (part instanceof Reading ? part.values : []));
  return new Reading(strings.reduce((text, literal, i) => text + literal + (i < parts.length ? String(parts[i]) : ''), ''), values);
}

/** Records a reading's figures under `label`, for lines printed in another layout than `row`. */
export function record(label: string, value: string | Reading): void {
  if (!(value instanceof Reading)) return;
  for (const v of value.values) recordFigure(v.name ? `${label} ${v.name}` : label, v.value, v.unit);
}

/** One report line, label then value; the value's figures are recorded under the label. */
export const row = (label: string, value: string | Reading): string => {
  record(label, value);
  return `  ${label.padEnd(38)} ${value}`;
};

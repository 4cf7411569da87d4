/** Number formatting shared by the printed benchmark reports (bench/run.ts style). */
import type { Latency } from './catalog.js';

export const fmt = (n: number, digits = 1): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const ms = (n: number): string => `${fmt(n, n < 10 ? 2 : 0)} ms`;
export const row = (label: string, value: string): string => `  ${label.padEnd(38)} ${value}`;
export const lat = (l: Latency): string => `p50 ${ms(l.p50)}   p95 ${ms(l.p95)}   max ${ms(l.max)}   (n=${l.count})`;

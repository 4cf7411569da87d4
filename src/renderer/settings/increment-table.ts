import { DEFAULT_BID_INCREMENTS, incrementTableSchema, type IncrementStep } from '../../shared/auction/auction-rules.js';

/**
 * The bid increment table as the host edits it in Settings → Selling: rows
 * of text ("from $50: steps of $5"), checked with the auction's own schema
 * and its messages said per row. Plain data, tested in Node.
 */

export interface IncrementRowText {
  readonly from: string;
  readonly step: string;
}

export const rowsOf = (table: readonly IncrementStep[]): IncrementRowText[] => table.map((r) => ({ from: r.from, step: r.step }));

export const COMMON_ROWS: readonly IncrementRowText[] = rowsOf(DEFAULT_BID_INCREMENTS);

/** "$50", " 5.00 " → "50", "5.00": the table holds plain decimals. */
const plain = (text: string): string => text.trim().replace(/^\$\s*/, '').replace(/,/g, '');

export type CheckedTable = { readonly ok: true; readonly table: IncrementStep[] } | { readonly ok: false; readonly message: string };

/** The table to save, or the first problem in host words ("Row 2: Each row … starts above the one before."). */
export function checkIncrementRows(rows: readonly IncrementRowText[]): CheckedTable {
  const table = rows.map((r) => ({ from: plain(r.from), step: plain(r.step) }));
  const parsed = incrementTableSchema.safeParse(table);
  if (parsed.success) return { ok: true, table: parsed.data };
  const issue = parsed.error.issues[0];
  if (!issue) return { ok: false, message: 'That table is not allowed.' };
  const [row, field] = issue.path;
  if (typeof row !== 'number') return { ok: false, message: issue.message };
  const what = field === 'step' ? 'the step' : field === 'from' ? 'the “from” price' : 'this row';
  return { ok: false, message: `Row ${row + 1}, ${what}: ${issue.message}` };
}

/** A new row under the last one: from the last "from" plus ten steps, the same step (the host edits it). */
export function nextRow(rows: readonly IncrementRowText[]): IncrementRowText {
  const last = rows[rows.length - 1];
  if (!last) return { from: '0', step: '1' };
  const from = Number(plain(last.from));
  const step = Number(plain(last.step));
  if (!Number.isFinite(from) || !Number.isFinite(step) || step <= 0) return { from: '', step: '' };
  return { from: String(from + step * 10), step: plain(last.step) };
}

export function sameTable(a: readonly IncrementRowText[], b: readonly IncrementRowText[]): boolean {
  return a.length === b.length && a.every((r, i) => plain(r.from) === plain(b[i]!.from) && plain(r.step) === plain(b[i]!.step));
}

import type { Money } from '../../shared/domain/catalog.js';
import type { CurrencyTotal } from '../../shared/domain/selling.js';
import { compareMoney, formatMoney as formatExactMoney } from '../../shared/domain/money.js';

/** A price for display in the host's locale ("$19.99", "19,99 €"); "—" when the store gave none. Exact: the decimal string is never a float. */
export function formatMoney(amount: Money | null, currency: string | null): string {
  if (amount === null || amount === '') return '—';
  return formatExactMoney(amount, currency);
}

/** Sums in several currencies, each in its own ("€120.00 · $45.00"): never added together. "0" with no sales. */
export function formatCurrencyTotals(totals: readonly CurrencyTotal[]): string {
  if (totals.length === 0) return formatExactMoney('0', null);
  return totals.map((t) => formatExactMoney(t.amount, t.currency)).join(' · ');
}

/** A compare-at price worth striking through: present and higher than the price. */
export function isMarkedDown(price: Money | null, compareAt: Money | null): compareAt is Money {
  if (price === null || compareAt === null || compareAt === '') return false;
  try {
    return compareMoney(compareAt, price) > 0;
  } catch {
    return false;
  }
}

/** "3:07", "1:02:09"; negative values are shown as their magnitude. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.floor(Math.abs(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** "+1:20 over", "-0:45 under", "on time". */
export function formatOverUnder(deltaSeconds: number): string {
  const rounded = Math.trunc(deltaSeconds);
  if (rounded === 0) return 'on time';
  return rounded > 0 ? `+${formatDuration(rounded)} over` : `-${formatDuration(rounded)} under`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function formatDateTime(epochMs: number): string {
  return new Date(epochMs).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatCount(n: number, one: string, many: string): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** Stock as a host reads it: "Sold out" at 0, "—" when not tracked. */
export function formatStock(stock: number | null): string {
  if (stock === null) return '—';
  if (stock <= 0) return 'Sold out';
  return stock.toLocaleString();
}

/**
 * A planned time as a host types it: "5" (minutes), "5:30", "1:05:00", or
 * empty for no plan. Returns undefined when it cannot be read.
 */
export function parseDurationInput(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  if (/^\d+([.,]\d+)?$/.test(t)) return Math.round(Number(t.replace(',', '.')) * 60);
  const parts = t.split(':');
  if (parts.length > 3 || !parts.every((p) => /^\d+$/.test(p))) return undefined;
  const nums = parts.map(Number);
  if (nums.slice(1).some((n) => n >= 60)) return undefined;
  return nums.reduce((total, n) => total * 60 + n, 0);
}

import type { ExportedFile } from '../../shared/api/contract/selling.js';
import type { ShowReport } from '../../shared/domain/selling.js';
import { csvDocument, type CsvValue } from '../export/csv.js';

/**
 * The report as a spreadsheet: a summary block, a blank line, then one row
 * per product. Numbers stay numbers and money stays the exact decimal
 * string, so a spreadsheet can sum the Revenue column per currency.
 */
export function showReportCsv(report: ShowReport): ExportedFile {
  const { totals } = report;
  // A rehearsal says so before anything else, and its money is never labelled as sales (docs/practice.md).
  const practice: CsvValue[][] = report.practice ? [['PRACTICE', 'A practice show (rehearsal): its claims and revenue are not sales.']] : [];
  const revenueLabel = report.practice ? 'Practice revenue (not sales)' : 'Revenue';
  const rows: CsvValue[][] = [
    ...practice,
    ['Show', report.showName],
    ['Started', formatDateTime(report.startedAt)],
    ['Ended', report.endedAt === null ? (report.startedAt === null ? '' : 'Still running') : formatDateTime(report.endedAt)],
    ['Duration', formatDuration(report.durationSeconds)],
    ['Peak viewers', report.viewers.peak],
    ['Average viewers', report.viewers.average],
    ['Messages', report.messages.total],
    ['Claims', totals.claimsConfirmed + totals.claimsWaitlisted + totals.claimsCancelled],
    // One line per currency: sales in EUR and USD are never added together.
    ...(totals.revenue.length === 0 ? [[revenueLabel, '0', '']] : totals.revenue.map((t): CsvValue[] => [revenueLabel, t.amount, t.currency])),
    [],
    ['Product', 'Pinned (min:sec)', 'Pins', 'Confirmed', 'Waitlisted', 'Cancelled', report.practice ? 'Practice revenue' : 'Revenue', 'Currency'],
    ...report.products.map((p): CsvValue[] => [
      p.title,
      formatMinSec(p.pinnedSeconds),
      p.pinCount,
      p.claimsConfirmed,
      p.claimsWaitlisted,
      p.claimsCancelled,
      p.revenue,
      p.currency,
    ]),
    ...auctionRows(report),
    // The show's giveaways (docs/giveaways.md), when it had any.
    ...(report.giveaways.length === 0
      ? []
      : [
          [],
          ['Giveaway', 'Opened', 'Status', 'Entries', 'Winner', 'Commitment', 'Seed'],
          ...report.giveaways.map((g): CsvValue[] => [g.prize, formatDateTime(g.openedAt), g.status, g.entries, g.winnerName, g.commitment, g.seed]),
        ]),
  ];
  return {
    fileName: `${report.practice ? 'practice-' : ''}show-report-${fileSlug(report.showName) || report.showId}.csv`,
    mimeType: 'text/csv;charset=utf-8',
    content: csvDocument(rows),
  };
}

/** A blank line, then one row per auction (none when the show had no auction). */
function auctionRows(report: ShowReport): CsvValue[][] {
  if (report.auctions.length === 0) return [];
  const result = { running: 'Running', sold: 'Sold', unsold: 'Not sold', cancelled: 'Cancelled' } as const;
  return [
    [],
    ['Auction', 'Started', 'Result', 'Start price', 'Final price', 'Currency', 'Winner', 'Bids', 'Bidders'],
    ...report.auctions.map((a): CsvValue[] => [
      a.title,
      formatDateTime(a.startedAt),
      result[a.status],
      a.startPrice,
      a.finalPrice,
      a.currency,
      a.winnerName,
      a.bids,
      a.bidders,
    ]),
  ];
}

/** "1:02:03" or "2:03": how long a show ran. */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const rest = formatMinSec(seconds % 3600);
  return h > 0 ? `${h}:${rest.padStart(5, '0')}` : rest;
}

/** "83:05": minutes may pass 59, so the column sorts and reads as one unit. */
export function formatMinSec(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** "2026-11-28 19:05" in the studio computer's time zone (the host's). */
export function formatDateTime(at: number | null): string {
  if (at === null) return '';
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** A show name as a safe file name part: letters and digits of any script, dashes between. */
function fileSlug(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

import type { GiveawayReportRow } from '../../shared/domain/giveaways.js';
import { formatDateTime } from '../ui/format.js';

const STATUS: Readonly<Record<GiveawayReportRow['status'], string>> = { open: 'Open', closed: 'Drawing', drawn: 'Drawn', cancelled: 'Cancelled' };

/** The show's giveaways: prize, when, entries, winner, and the commitment and seed anyone can check (docs/giveaways.md). */
export function GiveawayReportTable({ rows }: { rows: readonly GiveawayReportRow[] }) {
  return (
    <table className="data-table show-report-table" data-testid="report-giveaways">
      <caption>Giveaways</caption>
      <thead>
        <tr>
          <th scope="col">Prize</th>
          <th scope="col">Opened</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">Entries</th>
          <th scope="col">Winner</th>
          <th scope="col">Seed</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((g) => (
          <tr key={g.giveawayId}>
            <th scope="row">{g.prize}</th>
            <td>{formatDateTime(g.openedAt)}</td>
            <td>{STATUS[g.status]}</td>
            <td className="num">{g.entries}</td>
            <td>{g.winnerName ?? '—'}</td>
            <td title={g.commitment ? `Commitment ${g.commitment}` : undefined}>{g.seed ? `${g.seed.slice(0, 12)}…` : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { useState } from 'react';
import type { ShowReport } from '../../shared/domain/selling.js';
import { useAbilities } from '../api/role-context.js';
import { useStudio } from '../api/studio-context.js';
import { ShowReplays } from '../replay/ShowReplays.js';
import { downloadExportedFile } from '../ui/download.js';
import { EmptyState } from '../ui/EmptyState.js';
import { formatCurrencyTotals, formatDateTime, formatDuration, formatMoney } from '../ui/format.js';
import { GiveawayReportTable } from './GiveawayReportTable.js';
import { ShowReportTimeline } from './ShowReportTimeline.js';
import { useShowReport } from './use-show-report.js';
import './report.css';

/**
 * The show report, full window: live while the show runs, final after it.
 * "Print report" prints this view alone, black on white (report.css).
 * `compact`: the same report as a tab beside the chat, to glance at during
 * the show; "Full report" opens the full window.
 */
export function ShowReportPanel({ onClose, compact = false }: { onClose?: () => void; compact?: boolean }) {
  const studio = useStudio();
  const { report, error, loading } = useShowReport();
  const { role } = useAbilities();
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);

  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    const result = await studio.exportShowReportCsv({ showId: report?.showId ?? null });
    setExporting(false);
    if (result.ok) downloadExportedFile(result.value);
    else setExportError(result.error.message);
  };

  return (
    <section
      className={compact ? 'show-report is-compact' : 'show-report'}
      aria-labelledby={compact ? 'show-report-compact-title' : 'show-report-title'}
      data-panel={compact ? 'report-compact' : 'report'}
    >
      <header className="show-report-header">
        <div>
          {compact ? (
            <h2 id="show-report-compact-title">{report ? `${report.showName} so far` : 'Show so far'}</h2>
          ) : (
            <h1 id="show-report-title">{report ? report.showName : 'Show report'}</h1>
          )}
          {report && <p className="show-report-when">{describeWhen(report)}</p>}
        </div>
        <div className="show-report-actions">
          <button type="button" className="button" disabled={!report || exporting} onClick={() => void exportCsv()}>
            {exporting ? 'Exporting…' : 'Export CSV'}
          </button>
          {!compact && (
            <button type="button" className="button" disabled={!report} onClick={() => window.print()}>
              Print report
            </button>
          )}
          {compact && (
            <a className="button" href="#report">
              Full report
            </a>
          )}
          {onClose && (
            <button type="button" className="button" onClick={onClose}>
              Back to studio
            </button>
          )}
        </div>
      </header>
      {report?.practice && (
        <p className="practice-banner" data-testid="report-practice-banner">
          PRACTICE — a rehearsal: its claims and revenue are not sales and are never exported for invoicing.
        </p>
      )}
      {exportError && (
        <p className="show-report-error" role="alert">
          {exportError}
        </p>
      )}
      {!report ? (
        <EmptyState title={loading ? 'Loading the report…' : 'No report yet'}>{loading ? '' : (error ?? '')}</EmptyState>
      ) : (
        <ReportBody report={report} compact={compact} />
      )}
      {/* Publishing a replay is the host's (a producer's report has no such section). */}
      {report && !compact && role === 'host' && <ShowReplays showId={report.showId} />}
    </section>
  );
}

/** `compact`: no chart (too small beside the chat to read; the full report has it). */
function ReportBody({ report, compact }: { report: ShowReport; compact: boolean }) {
  const { totals } = report;
  const claimsTotal = totals.claimsConfirmed + totals.claimsWaitlisted + totals.claimsCancelled;
  return (
    <>
      <dl className="show-report-tiles">
        <Tile label="Duration" value={formatDuration(report.durationSeconds)} note={isOnAir(report) ? 'on air now' : 'on air'} />
        <Tile label="Peak viewers" value={report.viewers.peak.toLocaleString()} />
        <Tile label="Avg viewers" value={report.viewers.average.toLocaleString()} note="while on air" />
        <Tile
          label="Messages"
          value={report.messages.total.toLocaleString()}
          note={`${report.messages.approved} shown · ${report.messages.held} held · ${report.messages.blocked} blocked`}
        />
        <Tile
          label="Claims"
          value={totals.claimsConfirmed.toLocaleString()}
          note={`confirmed of ${claimsTotal} · ${totals.claimsWaitlisted} waitlisted · ${totals.claimsCancelled} cancelled`}
        />
        <Tile
          label="Revenue"
          value={formatCurrencyTotals(totals.revenue)}
          note={totals.revenue.length > 1 ? 'confirmed claims, per currency' : totals.revenue[0]?.currency === null ? 'confirmed claims, currency unknown' : 'confirmed claims'}
        />
      </dl>

      {!compact && (
      <figure className="show-report-figure">
        <ShowReportTimeline report={report} />
        <figcaption className="show-report-legend">
          <span className="legend legend-pin">Pinned product</span>
          <span className="legend legend-deal">Flash deal</span>
          <span className="legend legend-confirmed">Claim confirmed</span>
          <span className="legend legend-waitlisted">Waitlisted</span>
          <span className="legend legend-cancelled">Cancelled</span>
          <span className="legend legend-offair">Off air</span>
        </figcaption>
      </figure>
      )}

      {report.products.length === 0 ? (
        <EmptyState title="No products yet">Pinned products and claims show up here.</EmptyState>
      ) : (
        <table className="data-table show-report-table">
          <caption>Products</caption>
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col" className="num">Pinned</th>
              <th scope="col" className="num">Pins</th>
              <th scope="col" className="num">Confirmed</th>
              <th scope="col" className="num">Waitlisted</th>
              <th scope="col" className="num">Cancelled</th>
              <th scope="col" className="num">Revenue</th>
            </tr>
          </thead>
          <tbody>
            {report.products.map((p) => (
              <tr key={p.productId ?? `title:${p.title}`}>
                <th scope="row">{p.title}</th>
                <td className="num">{formatDuration(p.pinnedSeconds)}</td>
                <td className="num">{p.pinCount}</td>
                <td className="num">{p.claimsConfirmed}</td>
                <td className="num">{p.claimsWaitlisted}</td>
                <td className="num">{p.claimsCancelled}</td>
                <td className="num">{formatMoney(p.revenue, p.currency)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td className="num">{formatDuration(report.products.reduce((s, p) => s + p.pinnedSeconds, 0))}</td>
              <td className="num">{report.products.reduce((s, p) => s + p.pinCount, 0)}</td>
              <td className="num">{totals.claimsConfirmed}</td>
              <td className="num">{totals.claimsWaitlisted}</td>
              <td className="num">{totals.claimsCancelled}</td>
              <td className="num">{formatCurrencyTotals(totals.revenue)}</td>
            </tr>
          </tfoot>
        </table>
      )}
      {report.giveaways.length > 0 && <GiveawayReportTable rows={report.giveaways} />}
      <p className="show-report-generated">Made {formatDateTime(report.generatedAt)}</p>
    </>
  );
}

function Tile({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="show-report-tile">
      <dt>{label}</dt>
      <dd>
        <span className="show-report-tile-value">{value}</span>
        {note && <span className="show-report-tile-note">{note}</span>}
      </dd>
    </div>
  );
}

/** No end yet and some air time: the show is live right now (a show never live has no air time). */
function isOnAir(report: ShowReport): boolean {
  return report.endedAt === null && report.durationSeconds > 0;
}

function describeWhen(report: ShowReport): string {
  if (report.startedAt === null) return 'Not started yet. The report fills in as the show runs.';
  const started = `Started ${formatDateTime(report.startedAt)}`;
  if (report.endedAt !== null) return `${started} · ended ${formatDateTime(report.endedAt)}`;
  return isOnAir(report) ? `${started} · live report, updates every few seconds` : `${started} · not on air yet`;
}

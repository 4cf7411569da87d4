import type { ImportProgress } from '../../shared/domain/catalog.js';
import { formatBytes } from '../ui/format.js';
import { StatTile } from './ImportPreviewView.js';
import { RowProblems } from './RowProblems.js';
import type { ImportRun } from './use-catalog-import.js';

const UNCHANGED = 'Your catalog was not changed.';

export function ImportProgressView({ run }: { run: ImportRun }) {
  const p = run.progress;
  const saving = p?.phase === 'saving';
  const fraction = p && p.totalBytes > 0 ? Math.min(1, p.bytesRead / p.totalBytes) : null;
  return (
    <div className="progress-block" role="status" aria-live="polite">
      <span>
        {saving ? 'Saving to your catalog…' : 'Reading the file…'}
        {p && !saving && p.totalBytes > 0 && (
          <span className="muted">
            {' '}
            {formatBytes(p.bytesRead)} of {formatBytes(p.totalBytes)} · {p.rows.toLocaleString()} rows
          </span>
        )}
      </span>
      {/* Saving is one transaction: no byte count to show, so the bar runs indeterminate. */}
      {saving || fraction === null ? (
        <progress aria-label="Import progress" />
      ) : (
        <progress aria-label="Import progress" max={1} value={fraction} />
      )}
      <span className="help">
        {saving
          ? 'Saving everything in one step: your catalog changes all at once when this finishes.'
          : 'You can cancel while the file is read: nothing is saved until the import finishes.'}
      </span>
    </div>
  );
}

export function ImportOutcomeView({ outcome }: { outcome: ImportProgress }) {
  if (outcome.phase === 'cancelled') {
    return (
      <p className="banner banner-warn" role="status">
        Import cancelled. {UNCHANGED}
      </p>
    );
  }
  if (outcome.phase === 'failed' || !outcome.report) {
    return (
      <p className="banner banner-error" role="alert">
        {outcome.error ?? 'The import failed.'} {UNCHANGED}
      </p>
    );
  }
  const r = outcome.report;
  const errorCount = Math.max(outcome.errorCount, r.errors.length);
  return (
    <section className="import-outcome" aria-label="Import result">
      <p className="banner banner-ok" role="status">
        Imported {r.products.toLocaleString()} {r.products === 1 ? 'product' : 'products'}: {r.created.toLocaleString()} new,{' '}
        {r.updated.toLocaleString()} updated{errorCount > 0 ? `, ${errorCount.toLocaleString()} rows skipped` : ''}.
      </p>
      <ul className="stat-tiles" aria-label="Imported counts">
        <StatTile label="Created" value={r.created} tone="ok" />
        <StatTile label="Updated" value={r.updated} />
        <StatTile label="Variants" value={r.variants} />
        <StatTile label="Images" value={r.images} />
        <StatTile label="Errors" value={errorCount} tone={errorCount > 0 ? 'warn' : undefined} />
      </ul>
      <RowProblems errors={r.errors} total={errorCount} note="these rows were skipped; fix them in the file and import it again." />
    </section>
  );
}

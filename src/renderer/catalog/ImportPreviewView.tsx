import type { ImportPreview, ImportPreviewProduct } from '../../shared/domain/catalog.js';
import { formatMoney, formatStock } from '../ui/format.js';
import { FORMAT_LABELS } from './format-labels.js';
import { RowProblems } from './RowProblems.js';

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/** The dry run: what the file is, what would be created or updated, and which rows have problems. */
export function ImportPreviewView({ preview, stale }: { preview: ImportPreview; stale: boolean }) {
  const { report } = preview;
  return (
    <section className={`import-preview${stale ? ' is-stale' : ''}`} aria-label="Preview" aria-busy={stale}>
      <dl className="facts facts-inline">
        <dt>Format</dt>
        <dd data-testid="preview-format">
          {FORMAT_LABELS[report.format]}
          {preview.detectedFormat === report.format ? ' (detected)' : ''}
        </dd>
        <dt>Encoding</dt>
        <dd>{preview.encoding}</dd>
        {preview.delimiter !== null && (
          <>
            <dt>Separator</dt>
            <dd>{DELIMITER_NAMES[preview.delimiter] ?? preview.delimiter}</dd>
          </>
        )}
      </dl>

      <ul className="stat-tiles" aria-label="Import counts">
        <StatTile label="Products" value={report.products} />
        <StatTile label="Variants" value={report.variants} />
        <StatTile label="Images" value={report.images} />
        <StatTile label="New" value={report.created} />
        <StatTile label="Updated" value={report.updated} />
        <StatTile label="Problems" value={preview.errorCount} tone={preview.errorCount > 0 ? 'warn' : undefined} />
      </ul>

      {preview.sample.length > 0 && <SampleTable sample={preview.sample} total={report.products} />}
      {report.products === 0 && (
        <p className="banner banner-error" role="alert">
          No products could be read from this file. Check the format and the column mapping.
        </p>
      )}
      <RowProblems errors={report.errors} total={preview.errorCount} note="these rows will be skipped; every other row imports." />
    </section>
  );
}

export function StatTile({ label, value, tone }: { label: string; value: number; tone?: 'warn' | 'ok' | undefined }) {
  return (
    <li className={`stat-tile${tone ? ` stat-${tone}` : ''}`} aria-label={`${label}: ${value.toLocaleString()}`}>
      <span className="stat-value" aria-hidden="true">
        {value.toLocaleString()}
      </span>
      <span className="stat-label" aria-hidden="true">
        {label}
      </span>
    </li>
  );
}

function priceRange(p: ImportPreviewProduct): string {
  if (p.priceMin === null) return '—';
  if (p.priceMax === null || p.priceMax === p.priceMin) return formatMoney(p.priceMin, p.currency);
  return `${formatMoney(p.priceMin, p.currency)} – ${formatMoney(p.priceMax, p.currency)}`;
}

function SampleTable({ sample, total }: { sample: readonly ImportPreviewProduct[]; total: number }) {
  return (
    <div className="table-scroll table-scroll-short">
      <table className="data-table">
        <caption>
          First {sample.length.toLocaleString()} of {total.toLocaleString()} products
        </caption>
        <thead>
          <tr>
            <th scope="col" className="cell-num">Line</th>
            <th scope="col">Title</th>
            <th scope="col">SKU</th>
            <th scope="col">Vendor</th>
            <th scope="col" className="cell-num">Variants</th>
            <th scope="col" className="cell-num">Images</th>
            <th scope="col" className="cell-num">Price</th>
            <th scope="col" className="cell-num">Stock</th>
            <th scope="col">Status</th>
            <th scope="col">Will be</th>
          </tr>
        </thead>
        <tbody>
          {sample.map((p) => (
            <tr key={`${p.line}:${p.sourceKey}`}>
              <td className="cell-num muted">{p.line}</td>
              <td className="cell-clip" title={p.title}>
                {p.title}
              </td>
              <td className="cell-mono">{p.firstSku ?? '—'}</td>
              <td className="cell-clip">{p.vendor || '—'}</td>
              <td className="cell-num">{p.variants}</td>
              <td className="cell-num">{p.images}</td>
              <td className="cell-num">{priceRange(p)}</td>
              <td className="cell-num">{formatStock(p.stock)}</td>
              <td>
                <span className={`status-chip status-${p.status}`}>{p.status}</span>
              </td>
              <td>
                <span className={`action-chip action-${p.action}`}>{p.action === 'create' ? 'New' : 'Updated'}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

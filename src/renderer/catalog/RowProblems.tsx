import type { RowError } from '../../shared/domain/catalog.js';

/** Row problems with their line numbers, in a scrolling box: a bad file can have thousands. */
export function RowProblems({ errors, total, note }: { errors: readonly RowError[]; total: number; note: string }) {
  const count = Math.max(total, errors.length);
  if (count === 0) return null;
  return (
    <section className="row-problems" aria-label="Row problems">
      <h3>
        {count === 1 ? '1 row has a problem' : `${count.toLocaleString()} rows have problems`}
        <span className="muted"> — {note}</span>
      </h3>
      <ol className="problem-list">
        {errors.map((e, i) => (
          <li key={`${e.line}:${i}`}>
            <span className="problem-line">Line {e.line}</span>
            <span>{e.message}</span>
          </li>
        ))}
      </ol>
      {count > errors.length && (
        <p className="help">
          Showing the first {errors.length.toLocaleString()}. Fix these and preview again to see the rest.
        </p>
      )}
    </section>
  );
}

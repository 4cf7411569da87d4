import { useEffect, useState, type KeyboardEvent } from 'react';
import type { IncrementStep } from '../../shared/auction/auction-rules.js';
import { checkIncrementRows, COMMON_ROWS, nextRow, rowsOf, sameTable, type IncrementRowText } from './increment-table.js';
import './selling.css';

export interface BidIncrementsEditorProps {
  /** The saved table (Settings → Selling → bidIncrements). */
  readonly saved: readonly IncrementStep[];
  /** Saves the table; resolves to the host-worded error or null. */
  save(table: IncrementStep[], done: string): Promise<string | null>;
}

/**
 * The seller's bid increment table: "from $X, bids go up by $Y", one row per
 * price band. Saved as a whole with Save (a half-edited table is not a
 * table), checked with the auctions' own rules; Reset puts back the common
 * table ($1 under $50, $5 under $500, then larger). A running auction keeps
 * the table it started with.
 */
export function BidIncrementsEditor({ saved, save }: BidIncrementsEditorProps) {
  const [rows, setRows] = useState<IncrementRowText[]>(() => rowsOf(saved));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Follows what is saved (here, or on another computer), unless the host is editing.
  const savedKey = JSON.stringify(saved);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setRows(rowsOf(JSON.parse(savedKey) as IncrementStep[]));
  }, [savedKey, editing]);

  const changed = !sameTable(rows, rowsOf(saved));
  const edit = (next: IncrementRowText[]) => {
    setRows(next);
    setEditing(true);
    setError(null);
  };
  const commit = async (table: readonly IncrementRowText[], done: string) => {
    const checked = checkIncrementRows(table);
    if (!checked.ok) return setError(checked.message);
    setBusy(true);
    const message = await save(checked.table, done);
    setBusy(false);
    setError(message);
    if (message === null) setEditing(false);
  };

  // Enter in a field would submit the whole Settings form: it saves the table instead.
  const onEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (changed) void commit(rows, 'Bid steps saved: new auctions use them.');
  };

  return (
    <fieldset className="increment-table" data-testid="bid-increments">
      <legend>Auction bid steps</legend>
      <p className="muted">A bid must beat the current price by at least the step of its price band. New auctions use the table as saved.</p>
      <ol className="increment-rows">
        {rows.map((row, index) => (
          <li key={index} className="increment-row" data-testid="bid-increment-row">
            <span>from $</span>
            <input
              className="input increment-input"
              inputMode="decimal"
              aria-label={`Row ${index + 1}: from price`}
              value={row.from}
              readOnly={index === 0}
              title={index === 0 ? 'The first band starts at 0.' : undefined}
              onKeyDown={onEnter}
              onChange={(e) => edit(rows.map((r, i) => (i === index ? { ...r, from: e.target.value } : r)))}
            />
            <span>: steps of $</span>
            <input
              className="input increment-input"
              inputMode="decimal"
              aria-label={`Row ${index + 1}: step`}
              value={row.step}
              onKeyDown={onEnter}
              onChange={(e) => edit(rows.map((r, i) => (i === index ? { ...r, step: e.target.value } : r)))}
            />
            {index > 0 && (
              <button type="button" className="button button-small" aria-label={`Remove row ${index + 1}`} onClick={() => edit(rows.filter((_, i) => i !== index))}>
                Remove
              </button>
            )}
          </li>
        ))}
      </ol>
      <div className="increment-actions">
        <button type="button" className="button button-small" onClick={() => edit([...rows, nextRow(rows)])}>
          Add a row
        </button>
        <button type="button" className="button button-small button-primary" disabled={busy || !changed} onClick={() => void commit(rows, 'Bid steps saved: new auctions use them.')}>
          Save bid steps
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={busy || sameTable(rows, COMMON_ROWS)}
          onClick={() => {
            setRows([...COMMON_ROWS]);
            void commit(COMMON_ROWS, 'Bid steps back to the common table.');
          }}
        >
          Reset to the common table
        </button>
      </div>
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

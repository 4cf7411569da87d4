import { useState, type FormEvent } from 'react';
import { SEGMENT_TYPES, type SegmentType } from '../../shared/domain/rundown.js';
import { parseDurationInput } from '../ui/format.js';
import { useRundown } from './rundown-context.js';
import { SEGMENT_LABELS } from './segment-types.js';

/** Adds an intro, giveaway, Q&A, break or custom segment at the end of the rundown. */
export function AddSegmentForm({ onError }: { onError: (message: string | null) => void }) {
  const { addItems } = useRundown();
  const [open, setOpen] = useState(false);
  const [type, setType] = useState<SegmentType>('intro');
  const [title, setTitle] = useState('');
  const [planned, setPlanned] = useState('');
  const [busy, setBusy] = useState(false);

  if (!open) {
    return (
      <button type="button" className="button button-small add-segment-button" onClick={() => setOpen(true)}>
        + Segment
      </button>
    );
  }

  const plannedSeconds = parseDurationInput(planned);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (plannedSeconds === undefined) return;
    setBusy(true);
    const result = await addItems([
      { kind: 'segment', segmentType: type, title: title.trim() || SEGMENT_LABELS[type], plannedSeconds },
    ]);
    setBusy(false);
    if (!result.ok) return onError(result.error.message);
    onError(null);
    setTitle('');
    setPlanned('');
    setOpen(false);
  };

  return (
    <form className="inline-form add-segment" aria-label="Add a segment" onSubmit={(e) => void submit(e)}>
      <div className="add-segment-fields">
        <label className="field">
          <span>Segment type</span>
          <select className="select" value={type} onChange={(e) => setType(e.target.value as SegmentType)}>
            {SEGMENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {SEGMENT_LABELS[t]}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-grow">
          <span>Segment title</span>
          <input value={title} maxLength={120} placeholder={SEGMENT_LABELS[type]} autoFocus onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label className="field field-time">
          <span>Planned minutes</span>
          <input value={planned} placeholder="5 or 4:30" aria-invalid={plannedSeconds === undefined} onChange={(e) => setPlanned(e.target.value)} />
        </label>
      </div>
      {plannedSeconds === undefined && <p className="field-error">Type minutes, like 5 or 4:30.</p>}
      <div className="inline-form-actions">
        <button type="button" className="button button-small" onClick={() => setOpen(false)}>
          Cancel
        </button>
        <button type="submit" className="button button-primary button-small" disabled={busy || plannedSeconds === undefined}>
          Add segment
        </button>
      </div>
    </form>
  );
}

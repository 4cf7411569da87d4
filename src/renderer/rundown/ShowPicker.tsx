import { useId, useState, type FormEvent } from 'react';
import type { Result } from '../../shared/api/result.js';
import type { RundownState, Show } from '../../shared/domain/rundown.js';
import { useAbilities } from '../api/role-context.js';
import { useStudio } from '../api/studio-context.js';
import { formatDateTime, formatDuration } from '../ui/format.js';
import { useRundown } from './rundown-context.js';

export type RunRundownCall = (call: Promise<Result<RundownState>>) => Promise<boolean>;

type Mode = 'idle' | 'create' | 'duplicate' | 'delete';

/** Which show the rundown panel works on: pick, create, duplicate as a template, delete. */
export function ShowPicker({ run, onError }: { run: RunRundownCall; onError: (message: string | null) => void }) {
  const studio = useStudio();
  const { rundown, shows, reload } = useRundown();
  const [mode, setMode] = useState<Mode>('idle');
  // Marking a show as practice (or real) is the host's, like renaming it.
  const { role } = useAbilities();
  const selectId = useId();
  const active = rundown?.show ?? null;
  const list = shows ?? [];

  const openShow = async (created: Result<Show>) => {
    if (!created.ok) {
      onError(created.error.message);
      return false;
    }
    const ok = await run(studio.setActiveShow({ showId: created.value.id }));
    if (ok) setMode('idle');
    return ok;
  };

  const updatePractice = async (showId: number, practice: boolean) => {
    const result = await studio.updateShow({ showId, practice });
    if (!result.ok) onError(result.error.message);
  };

  const remove = async () => {
    if (!active) return;
    const result = await studio.deleteShow({ showId: active.id });
    if (!result.ok) return onError(result.error.message);
    setMode('idle');
    // Open the most recent remaining show, if any.
    const rest = list.filter((s) => s.id !== active.id).sort((a, b) => b.createdAt - a.createdAt);
    if (rest[0]) await run(studio.setActiveShow({ showId: rest[0].id }));
    else await reload();
  };

  if (list.length === 0 && mode !== 'create') {
    return (
      <div className="show-picker show-picker-empty">
        <p className="help">No show yet. Make one, or add a product from the catalog and “Today’s show” is made for you.</p>
        <button type="button" className="button button-primary button-small" onClick={() => setMode('create')}>
          New show
        </button>
      </div>
    );
  }

  return (
    <div className="show-picker">
      {mode !== 'create' && (
        <div className="show-picker-row">
          <label htmlFor={selectId} className="visually-hidden">
            Show
          </label>
          <select
            id={selectId}
            className="select show-select"
            value={active?.id ?? ''}
            onChange={(e) => void run(studio.setActiveShow({ showId: Number(e.target.value) }))}
          >
            {!active && <option value="">Choose a show…</option>}
            {list.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
                {s.scheduledStart ? ` · ${formatDateTime(s.scheduledStart)}` : ''}
              </option>
            ))}
          </select>
          <button type="button" className="button button-small" onClick={() => setMode('create')}>
            New
          </button>
          <button type="button" className="button button-small" disabled={!active} onClick={() => setMode('duplicate')} title="Copy this show’s rundown into a new show">
            Duplicate
          </button>
          <button type="button" className="button button-small" disabled={!active} onClick={() => setMode('delete')}>
            Delete
          </button>
        </div>
      )}
      {active && mode === 'idle' && (
        <div className="show-meta-row">
          <p className="show-meta">
            {active.scheduledStart ? `${formatDateTime(active.scheduledStart)} · ` : ''}
            {active.itemCount} {active.itemCount === 1 ? 'item' : 'items'}
            {active.plannedSeconds > 0 ? ` · ${formatDuration(active.plannedSeconds)} planned` : ''}
          </p>
          <label className="practice-toggle" title="A rehearsal: PRACTICE on the studio and every viewer’s page; its claims are never exported or counted as sales">
            <input
              type="checkbox"
              checked={active.practice}
              disabled={role !== 'host'}
              onChange={(e) => void updatePractice(active.id, e.target.checked)}
            />
            Practice show
          </label>
        </div>
      )}
      {mode === 'create' && (
        <ShowForm
          title="New show"
          submitLabel="Create show"
          withSchedule
          initialName=""
          onCancel={() => setMode('idle')}
          onSubmit={async (name, scheduledStart, practice) => openShow(await studio.createShow({ name, scheduledStart, practice }))}
        />
      )}
      {mode === 'duplicate' && active && (
        <ShowForm
          title={`Duplicate “${active.name}” as a template`}
          submitLabel="Duplicate"
          withSchedule={false}
          initialName={`${active.name} (copy)`}
          onCancel={() => setMode('idle')}
          onSubmit={async (name) => openShow(await studio.duplicateShow({ showId: active.id, name }))}
        />
      )}
      {mode === 'delete' && active && (
        <div className="confirm" role="alertdialog" aria-label="Delete show">
          <span>
            Delete “{active.name}” and its {active.itemCount} {active.itemCount === 1 ? 'item' : 'items'}? Products stay in the
            catalog.
          </span>
          <button type="button" className="button button-danger button-small" onClick={() => void remove()}>
            Delete show
          </button>
          <button type="button" className="button button-small" onClick={() => setMode('idle')}>
            Keep
          </button>
        </div>
      )}
    </div>
  );
}

interface ShowFormProps {
  readonly title: string;
  readonly submitLabel: string;
  readonly withSchedule: boolean;
  readonly initialName: string;
  readonly onCancel: () => void;
  readonly onSubmit: (name: string, scheduledStart: number | null, practice: boolean) => Promise<boolean>;
}

function ShowForm({ title, submitLabel, withSchedule, initialName, onCancel, onSubmit }: ShowFormProps) {
  const [name, setName] = useState(initialName);
  const [when, setWhen] = useState('');
  const [practice, setPractice] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    // datetime-local is the host's local time, which Date reads as local time.
    const scheduledStart = when ? new Date(when).getTime() : null;
    await onSubmit(name.trim(), Number.isFinite(scheduledStart) ? scheduledStart : null, practice);
    setBusy(false);
  };
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label={title}>
      <p className="inline-form-title">{title}</p>
      <label className="field">
        <span>Show name</span>
        <input value={name} maxLength={120} autoFocus onChange={(e) => setName(e.target.value)} />
      </label>
      {withSchedule && (
        <label className="field">
          <span>Scheduled start (optional)</span>
          <input type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />
        </label>
      )}
      {withSchedule && (
        <label className="practice-toggle">
          <input type="checkbox" checked={practice} onChange={(e) => setPractice(e.target.checked)} />
          <span>
            Practice show <span className="help">— a rehearsal with a simulated audience; nothing in it is a sale</span>
          </span>
        </label>
      )}
      <div className="inline-form-actions">
        <button type="button" className="button button-small" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary button-small" disabled={busy || !name.trim()}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
